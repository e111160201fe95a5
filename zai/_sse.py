"""Server-Sent Events decoding, following the WHATWG event-stream rules.

Lines end with CR, LF or CRLF (a CR at the end of one chunk and an LF at the start of the next are
one line ending); `data` lines accumulate and are joined with LF; lines starting with `:` are
comments; `event`, `id` (ignored if it contains NUL) and `retry` (digits only) are kept; a blank
line dispatches the event, and an event without data is dropped. At the end of the body, a last
event that was not followed by a blank line is still dispatched.

The decoder's work is linear in the bytes fed: a chunk without a line ending is only stored, and
the pieces of a line are joined once, when its ending arrives (an event of many megabytes arriving
in small chunks costs no more per byte than a small one). A line ending in CR is complete at once:
its event is dispatched without waiting for the next chunk, which is only checked for the LF of a
CRLF split between the two.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Optional

__all__ = ["Fields", "SSEDecoder", "ServerSentEvent", "aiter_events", "iter_events"]

# An event's data, event name, last event id and retry, in that order.
Fields = tuple[str, Optional[str], Optional[str], Optional[int]]


class ServerSentEvent:
    """One dispatched event."""

    __slots__ = ("data", "event", "id", "retry")

    def __init__(self, data: str, event: str | None = None, id: str | None = None, retry: int | None = None) -> None:
        self.data = data
        self.event = event
        self.id = id
        self.retry = retry

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ServerSentEvent):
            return NotImplemented
        return (self.data, self.event, self.id, self.retry) == (other.data, other.event, other.id, other.retry)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name, None)!r}" for name in ("data", "event", "id", "retry"))
        return f"ServerSentEvent({fields})"


class SSEDecoder:
    """Incremental decoder: feed it bytes as they arrive, then `flush()` at the end of the body."""

    __slots__ = ("_after_cr", "_data", "_event", "_last_id", "_partial", "_retry")

    def __init__(self) -> None:
        # The start of a line whose ending has not arrived yet, in the pieces it came in.
        self._partial: list[bytes] = []
        # The last chunk ended with CR: an LF opening the next one belongs to that line ending.
        self._after_cr = False
        self._data: list[bytes] = []
        self._event: str | None = None
        self._last_id: str | None = None
        self._retry: int | None = None

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """Decode a chunk; returns the events it completed."""
        return [ServerSentEvent(*fields) for fields in self.feed_fields(chunk)]

    def flush(self) -> list[ServerSentEvent]:
        """End of the body: decode what is buffered and dispatch a pending event."""
        return [ServerSentEvent(*fields) for fields in self.flush_fields()]

    def feed_fields(self, chunk: bytes) -> list[Fields]:
        """`feed`, with each event as its fields (data, event, id, retry): no object per event,
        for the per-chunk loop of a stream."""
        if self._after_cr:
            self._after_cr = False
            if chunk[:1] == b"\n":
                chunk = chunk[1:]
        # The common shape of a token stream: one `data:` line and a blank line per chunk, nothing
        # pending. Decoded here without splitting lines; the result is the same as the general path.
        if (
            chunk[:5] == b"data:"
            and chunk[-2:] == b"\n\n"
            and chunk.find(b"\n") == len(chunk) - 2
            and chunk.find(b"\r") < 0
            and not self._partial
            and not self._data
            and self._event is None
            and self._retry is None
        ):
            value = chunk[6:-2] if chunk[5:6] == b" " else chunk[5:-2]
            try:
                data = value.decode()
            except UnicodeDecodeError:
                data = value.decode("utf-8", errors="replace")
            return [(data, None, self._last_id, None)]
        if chunk.find(b"\n") < 0 and chunk.find(b"\r") < 0:
            if chunk:
                self._partial.append(chunk)
            return []
        lines = chunk.splitlines(keepends=True)
        if self._partial:
            self._partial.append(lines[0])
            lines[0] = b"".join(self._partial)
            self._partial = []
        last = lines[-1][-1:]
        if last == b"\r":
            self._after_cr = True
        elif last != b"\n":
            self._partial.append(lines.pop())
        events: list[Fields] = []
        for line in lines:
            event = self._line(line.rstrip(b"\r\n"))
            if event is not None:
                events.append(event)
        return events

    def flush_fields(self) -> list[Fields]:
        """`flush`, with each event as its fields."""
        events: list[Fields] = []
        self._after_cr = False
        if self._partial:
            event = self._line(b"".join(self._partial))
            self._partial = []
            if event is not None:
                events.append(event)
        event = self._line(b"")
        if event is not None:
            events.append(event)
        return events

    def _line(self, line: bytes) -> Fields | None:
        if not line:
            return self._dispatch()
        if line[0] == 0x3A:  # ":" starts a comment
            return None
        field, _, value = line.partition(b":")
        if value[:1] == b" ":
            value = value[1:]
        if field == b"data":
            self._data.append(value)
        elif field == b"event":
            self._event = value.decode("utf-8", errors="replace")
        elif field == b"id" and b"\0" not in value:
            self._last_id = value.decode("utf-8", errors="replace")
        elif field == b"retry" and value.isdigit():
            self._retry = int(value)
        return None

    def _dispatch(self) -> Fields | None:
        if not self._data:
            self._event = None
            self._retry = None
            return None
        data = self._data[0] if len(self._data) == 1 else b"\n".join(self._data)
        event = (data.decode("utf-8", errors="replace"), self._event, self._last_id, self._retry)
        self._data = []
        self._event = None
        self._retry = None
        return event


def iter_events(chunks: Iterable[bytes]) -> Iterator[ServerSentEvent]:
    """Events decoded from an iterable of byte chunks."""
    decoder = SSEDecoder()
    for chunk in chunks:
        yield from decoder.feed(chunk)
    yield from decoder.flush()


async def aiter_events(chunks: AsyncIterator[bytes]) -> AsyncIterator[ServerSentEvent]:
    """Events decoded from an async iterator of byte chunks."""
    decoder = SSEDecoder()
    async for chunk in chunks:
        for event in decoder.feed(chunk):
            yield event
    for event in decoder.flush():
        yield event
