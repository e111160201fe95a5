"""Reading a response body: the failures of the network become the SDK's errors, and the
connection is released once the body is read (or reading it stops)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import TypeVar

import httpx

from ._exceptions import transport_error

__all__ = ["achunks", "aread", "chunks", "describe", "read"]

T = TypeVar("T")

_FAILURES = (httpx.HTTPError, httpx.StreamError)


def read(response: httpx.Response, what: str) -> bytes:
    """The whole body."""
    try:
        return response.read()
    except _FAILURES as exc:
        raise transport_error(exc, response.request, what) from exc
    finally:
        response.close()


def chunks(response: httpx.Response, pieces: Iterator[T], what: str) -> Iterator[T]:
    """`pieces` (bytes, text or lines of the body) as they are read."""
    try:
        yield from pieces
    except _FAILURES as exc:
        raise transport_error(exc, response.request, what) from exc
    finally:
        response.close()


async def aread(response: httpx.Response, what: str) -> bytes:
    """The asynchronous twin of `read`."""
    try:
        return await response.aread()
    except _FAILURES as exc:
        raise transport_error(exc, response.request, what) from exc
    finally:
        await response.aclose()


async def achunks(response: httpx.Response, pieces: AsyncIterator[T], what: str) -> AsyncIterator[T]:
    """The asynchronous twin of `chunks`."""
    try:
        async for piece in pieces:
            yield piece
    except _FAILURES as exc:
        raise transport_error(exc, response.request, what) from exc
    finally:
        await response.aclose()


def describe(response: object) -> str:
    """``[200] GET https://... 'application/json'``, for reprs: never raises, whatever `response` is."""
    if not isinstance(response, httpx.Response):
        return "(no response)"
    text = f"[{response.status_code}]"
    with contextlib.suppress(RuntimeError):  # a response built without its request
        text += f" {response.request.method} {response.request.url}"
    return f"{text} {response.headers.get('content-type')!r}"
