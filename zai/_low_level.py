"""Bridges that let the generated low-level functions run through a facade client.

``client.low_level`` is a `zai_api.Client` whose httpx transport hands every request to the
facade's send loop, so a low-level call gets the same URL rule, credentials, retries and logging.
Status errors are not raised there: the generated functions return the documented error bodies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Protocol

import httpx

if TYPE_CHECKING:
    from ._async_client import AsyncAPIClient
    from ._sync_client import SyncAPIClient

    # The facade's `_url` and `_send`, handed over as bound methods by the client that owns the bridge.
    class _SyncSend(Protocol):
        def __call__(
            self, request: httpx.Request, *, stream: bool, max_retries: int, raise_status: bool, authorize: bool
        ) -> httpx.Response: ...

    class _AsyncSend(Protocol):
        async def __call__(
            self, request: httpx.Request, *, stream: bool, max_retries: int, raise_status: bool, authorize: bool
        ) -> httpx.Response: ...


__all__ = ["AsyncBridge", "SyncBridge", "low_level_url"]

# The low-level client's own base URL; the bridge swaps it for the facade's routing.
PLACEHOLDER = "http://zai.invalid"


def low_level_url(url: Callable[[str], str], request: httpx.Request) -> httpx.URL:
    """The facade's URL for a request the generated code built against `PLACEHOLDER`.

    The path is taken as sent (`raw_path`), still percent-encoded: decoding it would turn an id's
    quoted ``/``, ``?``, ``#`` or ``..`` back into URL syntax and send the call to another endpoint.
    """
    path, _, query = request.url.raw_path.decode("ascii").partition("?")
    return httpx.URL(url(path)).copy_with(query=query.encode("ascii") or None)


def _rewrap(response: httpx.Response) -> httpx.Response:
    if response.is_stream_consumed:
        return httpx.Response(response.status_code, headers=response.headers, content=response.content)
    return httpx.Response(response.status_code, headers=response.headers, stream=response.stream)


class SyncBridge(httpx.BaseTransport):
    def __init__(self, client: SyncAPIClient, url: Callable[[str], str], send: _SyncSend) -> None:
        self._client = client
        self._url = url
        self._send = send

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.url = low_level_url(self._url, request)
        response = self._send(
            request, stream=True, max_retries=self._client.max_retries, raise_status=False, authorize=True
        )
        return _rewrap(response)


class AsyncBridge(httpx.AsyncBaseTransport):
    def __init__(self, client: AsyncAPIClient, url: Callable[[str], str], send: _AsyncSend) -> None:
        self._client = client
        self._url = url
        self._send = send

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.url = low_level_url(self._url, request)
        response = await self._send(
            request, stream=True, max_retries=self._client.max_retries, raise_status=False, authorize=True
        )
        return _rewrap(response)
