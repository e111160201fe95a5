"""What the fake server receives (`RecordedRequest`) and how it can answer (`Reply`, `SSE`, `Reset`)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping
from typing import IO, Any, Callable, Union, cast

__all__ = ["SSE", "Action", "Handler", "RecordedRequest", "Reply", "Reset", "error_reply"]


class Reply:
    """Answer with `status` and a JSON (or raw) body, optionally after `delay` seconds.

    `body` is bytes, or an iterable of bytes sent as they come (chunked, unless `headers` give a
    `Content-Length`); an iterable body can be sent once.
    """

    def __init__(
        self,
        status: int = 200,
        json_body: Any = None,
        *,
        body: bytes | Iterable[bytes] | None = None,
        headers: Mapping[str, str] | None = None,
        delay: float = 0.0,
        content_type: str = "application/json",
    ) -> None:
        self.status = status
        self.body: bytes | Iterable[bytes] = (
            body if body is not None else (b"" if json_body is None else json.dumps(json_body).encode())
        )
        self.headers = dict(headers or {})
        self.delay = delay
        self.content_type = content_type

    def json(self) -> Any:
        """The body parsed as JSON (a body given as an iterable is not read: `None`)."""
        return json.loads(self.body) if isinstance(self.body, bytes) and self.body else None


class SSE:
    """Answer 200 with an event stream.

    `events` are dicts (sent as `data: <json>`) or raw strings (sent as they are, so they can carry
    `event:` lines or malformed data). `done` appends `data: [DONE]`. `cut_after=k` drops the
    connection after k events, without ending the chunked body. `first_byte_delay` and `delay`
    slow the start and each event.
    """

    def __init__(
        self,
        events: Iterable[Mapping[str, Any] | str],
        *,
        done: bool = True,
        cut_after: int | None = None,
        delay: float = 0.0,
        first_byte_delay: float = 0.0,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.events = [e if isinstance(e, str) else f"data: {json.dumps(e, ensure_ascii=False)}\n\n" for e in events]
        if done:
            self.events.append("data: [DONE]\n\n")
        self.cut_after = cut_after
        self.delay = delay
        self.first_byte_delay = first_byte_delay
        self.headers = dict(headers or {})


class Reset:
    """Close the connection without answering (after `delay` seconds)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay


class RecordedRequest:
    """A request the server received.

    `body` is the whole body as bytes; `open_body()` reads it as a file without loading it (large
    uploads are kept on disk).
    """

    def __init__(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        headers: dict[str, str],
        body: bytes | IO[bytes] = b"",
    ) -> None:
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self._body = body

    @property
    def body(self) -> bytes:
        if isinstance(self._body, bytes):
            return self._body
        self._body.seek(0)
        return self._body.read()

    def open_body(self) -> IO[bytes]:
        """The body as a binary file, from its start."""
        if isinstance(self._body, bytes):
            return io.BytesIO(self._body)
        self._body.seek(0)
        return self._body

    def json(self) -> Any:
        return json.loads(self.body)

    def close(self) -> None:
        """Release the temporary file of a large body (the server does it on `reset()` and `stop()`)."""
        if not isinstance(self._body, bytes):
            self._body.close()

    def json_object(self) -> dict[str, Any] | None:
        """The body if it is a JSON object, else `None` (not JSON, or another JSON value)."""
        try:
            value = self.json()
        except ValueError:
            return None
        return cast("dict[str, Any]", value) if isinstance(value, dict) else None

    def __repr__(self) -> str:
        return f"RecordedRequest({getattr(self, 'method', '?')} {getattr(self, 'path', '?')})"


Action = Union[Reply, SSE, Reset]
Handler = Callable[[RecordedRequest], Action]


def error_reply(status: int, code: str, message: str) -> Reply:
    """An error in the platform's shape: ``{"error": {"code": ..., "message": ...}}``."""
    return Reply(status, {"error": {"code": code, "message": message}})
