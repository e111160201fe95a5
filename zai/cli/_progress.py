"""A single-line progress indicator for long work (waiting on a batch or a video, downloading).

On a terminal the line is redrawn in place with carriage returns: a spinner, the status, a bar with
counts when they are known, and the elapsed time. Anywhere else (a pipe, a log file, CI) it writes
one plain line each time the status changes, so logs stay readable.
"""

from __future__ import annotations

import shutil
import time
from typing import Callable, TextIO

__all__ = ["Progress", "format_bytes", "format_elapsed"]

_SPINNER = "|/-\\"
_BAR_WIDTH = 20


def format_elapsed(seconds: float) -> str:
    """``m:ss``, or ``h:mm:ss`` from one hour on."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_bytes(count: int) -> str:
    """A byte count for people: ``512 B``, ``1.5 KiB``, ``3.2 MiB``."""
    size = float(count)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{count} B" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")  # pragma: no cover


class Progress:
    """Reports the state of one piece of long work on `stream` (normally stderr).

    `update()` takes the status and, when known, how many units are `done` of `total` (and how many
    `failed`); `close()` ends the line. `tty` defaults to ``stream.isatty()``; `units="bytes"`
    shows the counts as sizes. With `stream=None` nothing is written (``--quiet``).
    """

    def __init__(
        self,
        label: str,
        *,
        stream: TextIO | None,
        tty: bool | None = None,
        units: str = "",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.stream = stream
        self.tty = (stream is not None and _isatty(stream)) if tty is None else tty
        self.units = units
        self._clock = clock
        self._started = clock()
        self._ticks = 0
        self._drawn = 0  # characters on the current terminal line
        self._last_status: str | None = None
        self._closed = False

    def elapsed(self) -> float:
        return self._clock() - self._started

    def update(
        self, status: str, *, done: int | None = None, total: int | None = None, failed: int | None = None
    ) -> None:
        if self._closed or self.stream is None:
            return
        if self.tty:
            self._draw(self.stream, self._tty_line(status, done, total, failed))
        elif status != self._last_status:
            self.stream.write(self._plain_line(status, done, total, failed) + "\n")
            self.stream.flush()
        self._last_status = status

    def close(self) -> None:
        """End the progress line (on a terminal the last state stays visible)."""
        if self._closed:
            return
        self._closed = True
        if self.stream is not None and self.tty and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = 0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------------ rendering

    def _counts(self, done: int | None, total: int | None, failed: int | None) -> str:
        if done is None:
            return ""
        show = format_bytes if self.units == "bytes" else str
        text = f"{show(done)}/{show(total)}" if total else show(done)
        if self.units and self.units != "bytes":
            text += f" {self.units}"
        if failed:
            text += f", {failed} failed"
        return text

    def _plain_line(self, status: str, done: int | None, total: int | None, failed: int | None) -> str:
        counts = self._counts(done, total, failed)
        return (
            f"zai: {self.label}: {status}" + (f" {counts}" if counts else "") + f" [{format_elapsed(self.elapsed())}]"
        )

    def _tty_line(self, status: str, done: int | None, total: int | None, failed: int | None) -> str:
        spinner = _SPINNER[self._ticks % len(_SPINNER)]
        self._ticks += 1
        parts = [f"{spinner} {self.label}", status]
        if done is not None and total:
            fraction = min(1.0, max(0.0, done / total))
            filled = round(fraction * _BAR_WIDTH)
            parts.append(f"[{'#' * filled}{'.' * (_BAR_WIDTH - filled)}] {fraction:4.0%}")
        counts = self._counts(done, total, failed)
        if counts:
            parts.append(counts)
        parts.append(format_elapsed(self.elapsed()))
        return "  ".join(parts)

    def _draw(self, stream: TextIO, line: str) -> None:
        width = shutil.get_terminal_size(fallback=(80, 24)).columns - 1
        if width > 0 and len(line) > width:
            line = line[: max(1, width - 1)] + "~"
        stream.write("\r" + line.ljust(self._drawn))
        stream.flush()
        self._drawn = len(line)


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or unusual streams
        return False
