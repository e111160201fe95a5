"""`Stream` and `AsyncStream`: iterate the parsed events of a streamed response.

A stream ends at `data: [DONE]`. An error event raises `APIStreamError` with the server's code and
message; a body that ends before `[DONE]` raises `APIConnectionError` after the events that did
arrive; network failures and read timeouts raise `APIConnectionError` / `APITimeoutError`. The
connection is released when the stream ends, fails, is closed, or is left by a `with` block.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Callable, Generic, TypeVar

import httpx

from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStreamError,
    body_snippet,
    decode_error_body,
    transport_error,
)
from ._json import loads
from ._release import arelease, release
from ._sse import SSEDecoder

if TYPE_CHECKING:
    from zai_api.models import ChatCompletion

__all__ = ["AsyncStream", "Stream"]

T = TypeVar("T")

_DONE = "[DONE]"
# The C scanner that `json.loads` runs, called directly: `loads` adds two Python calls and two
# regular-expression matches per event, a tenth of a token stream's per-event cost. An event the
# scanner does not take whole (whitespace around it, invalid JSON) goes through `_event_data`.
_decoder: Any = json.decoder.JSONDecoder()  # `scan_once` is set in `__init__`, unknown to the type stubs
_scan: Callable[[str, int], tuple[Any, int]] = _decoder.scan_once


def _event_data(text: str, name: str | None, response: httpx.Response) -> Any:
    """The decoded JSON of one event (its data `text`, its `event:` `name`), raising the typed
    error an error event stands for."""
    try:
        data = loads(text)
    except ValueError:
        if name == "error":
            raise APIStreamError(text or "error event", response=response, body=text) from None
        raise APIResponseValidationError(
            f"Stream event is not JSON: {body_snippet(text.encode())}", response=response, body=text
        ) from None
    # json.loads makes plain dicts; `__class__ is dict` also keeps `data` from narrowing to dict[Unknown, Unknown].
    if name == "error" or (data.__class__ is dict and data.get("error")):
        _, code, message = decode_error_body(text)
        detail = message or body_snippet(text.encode())
        raise APIStreamError(f"[{code}] {detail}" if code else detail, response=response, body=data, code=code)
    return data


def _parse_error(exc: Exception, text: str, data: Any, response: httpx.Response) -> Exception:
    # A parser bug must not surface as a bare KeyError or TypeError.
    return APIResponseValidationError(
        f"Could not parse stream event: {exc!r}; event: {body_snippet(text.encode())}",
        response=response,
        body=data,
    )


def _is_last(data: Any, done: tuple[str, Any] | None) -> bool:
    return done is not None and data.__class__ is dict and data.get(done[0]) == done[1]


def _cut_short(response: httpx.Response) -> APIConnectionError:
    return APIConnectionError("The stream ended before its end marker ([DONE]).", request=response.request)


class Stream(Generic[T]):
    """The events of a streamed response, parsed. Iterate once; use as a context manager to release early.

    with client.chat.completions.create(model=..., messages=..., stream=True) as stream:
        for chunk in stream:
            print(chunk.choices[0].delta.content or "", end="")
    """

    response: httpx.Response

    def __init__(
        self, *, response: httpx.Response, parse: Callable[[Any], T], done: tuple[str, Any] | None = None
    ) -> None:
        self.response = response
        # The generator does not refer back to the stream, so a stream dropped mid-way is freed (and its
        # connection released) at once rather than at the next garbage collection.
        self._iterator = _events(response, parse, done)

    def __iter__(self) -> Iterator[T]:
        return self._iterator

    def __next__(self) -> T:
        return next(self._iterator)

    def text_deltas(self) -> Iterator[str]:
        """Only the text of a chat-shaped stream: each non-empty `choices[0].delta.content`."""
        from .lib._chat_stream import content_text  # noqa: PLC0415

        for chunk in self._iterator:
            get: Any = getattr(chunk, "get", None)
            choices = get("choices") if get is not None else None
            if choices:
                delta = choices[0].get("delta")
                text = content_text(delta.get("content")) if delta is not None else ""
                if text:
                    yield text

    def get_final_completion(self) -> ChatCompletion:
        """Read the rest of a chat stream and return the completion it adds up to.

        Content and reasoning are concatenated, tool calls merged by index, and `finish_reason`
        and `usage` taken from the chunks that carry them.
        """
        from .lib._chat_stream import accumulate  # noqa: PLC0415

        return accumulate(self._iterator)

    def close(self) -> None:
        """Stop reading and release the connection."""
        self._iterator.close()
        self.response.close()

    def __enter__(self) -> Stream[T]:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


class AsyncStream(Generic[T]):
    """The asynchronous twin of `Stream`: ``async for`` and ``async with``."""

    response: httpx.Response

    def __init__(
        self, *, response: httpx.Response, parse: Callable[[Any], T], done: tuple[str, Any] | None = None
    ) -> None:
        self.response = response
        self._iterator = _aevents(response, parse, done)

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterator

    async def __anext__(self) -> T:
        return await self._iterator.__anext__()

    async def text_deltas(self) -> AsyncIterator[str]:
        """Only the text of a chat-shaped stream: each non-empty `choices[0].delta.content`."""
        from .lib._chat_stream import content_text  # noqa: PLC0415

        async for chunk in self._iterator:
            get: Any = getattr(chunk, "get", None)
            choices = get("choices") if get is not None else None
            if choices:
                delta = choices[0].get("delta")
                text = content_text(delta.get("content")) if delta is not None else ""
                if text:
                    yield text

    async def get_final_completion(self) -> ChatCompletion:
        """Read the rest of a chat stream and return the completion it adds up to."""
        from .lib._chat_stream import aaccumulate  # noqa: PLC0415

        return await aaccumulate(self._iterator)

    async def close(self) -> None:
        """Stop reading and release the connection."""
        await self._iterator.aclose()
        await self.response.aclose()

    async def aclose(self) -> None:
        """Alias of `close()`."""
        await self.close()

    async def __aenter__(self) -> AsyncStream[T]:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.close()


def _body(response: httpx.Response) -> Iterator[bytes]:
    # Without a content encoding the raw bytes are the body: skipping the decoding layer is a
    # noticeable share of the per-chunk cost of a token stream. A body already in memory (a
    # response an `httpx.MockTransport` built from bytes) has no raw stream left to read.
    if "content-encoding" in response.headers or response.is_stream_consumed:
        return response.iter_bytes()
    return response.iter_raw()


def _abody(response: httpx.Response) -> AsyncIterator[bytes]:
    if "content-encoding" in response.headers or response.is_stream_consumed:
        return response.aiter_bytes()
    return response.aiter_raw()


# The two loops below are the per-chunk hot path of every stream: the common case (a JSON event that
# is not an error) is handled inline, and anything else goes through `_event_data`, which holds the rules.


def _events(
    response: httpx.Response, parse: Callable[[Any], T], done: tuple[str, Any] | None
) -> Generator[T, None, None]:
    decoder = SSEDecoder()
    feed = decoder.feed_fields
    scan = _scan
    data: Any
    try:
        chunks = _body(response)
        try:
            for chunk in chunks:
                for text, name, _, _ in feed(chunk):
                    if text.startswith(_DONE):
                        release(response, chunks)
                        return
                    try:
                        data, end = scan(text, 0)
                    except (StopIteration, ValueError, RecursionError):
                        data, end = None, -1
                    if end != len(text) or name is not None or (data.__class__ is dict and data.get("error")):
                        data = _event_data(text, name, response)
                    try:
                        item = parse(data)
                    except Exception as exc:
                        raise _parse_error(exc, text, data, response) from exc
                    yield item
                    if done is not None and _is_last(data, done):
                        release(response, chunks)
                        return
        except (httpx.HTTPError, httpx.StreamError) as exc:
            raise transport_error(exc, response.request, "The stream failed") from exc
        yield from _tail(decoder, response, parse, done)
    finally:
        response.close()


async def _aevents(
    response: httpx.Response, parse: Callable[[Any], T], done: tuple[str, Any] | None
) -> AsyncGenerator[T, None]:
    decoder = SSEDecoder()
    feed = decoder.feed_fields
    scan = _scan
    data: Any
    try:
        chunks = _abody(response)
        try:
            async for chunk in chunks:
                for text, name, _, _ in feed(chunk):
                    if text.startswith(_DONE):
                        await arelease(response, chunks)
                        return
                    try:
                        data, end = scan(text, 0)
                    except (StopIteration, ValueError, RecursionError):
                        data, end = None, -1
                    if end != len(text) or name is not None or (data.__class__ is dict and data.get("error")):
                        data = _event_data(text, name, response)
                    try:
                        item = parse(data)
                    except Exception as exc:
                        raise _parse_error(exc, text, data, response) from exc
                    yield item
                    if done is not None and _is_last(data, done):
                        await arelease(response, chunks)
                        return
        except (httpx.HTTPError, httpx.StreamError) as exc:
            raise transport_error(exc, response.request, "The stream failed") from exc
        for item in _tail(decoder, response, parse, done):
            yield item
    finally:
        await response.aclose()


def _tail(
    decoder: SSEDecoder, response: httpx.Response, parse: Callable[[Any], T], done: tuple[str, Any] | None
) -> Iterator[T]:
    """The end of a body without the end marker: a last event not followed by a blank line, then the error."""
    for text, name, _, _ in decoder.flush_fields():
        if text.startswith(_DONE):
            return
        data = _event_data(text, name, response)
        try:
            item = parse(data)
        except Exception as exc:
            raise _parse_error(exc, text, data, response) from exc
        yield item
        if _is_last(data, done):
            return
    raise _cut_short(response)
