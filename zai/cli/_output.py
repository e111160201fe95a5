"""Where the CLI writes: results to stdout, everything else (progress, reasoning, errors) to stderr.

The streams are looked up on every call rather than bound at import, so that tests (and callers
that redirect `sys.stdout`) see the output.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Generator
from typing import TextIO

import zai
from zai._exceptions import server_message

__all__ = ["CommandError", "Console", "ReasoningWriter", "UsageError", "describe_error", "retry_lines"]

_DIM = "\x1b[2m"
_RESET = "\x1b[0m"


class CommandError(Exception):
    """A command could not do its work for a reason the API did not report as an error (exit code 1)."""


class UsageError(Exception):
    """The command line was well-formed but unusable, e.g. an empty prompt (exit code 2)."""


class Console:
    """stdout and stderr, with the CLI's conventions. A `quiet` console writes no status lines."""

    def __init__(self, *, quiet: bool = False) -> None:
        self.quiet = quiet

    @property
    def stdout(self) -> TextIO:
        return sys.stdout

    @property
    def stderr(self) -> TextIO:
        return sys.stderr

    def print(self, text: str = "") -> None:
        """A line of results on stdout."""
        self.stdout.write(text + "\n")

    def write(self, text: str) -> None:
        """Results on stdout as they arrive (no newline added)."""
        self.stdout.write(text)
        self.stdout.flush()

    def write_bytes(self, data: bytes) -> None:
        """Raw bytes on stdout (downloads), through its binary buffer when it has one."""
        stdout = self.stdout
        stdout.flush()
        buffer = getattr(stdout, "buffer", None)
        if buffer is not None:
            buffer.write(data)
            buffer.flush()
        else:
            stdout.write(data.decode("utf-8", errors="replace"))
            stdout.flush()

    def info(self, text: str) -> None:
        """A status line on stderr (not when quiet)."""
        if not self.quiet:
            self.note(text)

    def note(self, text: str) -> None:
        """A line on stderr that even a quiet console writes (what the user must know)."""
        self.stderr.write(f"zai: {text}\n")
        self.stderr.flush()

    def error(self, text: str) -> None:
        """The one-line error report on stderr."""
        self.stderr.write(f"zai: error: {text}\n")
        self.stderr.flush()

    def stderr_is_tty(self) -> bool:
        try:
            return bool(self.stderr.isatty())
        except (AttributeError, ValueError):
            return False

    def stderr_color(self) -> bool:
        """Whether stderr may carry ANSI styles (a terminal, and neither NO_COLOR nor TERM=dumb)."""
        return self.stderr_is_tty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


class ReasoningWriter:
    """Writes a model's reasoning to stderr: dimmed on a colour terminal, else after a ``[reasoning]`` prefix."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.color = console.stderr_color()
        self._open = False
        self._last = ""

    def write(self, text: str) -> None:
        if not text:
            return
        stderr = self.console.stderr
        if not self._open:
            self._open = True
            if not self.color:
                stderr.write("[reasoning] ")
        stderr.write(f"{_DIM}{text}{_RESET}" if self.color else text)
        stderr.flush()
        self._last = text

    def end(self) -> None:
        """Close the reasoning block (before the answer starts, or at the end)."""
        if self._open:
            if not self._last.endswith("\n"):
                self.console.stderr.write("\n")
            self.console.stderr.flush()
            self._open = False


def describe_error(error: BaseException) -> str:
    """One line describing an error, e.g. ``[1302] rate limit reached (HTTP 429)``."""
    if isinstance(error, zai.APIStatusError):
        detail = server_message(error)
        text = f"[{error.code}] {detail}" if error.code else detail
        where = f"HTTP {error.status_code}"
        if error.request_id:
            where += f", request id {error.request_id}"
        text = f"{text} ({where})"
    elif isinstance(error, zai.APIError):
        text = error.message
        if error.code and not text.startswith(f"[{error.code}]"):
            text = f"[{error.code}] {text}"
        request = error.request
        if isinstance(error, zai.APIConnectionError) and request is not None and str(request.url) not in text:
            text = f"{text} ({request.method} {request.url})"
    elif isinstance(error, FileNotFoundError) and error.filename is not None:
        text = f"no such file: {error.filename}"
    elif isinstance(error, OSError) and error.strerror and error.filename is not None:
        text = f"{error.strerror}: {error.filename}"
    else:
        text = str(error) or type(error).__name__
    return " ".join(text.split()) or type(error).__name__


class _RetryLines(logging.Handler):
    """Writes the SDK's retry records (INFO on the `zai` logger) as status lines."""

    def __init__(self, console: Console) -> None:
        super().__init__(logging.INFO)
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.INFO:
            message = record.getMessage()
            self.console.info(message[:1].lower() + message[1:])


@contextlib.contextmanager
def retry_lines(console: Console) -> Generator[None, None, None]:
    """While the block runs, show each retry of a request on stderr, one line each (not when quiet).

    Left alone when the `zai` logger already has a handler (`ZAI_LOG` set it up, or the program did).
    """
    logger = logging.getLogger("zai")
    if console.quiet or logger.handlers:
        yield
        return
    handler = _RetryLines(console)
    level = logger.level
    logger.addHandler(handler)
    if not logger.isEnabledFor(logging.INFO):
        logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
