"""`zai.core.logs`: the logging helpers zai-sdk's own test suite configures logging with."""

from __future__ import annotations

import logging
import logging.config
from pathlib import Path

import pytest

from zai.core.logs import LoggerNameFilter, get_config_dict, get_log_file, get_timestamp_ms


def test_config_dict_logs_to_stderr_and_a_rotating_file(tmp_path: Path) -> None:
    path = get_log_file(log_path=str(tmp_path / "logs"), sub_dir=f"local_{get_timestamp_ms()}")
    assert path.endswith("zai.log") and Path(path).parent.is_dir()
    config = get_config_dict("info", path, 2, 1024)
    assert config["root"] == {"level": "INFO", "handlers": ["stream_handler", "file_handler"]}
    assert config["handlers"]["file_handler"]["maxBytes"] == 1024
    assert config["handlers"]["file_handler"]["backupCount"] == 2
    root = logging.getLogger()
    saved = (root.level, root.handlers[:])
    try:
        logging.config.dictConfig(config)
        logging.getLogger("zai.test").info("hello from the test")
        for handler in root.handlers:
            handler.flush()
        assert "hello from the test" in Path(path).read_text(encoding="utf8")
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers[:] = saved[1]
        root.setLevel(saved[0])


def test_log_directory_must_be_new(tmp_path: Path) -> None:
    get_log_file(str(tmp_path), "run")
    with pytest.raises(FileExistsError):
        get_log_file(str(tmp_path), "run")


def test_filter_and_timestamp() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)
    assert LoggerNameFilter().filter(record) is True
    assert abs(get_timestamp_ms() - get_timestamp_ms()) < 1000 and get_timestamp_ms() > 1_700_000_000_000
