"""Binary responses (audio, downloaded files): read into memory, or streamed to disk.

The body is not read until asked for, so `stream_to_file()` writes it to disk chunk by chunk
without holding it in memory. The connection is released once the body is read or the object
is closed (or, for the sync class, garbage-collected).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from types import TracebackType
from typing import Any

import httpx

from . import _body as body
from ._json import loads

__all__ = ["AsyncBinaryResponse", "BinaryResponse"]

_CHUNK = 64 * 1024
_FAILED = "The download failed"


class BinaryResponse:
    """A binary body: `.content`, `.text`, `.json()`, `.iter_bytes()`, `.write_to_file()`, `.stream_to_file()`."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def content(self) -> bytes:
        """The whole body (read on first access)."""
        return body.read(self.response, _FAILED)

    @property
    def text(self) -> str:
        content = self.content
        return content.decode(self.response.encoding or "utf-8", errors="replace")

    @property
    def encoding(self) -> str | None:
        return self.response.encoding

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers

    @property
    def status_code(self) -> int:
        return self.response.status_code

    def json(self, **kwargs: Any) -> Any:
        return loads(self.content, **kwargs)

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The body in chunks, read from the network as they are consumed."""
        return body.chunks(self.response, self.response.iter_bytes(chunk_size), _FAILED)

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Write the body to `file`, streaming it from the network."""
        self.stream_to_file(file)

    def stream_to_file(self, file: str | os.PathLike[str], *, chunk_size: int | None = _CHUNK) -> None:
        """Write the body to `file` chunk by chunk, never holding it whole in memory."""
        with open(file, "wb") as handle:
            for chunk in self.iter_bytes(chunk_size):
                handle.write(chunk)

    def close(self) -> None:
        self.response.close()

    def __enter__(self) -> BinaryResponse:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def __del__(self) -> None:
        response = getattr(self, "response", None)
        if response is not None and not response.is_closed:
            response.close()

    def __repr__(self) -> str:
        return f"<BinaryResponse {body.describe(getattr(self, 'response', None))}>"


class AsyncBinaryResponse:
    """The asynchronous twin of `BinaryResponse`: ``await read()``, ``await stream_to_file(...)``, ..."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    async def read(self) -> bytes:
        """The whole body."""
        return await body.aread(self.response, _FAILED)

    @property
    def content(self) -> bytes:
        """The body, once `read()` has been awaited."""
        return self.response.content

    @property
    def text(self) -> str:
        return self.content.decode(self.response.encoding or "utf-8", errors="replace")

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers

    @property
    def status_code(self) -> int:
        return self.response.status_code

    def json(self, **kwargs: Any) -> Any:
        return loads(self.content, **kwargs)

    def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """The body in chunks, read from the network as they are consumed."""
        return body.achunks(self.response, self.response.aiter_bytes(chunk_size), _FAILED)

    async def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Write the body to `file`, streaming it from the network."""
        await self.stream_to_file(file)

    async def stream_to_file(self, file: str | os.PathLike[str], *, chunk_size: int | None = _CHUNK) -> None:
        """Write the body to `file` chunk by chunk, never holding it whole in memory."""
        with open(file, "wb") as handle:
            async for chunk in self.iter_bytes(chunk_size):
                handle.write(chunk)

    async def close(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> AsyncBinaryResponse:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"<AsyncBinaryResponse {body.describe(getattr(self, 'response', None))}>"
