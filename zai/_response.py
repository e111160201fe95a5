"""Raw access to a response: `.with_raw_response` and `.with_streaming_response` on every resource.

raw = client.chat.completions.with_raw_response.create(model=..., messages=...)
print(raw.status_code, raw.headers["x-request-id"], raw.retries_taken)
completion = raw.parse()  # what `create(...)` would have returned

with client.files.with_streaming_response.content("file-1") as response:
    for chunk in response.iter_bytes():  # the body is read only as it is consumed
        ...
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from types import TracebackType
from typing import Any, Callable, Generic, TypeVar

import httpx

from . import _body as body
from ._base_client import RETRIES_TAKEN
from ._exceptions import request_id
from ._json import loads

__all__ = ["APIResponse", "AsyncAPIResponse"]

T = TypeVar("T", covariant=True)


class _Common(Generic[T]):
    http_response: httpx.Response

    def __init__(self, response: httpx.Response, parse: Callable[[], Any]) -> None:
        self.http_response = response
        self._parse = parse
        self._parsed: Any = _UNPARSED

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def http_request(self) -> httpx.Request:
        return self.http_response.request

    @property
    def url(self) -> httpx.URL:
        return self.http_response.request.url

    @property
    def method(self) -> str:
        return self.http_response.request.method

    @property
    def retries_taken(self) -> int:
        """How many times the request was retried before this response."""
        return int(self.http_response.extensions.get(RETRIES_TAKEN, 0))

    @property
    def request_id(self) -> str | None:
        return request_id(self.http_response)

    @property
    def is_closed(self) -> bool:
        return self.http_response.is_closed

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {body.describe(getattr(self, 'http_response', None))}>"


class APIResponse(_Common[T]):
    """The HTTP response of a call, and `parse()` for what the method returns."""

    def parse(self) -> T:
        """What the method would have returned (parsed once; the body is read if it was not)."""
        if self._parsed is _UNPARSED:
            self._parsed = self._parse()
        result: T = self._parsed
        return result

    def read(self) -> bytes:
        """The whole body."""
        return body.read(self.http_response, _FAILED)

    @property
    def content(self) -> bytes:
        return self.read()

    @property
    def text(self) -> str:
        return self.read().decode(self.http_response.encoding or "utf-8", errors="replace")

    def json(self) -> Any:
        return loads(self.read())

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        return body.chunks(self.http_response, self.http_response.iter_bytes(chunk_size), _FAILED)

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        return body.chunks(self.http_response, self.http_response.iter_text(chunk_size), _FAILED)

    def iter_lines(self) -> Iterator[str]:
        return body.chunks(self.http_response, self.http_response.iter_lines(), _FAILED)

    def close(self) -> None:
        self.http_response.close()

    def __enter__(self) -> APIResponse[T]:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


class AsyncAPIResponse(_Common[T]):
    """The asynchronous twin of `APIResponse`."""

    async def parse(self) -> T:
        """What the method would have returned (parsed once; the body is read if it was not)."""
        if self._parsed is _UNPARSED:
            parsed = self._parse()
            if hasattr(parsed, "__await__"):
                parsed = await parsed
            self._parsed = parsed
        result: T = self._parsed
        return result

    async def read(self) -> bytes:
        """The whole body."""
        return await body.aread(self.http_response, _FAILED)

    async def text(self) -> str:
        return (await self.read()).decode(self.http_response.encoding or "utf-8", errors="replace")

    async def json(self) -> Any:
        return loads(await self.read())

    def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        return body.achunks(self.http_response, self.http_response.aiter_bytes(chunk_size), _FAILED)

    def iter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        return body.achunks(self.http_response, self.http_response.aiter_text(chunk_size), _FAILED)

    def iter_lines(self) -> AsyncIterator[str]:
        return body.achunks(self.http_response, self.http_response.aiter_lines(), _FAILED)

    async def close(self) -> None:
        await self.http_response.aclose()

    async def __aenter__(self) -> AsyncAPIResponse[T]:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.close()


_UNPARSED: Any = object()
_FAILED = "Reading the response failed"
