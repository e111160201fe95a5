"""The asynchronous client core: the twin of `_sync_client.py` on `httpx.AsyncClient` and asyncio."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Callable

import httpx

from zai_api.types import NOT_GIVEN, NotGiven

from ._exceptions import (
    APIConnectionError,
    WaitTimeoutError,
    status_error,
    transport_error,
)
from ._logging import log_request, log_response, log_retry
from ._retry import backoff

if TYPE_CHECKING:
    from ._pool import Place

from . import _base_client
from ._base_client import (
    DEFAULT_MAX_RETRIES,
    RETRIES_TAKEN,
    BaseClient,
    SelfT,
    TimeoutTypes,
    as_timeout,
    check_type,
    identity,
)

__all__ = ["AsyncAPIClient"]


async def _no_place() -> None:
    return None


class AsyncAPIClient(BaseClient[httpx.AsyncClient]):
    """An asynchronous client: the twin of `SyncAPIClient`, on `httpx.AsyncClient` and asyncio."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        custom_headers: Mapping[str, str] | None = None,
        disable_token_cache: bool = True,
        _strict_response_validation: bool = False,
        source_channel: str | None = None,
    ) -> None:
        if http_client is not None:
            check_type(http_client, httpx.AsyncClient, "http_client must be an httpx.AsyncClient")
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            custom_headers=custom_headers,
            disable_token_cache=disable_token_cache,
            source_channel=source_channel,
            http_client_timeout=http_client.timeout if http_client is not None else None,
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx.AsyncClient(
            timeout=self._timeout,
            limits=_base_client.DEFAULT_LIMITS,
            follow_redirects=True,
            headers=self._own_http_headers(),
        )
        from ._pool import policy_for  # noqa: PLC0415  (asyncio: imported by async clients only)

        # Shared by every client on this httpx client (`with_options` copies too).
        self._pool_policy = policy_for(self._http, _base_client.DEFAULT_LIMITS if self._owns_http else None)

    async def _request(
        self,
        method: str,
        path: str,
        *,
        cast_to: Callable[[Any], Any] | None,
        body: Mapping[str, Any] | None = None,
        files: Mapping[str, Any] | None = None,
        file_fields: tuple[str, ...] = (),
        query: Mapping[str, Any] | None = None,
        headers: Mapping[str, Any] | None = None,
        stream: bool = False,
        stream_cast_to: Callable[[Any], Any] | None = None,
        stream_done: tuple[str, Any] | None = None,
        binary: bool = False,
        success: tuple[str, tuple[Any, ...]] | None = None,
        failure: tuple[str, tuple[Any, ...]] | None = None,
        page: tuple[str, str, str] | None = None,
        response_mode: str = "parsed",
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, object] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        place: Place | None = None,
    ) -> Any:
        """Send one API operation. Used by the generated resource methods.

        `place`: the call's place in the pool, taken by the caller with `_place()`; without one,
        the call waits for its place here (if the pool has a gate).
        """
        # A given place is left on any way out, even a bad argument's error.
        try:
            call_timeout = self._timeout if isinstance(timeout, NotGiven) else as_timeout(timeout)
            gate = self._pool_policy.gate
            if place is None and gate is not None:
                place = await gate.acquire(call_timeout.pool)
            retries = self._retries(max_retries)
            request, opened = self._build_request(
                self._http,
                method,
                path,
                body=body,
                files=files,
                file_fields=file_fields,
                query=query,
                headers=headers,
                stream=stream,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=call_timeout,
            )
            try:
                response = await self._send(
                    request, stream=stream or binary or response_mode == "streaming", max_retries=retries, place=place
                )
            finally:
                for handle in opened:
                    handle.close()
        finally:
            if place is not None:
                place.leave()  # unless the first attempt took it

        # The result is built by another method so that this frame holds no closure cells while the
        # call waits for a place in the pool (a burst of thousands of calls waits there).
        return await self._finish(
            response,
            method,
            path,
            cast_to=cast_to,
            query=query,
            headers=headers,
            stream=stream,
            stream_cast_to=stream_cast_to,
            stream_done=stream_done,
            binary=binary,
            success=success,
            failure=failure,
            page=page,
            response_mode=response_mode,
            extra_headers=extra_headers,
            extra_query=extra_query,
            timeout=timeout,
            max_retries=max_retries,
        )

    def _place(self, timeout: TimeoutTypes | NotGiven) -> Awaitable[Place | None]:
        """Wait for a place in the pool for one call (None if the pool has no gate), to pass to `_request`.

        The generated methods wait here before they build their request: a call waiting for its
        place then holds only its own frame, its arguments and a small waiter, not a request body
        and `_request`'s frame too (a burst of tens of thousands of calls waits there, zai/_pool.py).
        """
        gate = self._pool_policy.gate
        if gate is None:
            return _no_place()
        return gate.acquire((self._timeout if isinstance(timeout, NotGiven) else as_timeout(timeout)).pool)

    async def _finish(
        self,
        response: httpx.Response,
        method: str,
        path: str,
        *,
        cast_to: Callable[[Any], Any] | None,
        query: Mapping[str, Any] | None,
        headers: Mapping[str, Any] | None,
        stream: bool,
        stream_cast_to: Callable[[Any], Any] | None,
        stream_done: tuple[str, Any] | None,
        binary: bool,
        success: tuple[str, tuple[Any, ...]] | None,
        failure: tuple[str, tuple[Any, ...]] | None,
        page: tuple[str, str, str] | None,
        response_mode: str,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, object] | None,
        timeout: TimeoutTypes | NotGiven,
        max_retries: int | NotGiven,
    ) -> Any:
        """The result of a sent operation: parsed, a stream, a binary body, a page, or a raw response."""

        async def process() -> Any:
            if stream:
                if not response.headers.get("content-type", "text/event-stream").startswith("text/event-stream"):
                    await response.aread()
                    await response.aclose()
                    raise self._not_a_stream(response)
                from ._streaming import AsyncStream  # noqa: PLC0415

                return AsyncStream(response=response, parse=stream_cast_to or identity, done=stream_done)
            if binary:
                from ._binary import AsyncBinaryResponse  # noqa: PLC0415

                return AsyncBinaryResponse(response)
            if not response.is_stream_consumed:
                try:
                    await response.aread()
                finally:
                    await response.aclose()
            result = self._parse(response, cast_to, success, failure)
            if page is None:
                return result
            items_field, cursor, next_field = page

            def fetch(value: Any) -> Awaitable[Any]:
                return self._request(
                    method,
                    path,
                    cast_to=cast_to,
                    query={**(query or {}), cursor: value},
                    headers=headers,
                    success=success,
                    failure=failure,
                    page=page,
                    extra_headers=extra_headers,
                    extra_query=extra_query,
                    timeout=timeout,
                    max_retries=max_retries,
                )

            from ._pagination import AsyncCursorPage  # noqa: PLC0415

            return AsyncCursorPage(result, list(getattr(result, items_field, None) or []), fetch, next_field, response)

        if response_mode == "parsed":
            return await process()
        from ._response import AsyncAPIResponse  # noqa: PLC0415

        raw: AsyncAPIResponse[Any] = AsyncAPIResponse(response, process)
        return raw

    async def _poll(
        self,
        fetch: Callable[[], Awaitable[Any]],
        *,
        status: str,
        pending: tuple[str, ...],
        done: tuple[str, ...],
        timeout: float,
        poll_interval: float,
        on_progress: Callable[[Any], object] | None,
    ) -> Any:
        """Await `fetch()` until the result's `status` is out of `pending` (or in `done`)."""
        self._check_poll(timeout, poll_interval)
        deadline = time.monotonic() + timeout
        while True:
            result = await fetch()
            if on_progress is not None:
                on_progress(result)
            finished, value = self._poll_state(result, status, pending, done)
            if finished:
                return result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WaitTimeoutError(f"Still {status}={value!r} after waiting {timeout:g} s", last=result)
            await _base_client.async_sleep(min(poll_interval, remaining))

    async def _send(
        self,
        request: httpx.Request,
        *,
        stream: bool,
        max_retries: int,
        raise_status: bool = True,
        authorize: bool = False,
        place: Place | None = None,
    ) -> httpx.Response:
        """Send with retries. Returns a successful response (body read unless `stream`) or raises.

        `place`: a place in the pool the caller took for the first attempt (`PoolPolicy.taken`).
        """
        from ._pool import send  # noqa: PLC0415

        retries_taken = 0
        resigned = False
        while True:
            if retries_taken or resigned or authorize:
                # Each attempt carries a valid credential: a JWT may have been re-signed since.
                request.headers["Authorization"] = self._auth.authorization()
            started = time.monotonic()
            log_request(request, retries_taken)
            try:
                # Gated to the pool's size and guarded against cancellation: see zai/_pool.py.
                response = await send(self._http, request, stream=stream, policy=self._pool_policy, place=place)
            except httpx.UnsupportedProtocol as exc:
                raise APIConnectionError(f"Connection error: {exc}", request=request) from exc
            except httpx.LocalProtocolError as exc:  # never transient, and its text may quote a header's value
                raise transport_error(exc, request) from None
            except httpx.HTTPError as exc:
                if retries_taken >= max_retries:
                    raise transport_error(exc, request) from exc
                delay = backoff(retries_taken)
                log_retry(request, retries_taken, max_retries, delay, repr(exc))
                await _base_client.async_sleep(delay)
                retries_taken += 1
                continue
            log_response(request, response, started)
            response.extensions[RETRIES_TAKEN] = retries_taken
            if response.is_success or (not raise_status and retries_taken >= max_retries):
                return response
            error = status_error(response)
            if self._should_resign(error, resigned):
                resigned = True
                self._auth.invalidate()
                await response.aclose()
                continue
            wait = self._retry_wait(response, error, retries_taken, max_retries)
            if wait is None:
                await response.aclose()
                if not raise_status:
                    return response
                raise error
            await response.aclose()
            log_retry(request, retries_taken, max_retries, wait, f"status {response.status_code}")
            await _base_client.async_sleep(wait)
            retries_taken += 1

    async def close(self) -> None:
        """Close the HTTP connections (unless the http_client was passed in).

        Attempts of cancelled calls still winding down (see zai/_pool.py) are waited for first.
        """
        await self._pool_policy.settle()
        if self._owns_http:
            await self._http.aclose()

    async def aclose(self) -> None:
        """Alias of `close()`."""
        await self.close()

    def is_closed(self) -> bool:
        return self._http.is_closed

    async def __aenter__(self: SelfT) -> SelfT:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.close()
