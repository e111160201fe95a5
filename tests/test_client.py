"""Client construction and configuration: keys, base URLs, headers, timeouts, lifecycle."""

from __future__ import annotations

import asyncio
import json
import logging
import pydoc
from pathlib import Path
from typing import Any

import httpx
import pytest

import zai
import zai_api
from tests.conftest import KEY, user
from zai import AsyncZaiClient, AsyncZhipuAiClient, ZaiClient, ZaiError, ZhipuAiClient
from zai._base_client import DEFAULT_TIMEOUT
from zai.testing import FakeZai


def test_missing_key_names_the_environment_variable() -> None:
    for cls in (ZaiClient, ZhipuAiClient, AsyncZaiClient, AsyncZhipuAiClient):
        with pytest.raises(ZaiError, match="ZAI_API_KEY"):
            cls()


def test_key_and_base_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZAI_API_KEY", "env.key")
    monkeypatch.setenv("ZAI_BASE_URL", "http://localhost:1234/api/paas/v4/")
    client = ZaiClient()
    assert client.api_key == "env.key"
    assert client.base_url == "http://localhost:1234/api/paas/v4"


def test_default_base_urls() -> None:
    assert ZaiClient(api_key=KEY).base_url == "https://api.z.ai/api/paas/v4"
    assert AsyncZaiClient(api_key=KEY).base_url == "https://api.z.ai/api/paas/v4"
    assert ZhipuAiClient(api_key=KEY).base_url == "https://open.bigmodel.cn/api/paas/v4"
    assert AsyncZhipuAiClient(api_key=KEY).base_url == "https://open.bigmodel.cn/api/paas/v4"


@pytest.mark.parametrize(
    ("base_url", "path", "url"),
    [
        ("https://api.z.ai/api/paas/v4", "/paas/v4/chat/completions", "https://api.z.ai/api/paas/v4/chat/completions"),
        ("https://api.z.ai/api/paas/v4/", "/v1/agents", "https://api.z.ai/api/v1/agents"),
        ("https://api.z.ai/api/coding/paas/v4", "/paas/v4/models", "https://api.z.ai/api/coding/paas/v4/models"),
        (
            "https://api.z.ai/api/coding/paas/v4",
            "/monitor/usage/quota/limit",
            "https://api.z.ai/api/monitor/usage/quota/limit",
        ),
        ("https://open.bigmodel.cn/api/paas/v4", "/zrag/agent/chat", "https://open.bigmodel.cn/api/zrag/agent/chat"),
        ("http://proxy.local/zai", "/paas/v4/chat/completions", "http://proxy.local/zai/chat/completions"),
        (
            "http://proxy.local/zai",
            "/llm-application/open/knowledge",
            "http://proxy.local/zai/llm-application/open/knowledge",
        ),
    ],
)
def test_url_rule(base_url: str, path: str, url: str) -> None:
    assert ZaiClient(api_key=KEY, base_url=base_url)._url(path) == url


@pytest.mark.parametrize("base_url", ["not a url", "ftp://example.com/x", "/relative"])
def test_invalid_base_url(base_url: str) -> None:
    with pytest.raises(ZaiError, match="base_url"):
        ZaiClient(api_key=KEY, base_url=base_url)


def test_default_headers(server: FakeZai) -> None:
    with ZaiClient(api_key=KEY, base_url=server.base_url, custom_headers={"X-Team": "a"}, source_channel="me") as c:
        c.chat.completions.create(model="m", messages=user())
    headers = server.last().headers
    assert headers["user-agent"].startswith(f"zai-sdk-python/{zai.__version__}")
    assert "zai-sdk-ver" not in headers  # the version is in the User-Agent
    assert headers["x-source-channel"] == "me"
    assert headers["x-team"] == "a"
    assert headers["accept-language"] == "en-US,en"
    assert "source_type" not in headers
    with ZhipuAiClient(api_key=KEY, base_url=server.base_url) as c:
        c.chat.completions.create(model="m", messages=user())
    assert "accept-language" not in server.last().headers
    assert "x-source-channel" not in server.last().headers


def test_timeouts() -> None:
    # `client.timeout` is the value given, as in zai-sdk and openai-python (programs print it or do
    # arithmetic with it); what is sent with is the same value as an httpx.Timeout.
    assert ZaiClient(api_key=KEY).timeout == DEFAULT_TIMEOUT
    for given in (12, 30.5, None, httpx.Timeout(3.0, read=9.0)):
        client = ZaiClient(api_key=KEY, timeout=given)
        assert client.timeout is given or client.timeout == given
        assert type(client.timeout) is type(given)
        assert client._http.timeout == (given if isinstance(given, httpx.Timeout) else httpx.Timeout(given))
        assert client.with_options(max_retries=0).timeout == given
    custom = httpx.Client(timeout=httpx.Timeout(7.0))
    assert ZaiClient(api_key=KEY, http_client=custom).timeout == httpx.Timeout(7.0)
    with pytest.raises(TypeError, match="timeout"):
        ZaiClient(api_key=KEY, timeout="soon")  # type: ignore[arg-type]


@pytest.mark.parametrize("client_class", [ZaiClient, AsyncZaiClient])
def test_an_http_client_left_at_httpx_default_timeout_gets_the_sdk_default(client_class: Any) -> None:
    # As in zai-sdk: httpx's 5 s default would cut long completions short, so it does not count as a choice.
    http = httpx.AsyncClient() if client_class is AsyncZaiClient else httpx.Client()
    assert client_class(api_key=KEY, http_client=http).timeout == DEFAULT_TIMEOUT


def test_http_client_is_used_and_not_closed(server: FakeZai) -> None:
    seen: list[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [seen.append]})
    with ZaiClient(api_key=KEY, base_url=server.base_url, http_client=http) as client:
        client.chat.completions.create(model="m", messages=user())
    assert len(seen) == 1
    assert not http.is_closed
    http.close()
    with pytest.raises(TypeError, match=r"httpx\.Client"):
        ZaiClient(api_key=KEY, http_client=httpx.AsyncClient())  # type: ignore[arg-type]


def test_close_and_context_managers() -> None:
    client = ZaiClient(api_key=KEY)
    assert not client.is_closed()
    client.close()
    assert client.is_closed()
    with ZaiClient(api_key=KEY) as client:
        pass
    assert client.is_closed()

    async def main() -> None:
        async with AsyncZaiClient(api_key=KEY) as async_client:
            pass
        assert async_client.is_closed()
        other = AsyncZaiClient(api_key=KEY)
        await other.aclose()
        assert other.is_closed()

    asyncio.run(main())


def test_resources_are_cached_and_typed() -> None:
    client = ZaiClient(api_key=KEY)
    assert client.chat is client.chat
    assert client.chat.completions is client.chat.completions
    assert type(client.chat.asyncCompletions).__name__ == "ChatAsyncCompletions"
    assert type(AsyncZaiClient(api_key=KEY).chat.completions).__name__ == "AsyncChatCompletions"


def test_resources_are_listed_before_first_use() -> None:
    """`dir()`, `help()` and editor completion show the resources of a fresh client."""
    operations = json.loads((Path(zai_api.__file__).parent / "examples.json").read_text())["operations"]
    roots = {binding["method"].split(".")[0] for operation in operations for binding in operation["bindings"]}
    for client in (ZaiClient(api_key=KEY), AsyncZaiClient(api_key=KEY)):
        names = set(dir(client))
        assert {"chat", "embeddings", "files", "batches", "agents"} <= roots <= names
        assert not {"request", "poll"} & names  # the shared sender and poller are private
    text = pydoc.render_doc(ZaiClient)
    assert "client.chat" in text and "completions.create" in text


def test_debug_logging_redacts_the_key(server: FakeZai, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="zai")
    with ZaiClient(api_key=KEY, base_url=server.base_url) as client:
        client.chat.completions.create(model="m", messages=user())
    assert "Request: POST" in caplog.text and "Response: POST" in caplog.text
    assert "<redacted>" in caplog.text
    assert KEY not in caplog.text
