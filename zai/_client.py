"""The four clients: Z.ai (international) and Zhipu BigModel (mainland China), sync and async."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

import httpx

from zai_api.api import AsyncResources, Resources

from ._async_client import AsyncAPIClient
from ._sync_client import SyncAPIClient

if TYPE_CHECKING:
    import zai_api

__all__ = ["AsyncZaiClient", "AsyncZhipuAiClient", "ZaiClient", "ZhipuAiClient"]

ZAI_BASE_URL = "https://api.z.ai/api/paas/v4"
ZHIPU_BASE_URL = "https://open.bigmodel.cn/api/paas/v4"


class ZaiClient(SyncAPIClient, Resources):
    """Client for the Z.ai platform (https://api.z.ai).

        from zai import ZaiClient

        client = ZaiClient()  # reads ZAI_API_KEY
        completion = client.chat.completions.create(
            model="glm-5.2", messages=[{"role": "user", "content": "Hello"}]
        )
        print(completion.choices[0].message.content)

    Keyword arguments: `api_key` (default: ``ZAI_API_KEY``), `base_url` (default: ``ZAI_BASE_URL``,
    then the platform's), `timeout` (seconds or an `httpx.Timeout`; 300 s, 8 s to connect),
    `max_retries` (3), `http_client` (an `httpx.Client` to use instead of the SDK's own),
    `custom_headers`, `disable_token_cache` (True sends the key as a bearer token; False signs
    short-lived JWTs from an ``id.secret`` key), `source_channel`.
    """

    default_base_url = ZAI_BASE_URL
    accept_language: ClassVar[str | None] = "en-US,en"

    @cached_property
    def low_level(self) -> zai_api.Client:
        """A `zai_api.Client` for the generated endpoint functions, routed through this client.

        Calls get this client's URL rule, credentials, retries and logging; error statuses are
        returned as the documented error bodies instead of being raised.
        """
        from zai_api import Client  # noqa: PLC0415

        from ._low_level import PLACEHOLDER, SyncBridge  # noqa: PLC0415

        http = httpx.Client(
            base_url=PLACEHOLDER,
            transport=SyncBridge(self, self._url, self._send),
            timeout=self._timeout,
            headers=self._headers,
        )
        return Client(base_url=PLACEHOLDER).set_httpx_client(http)


class ZhipuAiClient(ZaiClient):
    """Client for Zhipu BigModel (https://open.bigmodel.cn); the same surface as `ZaiClient`."""

    default_base_url = ZHIPU_BASE_URL
    accept_language = None


class AsyncZaiClient(AsyncAPIClient, AsyncResources):
    """Asynchronous client for the Z.ai platform: the same surface as `ZaiClient`, with ``await``.

    async with AsyncZaiClient() as client:
        completion = await client.chat.completions.create(
            model="glm-5.2", messages=[{"role": "user", "content": "Hello"}]
        )
    """

    default_base_url = ZAI_BASE_URL
    accept_language: ClassVar[str | None] = "en-US,en"

    @cached_property
    def low_level(self) -> zai_api.Client:
        """A `zai_api.Client` for the generated ``asyncio`` endpoint functions, routed through this client."""
        from zai_api import Client  # noqa: PLC0415

        from ._low_level import PLACEHOLDER, AsyncBridge  # noqa: PLC0415

        http = httpx.AsyncClient(
            base_url=PLACEHOLDER,
            transport=AsyncBridge(self, self._url, self._send),
            timeout=self._timeout,
            headers=self._headers,
        )
        return Client(base_url=PLACEHOLDER).set_async_httpx_client(http)


class AsyncZhipuAiClient(AsyncZaiClient):
    """Asynchronous client for Zhipu BigModel; the same surface as `AsyncZaiClient`."""

    default_base_url = ZHIPU_BASE_URL
    accept_language = None
