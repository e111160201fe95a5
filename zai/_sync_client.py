"""The synchronous client core: the retry loop on `httpx.Client`, polling, closing."""

from __future__ import annotations

import time
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Callable

import httpx

from zai_api.types import NOT_GIVEN, NotGiven

from . import _base_client
from ._base_client import (
    DEFAULT_MAX_RETRIES,
    RETRIES_TAKEN,
    BaseClient,
    SelfT,
    TimeoutTypes,
    check_type,
    identity,
)
from ._exceptions import (
    APIConnectionError,
    WaitTimeoutError,
    status_error,
    transport_error,
)
from ._logging import log_request, log_response, log_retry
from ._retry import backoff

__all__ = ["SyncAPIClient"]


class SyncAPIClient(BaseClient[httpx.Client]):
    """A synchronous client: `_request()` sends one operation with retries and returns the parsed result."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.Client | None = None,
        custom_headers: Mapping[str, str] | None = None,
        disable_token_cache: bool = True,
        _strict_response_validation: bool = False,
        source_channel: str | None = None,
    ) -> None:
        if http_client is not None:
            check_type(http_client, httpx.Client, "http_client must be an httpx.Client")
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
        self._http = http_client or httpx.Client(
            timeout=self._timeout,
            limits=_base_client.DEFAULT_LIMITS,
            follow_redirects=True,
            headers=self._own_http_headers(),
        )

    def _request(
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
    ) -> Any:
        """Send one API operation. Used by the generated resource methods."""
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
            timeout=timeout,
        )
        try:
            response = self._send(
                request,
                stream=stream or binary or response_mode == "streaming",
                max_retries=self._retries(max_retries),
            )
        finally:
            for handle in opened:
                handle.close()

        # The result is built by another method so that this frame holds no closure cells while the
        # call waits for a place in the pool (a burst of thousands of calls waits there).
        return self._finish(
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

    def _finish(
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

        def process() -> Any:
            if stream:
                if not response.headers.get("content-type", "text/event-stream").startswith("text/event-stream"):
                    response.read()
                    response.close()
                    raise self._not_a_stream(response)
                from ._streaming import Stream  # noqa: PLC0415

                return Stream(response=response, parse=stream_cast_to or identity, done=stream_done)
            if binary:
                from ._binary import BinaryResponse  # noqa: PLC0415

                return BinaryResponse(response)
            if not response.is_stream_consumed:
                try:
                    response.read()
                finally:
                    response.close()
            result = self._parse(response, cast_to, success, failure)
            if page is None:
                return result
            items_field, cursor, next_field = page

            def fetch(value: Any) -> Any:
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

            from ._pagination import SyncCursorPage  # noqa: PLC0415

            return SyncCursorPage(result, list(getattr(result, items_field, None) or []), fetch, next_field, response)

        if response_mode == "parsed":
            return process()
        from ._response import APIResponse  # noqa: PLC0415

        raw: APIResponse[Any] = APIResponse(response, process)
        return raw

    def _poll(
        self,
        fetch: Callable[[], Any],
        *,
        status: str,
        pending: tuple[str, ...],
        done: tuple[str, ...],
        timeout: float,
        poll_interval: float,
        on_progress: Callable[[Any], object] | None,
    ) -> Any:
        """Call `fetch()` until the result's `status` is out of `pending` (or in `done`)."""
        self._check_poll(timeout, poll_interval)
        deadline = time.monotonic() + timeout
        while True:
            result = fetch()
            if on_progress is not None:
                on_progress(result)
            finished, value = self._poll_state(result, status, pending, done)
            if finished:
                return result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise WaitTimeoutError(f"Still {status}={value!r} after waiting {timeout:g} s", last=result)
            _base_client.sleep(min(poll_interval, remaining))

    def _send(
        self,
        request: httpx.Request,
        *,
        stream: bool,
        max_retries: int,
        raise_status: bool = True,
        authorize: bool = False,
    ) -> httpx.Response:
        """Send with retries. Returns a successful response (body read unless `stream`) or raises."""
        retries_taken = 0
        resigned = False
        while True:
            if retries_taken or resigned or authorize:
                # Each attempt carries a valid credential: a JWT may have been re-signed since.
                request.headers["Authorization"] = self._auth.authorization()
            started = time.monotonic()
            log_request(request, retries_taken)
            try:
                response = self._http.send(request, stream=True)
                if not stream or not response.is_success:
                    try:
                        response.read()
                    finally:
                        if not stream:
                            response.close()
            except httpx.UnsupportedProtocol as exc:
                raise APIConnectionError(f"Connection error: {exc}", request=request) from exc
            except httpx.LocalProtocolError as exc:  # never transient, and its text may quote a header's value
                raise transport_error(exc, request) from None
            except httpx.HTTPError as exc:
                if retries_taken >= max_retries:
                    raise transport_error(exc, request) from exc
                delay = backoff(retries_taken)
                log_retry(request, retries_taken, max_retries, delay, repr(exc))
                _base_client.sleep(delay)
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
                response.close()
                continue
            wait = self._retry_wait(response, error, retries_taken, max_retries)
            if wait is None:
                response.close()
                if not raise_status:
                    return response
                raise error
            response.close()
            log_retry(request, retries_taken, max_retries, wait, f"status {response.status_code}")
            _base_client.sleep(wait)
            retries_taken += 1

    def close(self) -> None:
        """Close the HTTP connections (unless the http_client was passed in)."""
        if self._owns_http:
            self._http.close()

    def is_closed(self) -> bool:
        return self._http.is_closed

    def __enter__(self: SelfT) -> SelfT:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()
