"""The `zai` program as a whole: client options, errors and exit codes, the progress line, as a subprocess."""

from __future__ import annotations

import io
import json
import logging
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import zai
from tests.cli.conftest import TTY, Run, request_line
from zai.cli import _commands, main
from zai.cli._output import describe_error
from zai.cli._progress import Progress, format_bytes, format_elapsed
from zai.testing import FakeZai, Reply

# ---------------------------------------------------------------------- client options


def test_options_from_the_environment(
    server: FakeZai, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZAI_API_KEY", "env.key")
    monkeypatch.setenv("ZAI_BASE_URL", server.base_url)
    assert main(["models"]) == 0
    assert server.last().headers["authorization"] == "Bearer env.key"
    assert main(["models", "--api-key", "flag.key"]) == 0
    assert server.last().headers["authorization"] == "Bearer flag.key"


def test_global_options_may_follow_the_command(cli: Run, server: FakeZai) -> None:
    code, out, _ = cli("models", "--api-key", "late.key", "--base-url", server.base_url, auth=False)
    assert code == 0 and out.startswith("glm-5.2")
    assert server.last().headers["authorization"] == "Bearer late.key"


def test_zhipu_uses_the_bigmodel_client(cli: Run, server: FakeZai) -> None:
    cli("models")
    assert server.last().headers["accept-language"] == "en-US,en"
    cli("--zhipu", "models")
    assert "accept-language" not in server.last().headers


def test_max_retries_and_timeout(cli: Run, server: FakeZai, sleeps: list[float]) -> None:
    busy = Reply(503, {"error": {"code": "1305", "message": "overloaded"}})
    server.script("GET", "/paas/v4/models", busy, busy, busy)
    assert cli("--quiet", "--max-retries", "1", "models") == (1, "", "zai: error: [1305] overloaded (HTTP 503)\n")
    assert server.count("GET", "/paas/v4/models") == 2
    server.reset()
    server.script("GET", "/paas/v4/models", Reply(200, {"data": []}, delay=0.5))
    code, _, err = cli("models", "--timeout", "0.1", "--max-retries", "0")
    assert (code, err) == (1, f"zai: error: Request timed out. (GET {server.base_url}/models)\n")


# ---------------------------------------------------------------------- errors and exit codes


def test_retries_are_shown_as_they_happen(cli: Run, server: FakeZai, sleeps: list[float]) -> None:
    limited = Reply(429, {"error": {"code": "1302", "message": "rate limit reached"}})
    server.script("POST", "/paas/v4/chat/completions", *[limited] * 4)
    code, out, err = cli("chat", "Hi")
    assert (code, out) == (1, "")
    url = f"{server.base_url}/chat/completions"
    assert err.splitlines() == [
        f"zai: retrying POST {url} in {delay:.2f} s (retry {n} of 3) after status 429"
        for n, delay in enumerate(sleeps, start=1)
    ] + ["zai: error: [1302] rate limit reached (HTTP 429)"]
    assert server.count("POST", "/paas/v4/chat/completions") == 4  # the client's retries still apply
    server.script("POST", "/paas/v4/chat/completions", *[limited] * 4)
    assert cli("chat", "Hi", "-q") == (1, "", "zai: error: [1302] rate limit reached (HTTP 429)\n")
    assert not logging.getLogger("zai").handlers  # the CLI leaves the logger as it found it
    assert logging.getLogger("zai").level == logging.NOTSET


def test_a_refused_connection_names_the_url(cli: Run, sleeps: list[float]) -> None:
    with FakeZai() as gone:
        url = gone.base_url
    code, _, err = cli("--base-url", url, "--max-retries", "2", "models")
    lines = err.splitlines()
    assert code == 1 and len(lines) == 3
    assert (
        lines[0].startswith(f"zai: retrying GET {url}/models in ") and "(retry 1 of 2) after ConnectError" in lines[0]
    )
    assert lines[2].startswith("zai: error: Connection error: ")
    assert lines[2].endswith(f" (GET {url}/models)")


def test_missing_key(cli: Run, server: FakeZai) -> None:
    code, out, err = cli("--base-url", server.base_url, "models", auth=False)
    assert (code, out) == (1, "")
    assert err == "zai: error: no API key: pass --api-key or set the ZAI_API_KEY environment variable\n"


def test_bad_base_url(cli: Run) -> None:
    code, _, err = cli("--base-url", "ftp://example.com", "models")
    assert (code, err) == (1, "zai: error: base_url must be an http(s) URL with a host, got 'ftp://example.com'\n")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["nonsense"],
        ["chat"],
        ["files"],
        ["--max-retries", "-1", "models"],
        ["--timeout", "0", "models"],
        ["videos", "generate", "x", "--timeout", "never"],
        ["chat", "Hi", "--thinking", "maybe"],
    ],
)
def test_usage_errors_exit_2(cli: Run, server: FakeZai, argv: list[str]) -> None:
    code, out, err = cli(*argv)
    assert (code, out) == (2, "")
    assert "usage: zai" in err and "error:" in err
    assert server.requests == []


def test_help_and_version(cli: Run) -> None:
    code, out, _ = cli("--help")
    assert code == 0 and "batches" in out and "ZAI_CLI_POLL_INTERVAL" in out
    code, out, _ = cli("batches", "run", "--help")
    assert code == 0 and "--endpoint" in out and "--wait" in out
    assert cli("--version") == (0, f"zai-sdk {zai.__version__}\n", "")


def test_interrupt_exits_130(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(_commands, "models", interrupted)
    assert cli("models") == (130, "", "zai: error: interrupted\n")


def test_describe_error() -> None:
    assert describe_error(zai.WaitTimeoutError("Still\nwaiting", last=None)) == "Still waiting"
    assert describe_error(PermissionError(13, "Permission denied", "/root/x")) == "Permission denied: /root/x"
    assert describe_error(zai.ZaiError()) == "ZaiError"


# ---------------------------------------------------------------------- the progress line


def test_progress_on_a_terminal_redraws_one_line() -> None:
    clock = iter([0.0, 1.0, 65.0, 3725.0]).__next__
    stream = TTY()
    progress = Progress("batch b1", stream=stream, clock=clock, units="requests")
    progress.update("in_progress", done=1, total=4)
    progress.update("in_progress", done=4, total=4, failed=2)
    progress.update("finalizing")
    progress.close()
    progress.close()
    assert stream.getvalue().split("\r")[1:] == [
        "| batch b1  in_progress  [#####...............]  25%  1/4 requests  0:01",
        "/ batch b1  in_progress  [####################] 100%  4/4 requests, 2 failed  1:05",
        "- batch b1  finalizing  1:02:05".ljust(
            len("/ batch b1  in_progress  [####################] 100%  4/4 requests, 2 failed  1:05")
        )
        + "\n",
    ]


def test_progress_elsewhere_writes_status_changes() -> None:
    clock = iter([0.0, 1.0, 2.0, 3.0, 4.0]).__next__
    stream = io.StringIO()
    with Progress("video v1", stream=stream, clock=clock) as progress:
        progress.update("PROCESSING")
        progress.update("PROCESSING")
        progress.update("SUCCESS")
    assert stream.getvalue() == "zai: video v1: PROCESSING [0:01]\nzai: video v1: SUCCESS [0:02]\n"


def test_formatting_helpers() -> None:
    assert [format_elapsed(s) for s in (0, 59.9, 61, 3600)] == ["0:00", "0:59", "1:01", "1:00:00"]
    assert [format_bytes(n) for n in (0, 1023, 1536, 5 * 1024**2, 3 * 1024**4)] == [
        "0 B",
        "1023 B",
        "1.5 KiB",
        "5.0 MiB",
        "3072.0 GiB",
    ]


# ---------------------------------------------------------------------- as a program


def test_import_zai_does_not_import_the_cli() -> None:
    code = "import sys, zai; assert 'zai.cli' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_subprocess_exit_status_and_one_line_error(server: FakeZai) -> None:
    denied = Reply(401, {"error": {"code": "1002", "message": "Authorization token is invalid"}})
    server.script("GET", "/paas/v4/models", denied)
    env = {**os.environ, "ZAI_API_KEY": "bad.key", "ZAI_BASE_URL": server.base_url}
    env.pop("NO_COLOR", None)
    script = Path(sys.executable).with_name("zai")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "zai.cli"]
    result = subprocess.run([*command, "models"], capture_output=True, text=True, env=env, timeout=60)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "zai: error: [1002] Authorization token is invalid (HTTP 401)\n"

    result = subprocess.run(
        [sys.executable, "-m", "zai.cli", "chat", "-"], input="piped", capture_output=True, text=True, env=env
    )
    assert (result.returncode, result.stdout) == (0, 'This is the local Z.ai test server. You said: "piped"\n')

    result = subprocess.run([sys.executable, "-m", "zai.cli", "nonsense"], capture_output=True, text=True, env=env)
    assert result.returncode == 2


def test_the_documented_commands_run_against_the_fake(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert zai.cli.__doc__
    commands = [shlex.split(line)[1:] for line in zai.cli.__doc__.splitlines() if line.startswith("    zai ")]
    assert len(commands) == 11
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(_commands.POLL_INTERVAL_ENV, "0.01")
    (tmp_path / "requests.jsonl").write_text(request_line("r1") + request_line("r2"))
    ids: dict[str, str] = {}
    for argv in commands:
        code, out, err = cli(*[ids.get(arg, arg) for arg in argv])
        assert (code, err.count("error")) == (0, 0), (argv, err)
        assert out or "-o" in argv, argv
        if argv[:2] == ["videos", "generate"]:
            ids["TASK_ID"] = err.split()[3]
        if argv[:2] == ["batches", "run"]:
            ids["BATCH_ID"] = err.split()[2]
    assert [json.loads(line)["custom_id"] for line in (tmp_path / "results.jsonl").read_text().splitlines()] == [
        "r1",
        "r2",
    ]


def test_python_m_zai_is_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "zai", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("usage: zai ")
