"""zai-sdk's `zai.core.logs`: helpers that build a `logging.config.dictConfig` setup.

zai-sdk's own tests and examples configure logging with these; the SDK itself logs on the ``zai``
logger (see ``ZAI_LOG`` in docs/configuration.md) and never calls them.

    logging.config.dictConfig(get_config_dict("info", get_log_file("logs", "run-1"), 3, 1 << 20))
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

__all__ = ["LoggerNameFilter", "get_config_dict", "get_log_file", "get_timestamp_ms", "logger"]

logger = logging.getLogger(__name__)


class LoggerNameFilter(logging.Filter):
    """A filter that lets every record through (named in the configuration `get_config_dict` builds)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return True


def get_log_file(log_path: str, sub_dir: str) -> str:
    """Create the new directory `log_path/sub_dir` (it must not exist yet) and name `zai.log` in it."""
    directory = os.path.join(log_path, sub_dir)
    os.makedirs(directory)
    return os.path.join(directory, "zai.log")


def get_config_dict(log_level: str, log_file_path: str, log_backup_count: int, log_max_bytes: int) -> dict[str, Any]:
    """A `dictConfig` that sends the root logger's records at `log_level` and above to stderr and to
    a rotating file (`log_max_bytes` per file, `log_backup_count` old files kept)."""
    level = log_level.upper()
    handler_defaults = {"formatter": "plain", "level": level}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(name)-12s %(process)d %(levelname)-8s %(message)s"}},
        "filters": {"logger_name_filter": {"()": LoggerNameFilter}},
        "handlers": {
            "stream_handler": {"class": "logging.StreamHandler", **handler_defaults},
            "file_handler": {
                "class": "logging.handlers.RotatingFileHandler",
                "filename": log_file_path,
                "mode": "a",
                "maxBytes": log_max_bytes,
                "backupCount": log_backup_count,
                "encoding": "utf8",
                **handler_defaults,
            },
        },
        "root": {"level": level, "handlers": ["stream_handler", "file_handler"]},
    }


def get_timestamp_ms() -> int:
    """The current time in whole milliseconds since the epoch."""
    return round(time.time() * 1000)
