"""Server-Sent Events decoding, following the WHATWG event-stream rules.

Lines end with CR, LF or CRLF (a CR at the end of one chunk and an LF at the start of the next are
one line ending); `data` lines accumulate and are joined with LF; lines starting with `:` are
comments; `event`, `id` (ignored if it contains NUL) and `retry` (digits only) are kept; a blank
line dispatches the event, and an event without data is dropped. At the end of the body, a last
event that was not followed by a blank line is still dispatched.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator

__all__ = ["SSEDecoder", "ServerSentEvent", "aiter_events", "iter_events"]


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

    __slots__ = ("_buffer", "_data", "_event", "_last_id", "_retry")

    def __init__(self) -> None:
        self._buffer = b""
        self._data: list[bytes] = []
        self._event: str | None = None
        self._last_id: str | None = None
        self._retry: int | None = None

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """Decode a chunk; returns the events it completed."""
        if self._buffer:
            chunk = self._buffer + chunk
            self._buffer = b""
        lines = chunk.splitlines(keepends=True)
        if not lines:
            return []
        last = lines[-1]
        # An unterminated last line, or one ending in CR (maybe half of a CRLF), waits for more bytes.
        if last[-1:] == b"\r" or last[-1:] != b"\n":
            self._buffer = lines.pop()
        events: list[ServerSentEvent] = []
        for line in lines:
            event = self._line(line.rstrip(b"\r\n"))
            if event is not None:
                events.append(event)
        return events

    def flush(self) -> list[ServerSentEvent]:
        """End of the body: decode what is buffered and dispatch a pending event."""
        events: list[ServerSentEvent] = []
        if self._buffer:
            event = self._line(self._buffer.rstrip(b"\r\n"))
            self._buffer = b""
            if event is not None:
                events.append(event)
        event = self._line(b"")
        if event is not None:
            events.append(event)
        return events

    def _line(self, line: bytes) -> ServerSentEvent | None:
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

    def _dispatch(self) -> ServerSentEvent | None:
        if not self._data:
            self._event = None
            self._retry = None
            return None
        data = self._data[0] if len(self._data) == 1 else b"\n".join(self._data)
        event = ServerSentEvent(data.decode("utf-8", errors="replace"), self._event, self._last_id, self._retry)
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
