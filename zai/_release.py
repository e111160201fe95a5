"""Giving back the connection of a stream that has ended before its body did.

A stream ends for the caller at its end marker (`data: [DONE]`), but the HTTP body goes on until
the server finishes it, usually at once, sometimes much later (a server that holds the connection,
or keeps sending keep-alive comments). Reading the rest lets the connection be reused; waiting for
it would keep the caller waiting. So the rest is read only while it arrives promptly: at most
`RELEASE_BYTES`, and never waiting on the network past `RELEASE_SECONDS` in all. Past either
bound the response is closed, which closes the connection instead of returning it to the pool.

The bound on waiting is put on the reads themselves: httpcore reads an HTTP/1.1 body from the
response's `network_stream` (a documented httpcore extension) with the request's read timeout,
fixed when the body started, so for the few reads of the rest that object's `read` is given a
deadline and then restored. When the body's end is already buffered, as it is when the server
sends it with the end marker, nothing is read from the network at all. HTTP/2 streams, and
responses from transports without a network stream (mocks, custom transports), are closed at once:
closing an HTTP/2 stream leaves its connection open.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from typing import Any, Callable

import httpx

__all__ = ["RELEASE_BYTES", "RELEASE_SECONDS", "arelease", "release"]

RELEASE_SECONDS = 0.05
RELEASE_BYTES = 64 * 1024


def _network_stream(response: httpx.Response) -> Any:
    """The HTTP/1.1 connection's stream, if its `read` can be bounded here; else None."""
    if response.http_version != "HTTP/1.1":
        return None
    stream: Any = response.extensions.get("network_stream")
    if stream is None or not callable(getattr(stream, "read", None)):
        return None
    attributes = getattr(stream, "__dict__", None)
    # Without an instance dict `read` cannot be bounded; an instance `read` already there is someone else's.
    if attributes is None or "read" in attributes:
        return None
    return stream


def _remaining(deadline: float, timeout: float | None) -> float:
    # Never 0: a zero timeout means "no wait" to sockets but "already expired" to anyio.
    left = max(deadline - time.monotonic(), 1e-6)
    return left if timeout is None else min(left, timeout)


def release(response: httpx.Response, chunks: Iterator[bytes]) -> None:
    """Read what is left of the body within the bounds, then close the response."""
    try:
        stream = _network_stream(response)
        if stream is None:
            return
        deadline = time.monotonic() + RELEASE_SECONDS
        read: Callable[..., bytes] = stream.read

        def bounded(max_bytes: int, timeout: float | None = None) -> bytes:
            return read(max_bytes, _remaining(deadline, timeout))

        stream.read = bounded
        try:
            received = 0
            for chunk in chunks:
                received += len(chunk)
                if received > RELEASE_BYTES:
                    return
        except (httpx.HTTPError, httpx.StreamError):  # the deadline passed or the connection failed: closed below
            return
        finally:
            del stream.read
    finally:
        response.close()


async def arelease(response: httpx.Response, chunks: AsyncIterator[bytes]) -> None:
    """The asynchronous twin of `release`."""
    try:
        stream = _network_stream(response)
        if stream is None:
            return
        deadline = time.monotonic() + RELEASE_SECONDS
        read: Callable[..., Any] = stream.read

        async def bounded(max_bytes: int, timeout: float | None = None) -> bytes:
            data: bytes = await read(max_bytes, _remaining(deadline, timeout))
            return data

        stream.read = bounded
        try:
            received = 0
            async for chunk in chunks:
                received += len(chunk)
                if received > RELEASE_BYTES:
                    return
        except (httpx.HTTPError, httpx.StreamError):
            return
        finally:
            del stream.read
    finally:
        await response.aclose()
