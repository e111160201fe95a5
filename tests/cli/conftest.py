"""Fixtures of the command-line tests: `cli` runs `zai ARGS...` in-process against the fake server.

Polling commands get `--poll-interval 0.01` (a hidden option; `ZAI_CLI_POLL_INTERVAL` does the
same), so that `--wait` finishes in milliseconds.
"""

from __future__ import annotations

import contextlib
import io
import json
from typing import Any, Callable

import pytest

from tests.conftest import KEY
from zai.cli import main
from zai.testing import FakeZai

Run = Callable[..., "tuple[int, str, str]"]

FAST = ["--poll-interval", "0.01"]


class TTY(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # progress lines are cut to the terminal's width


@pytest.fixture
def cli(server: FakeZai, capsys: pytest.CaptureFixture[str]) -> Run:
    """Run `zai ARGS...` with a key and the fake server's URL; returns (exit code, stdout, stderr)."""

    def run(*argv: str, auth: bool = True, stderr: io.StringIO | None = None) -> tuple[int, str, str]:
        prefix = ["--api-key", KEY, "--base-url", server.base_url] if auth else []
        if stderr is None:
            code = main([*prefix, *argv])
        else:
            with contextlib.redirect_stderr(stderr):
                code = main([*prefix, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def tty_stderr(monkeypatch: pytest.MonkeyPatch) -> TTY:
    """A terminal for stderr: pass it as `cli(..., stderr=tty_stderr)`."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    return TTY()


def multipart_field(body: bytes, name: str) -> bytes:
    head = f'name="{name}"'.encode()
    start = body.index(head)
    value_start = body.index(b"\r\n\r\n", start) + 4
    return body[value_start : body.index(b"\r\n--", value_start)]


def request_line(custom_id: str, content: str = "Hi", **body: Any) -> str:
    body = {"model": "glm-5.2", "messages": [{"role": "user", "content": content}], **body}
    return json.dumps({"custom_id": custom_id, "method": "POST", "url": "/v4/chat/completions", "body": body}) + "\n"
