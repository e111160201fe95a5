"""The generated endpoint functions, called directly through `client.low_level`."""

from __future__ import annotations

import asyncio

import pytest

from tests.conftest import KEY
from zai import AsyncZaiClient, ZaiClient
from zai.testing import FakeZai, Reply
from zai_api import errors
from zai_api.api.batches import list_batches
from zai_api.api.chat import create_chat_completion, retrieve_async_result
from zai_api.api.files import delete_file
from zai_api.models import ChatCompletion, ChatCompletionRequest, ErrorResponse, UserMessage

CHAT = "/paas/v4/chat/completions"


def test_sync_low_level_call_uses_the_client(server: FakeZai, sleeps: list[float]) -> None:
    server.script("POST", CHAT, Reply(503, {"error": {"code": "1305", "message": "busy"}}))
    with ZaiClient(api_key=KEY, base_url=server.base_url) as client:
        body = ChatCompletionRequest(model="glm-5.2", messages=[UserMessage(content="low level")], temperature=0.2)
        completion = create_chat_completion.sync(client=client.low_level, body=body)
    assert isinstance(completion, ChatCompletion)
    assert completion.choices[0].message.content.endswith('"low level"')
    assert server.count("POST", CHAT) == 2  # retried by the facade's policy
    request = server.last("POST", CHAT)
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.json() == {
        "model": "glm-5.2",
        "messages": [{"role": "user", "content": "low level"}],
        "temperature": 0.2,
    }


def test_low_level_errors_are_returned_as_documented_bodies(server: FakeZai) -> None:
    server.script("GET", "/paas/v4/async-result/nope", Reply(404, {"error": {"code": "1222", "message": "no task"}}))
    with ZaiClient(api_key=KEY, base_url=server.base_url) as client:
        detailed = retrieve_async_result.sync_detailed("nope", client=client.low_level)
    assert detailed.status_code == 404
    assert isinstance(detailed.parsed, ErrorResponse)
    assert detailed.parsed.error.code == "1222"


def test_async_low_level_call(server: FakeZai) -> None:
    async def main() -> ChatCompletion | ErrorResponse | None:
        async with AsyncZaiClient(api_key=KEY, base_url=server.base_url) as client:
            body = ChatCompletionRequest(model="m", messages=[UserMessage(content="async low")])
            return await create_chat_completion.asyncio(client=client.low_level, body=body)

    completion = asyncio.run(main())
    assert isinstance(completion, ChatCompletion)
    assert completion.choices[0].message.content.endswith('"async low"')


def test_sync_raises_instead_of_returning_none(server: FakeZai) -> None:
    """`sync()` returns the parsed body or raises; `sync_detailed()` keeps the unparsable response."""
    page = Reply(404, body=b"<html>not found</html>", content_type="text/html")
    server.script("GET", "/paas/v4/async-result/x", page, page, page)
    with ZaiClient(api_key=KEY, base_url=server.base_url) as client:
        with pytest.raises(errors.UnexpectedStatus) as raised:
            retrieve_async_result.sync("x", client=client.low_level)
        assert raised.value.status_code == 404
        assert retrieve_async_result.sync_detailed("x", client=client.low_level).parsed is None

    async def main() -> None:
        async with AsyncZaiClient(api_key=KEY, base_url=server.base_url) as client:
            await retrieve_async_result.asyncio("x", client=client.low_level)

    with pytest.raises(errors.UnexpectedStatus):
        asyncio.run(main())


# Ids that look like URL syntax: each must stay one quoted segment of the operation's own path.
HOSTILE_IDS = {
    "a/b": "a%2Fb",
    "a?x=1": "a%3Fx%3D1",
    "a#f": "a%23f",
    "a/../../x": "a%2F..%2F..%2Fx",
    "../../../llm-application/open/knowledge/KB-1": "..%2F..%2F..%2Fllm-application%2Fopen%2Fknowledge%2FKB-1",
    "%2e%2e": "%252e%252e",
}


def test_low_level_bridge_keeps_ids_inside_their_endpoint(server: FakeZai) -> None:
    with ZaiClient(api_key=KEY, base_url=server.base_url) as client:
        for file_id, quoted in HOSTILE_IDS.items():
            delete_file.sync_detailed(file_id, client=client.low_level)
            request = server.last()
            assert (request.method, request.path, request.query) == ("DELETE", f"/paas/v4/files/{quoted}", {})


def test_async_low_level_bridge_keeps_ids_inside_their_endpoint(server: FakeZai) -> None:
    async def main() -> None:
        async with AsyncZaiClient(api_key=KEY, base_url=server.base_url) as client:
            for file_id, quoted in HOSTILE_IDS.items():
                await delete_file.asyncio_detailed(file_id, client=client.low_level)
                request = server.last()
                assert (request.method, request.path, request.query) == ("DELETE", f"/paas/v4/files/{quoted}", {})

    asyncio.run(main())


def test_low_level_bridge_keeps_the_query_as_built(server: FakeZai) -> None:
    with ZaiClient(api_key=KEY, base_url=server.base_url) as client:
        list_batches.sync_detailed(client=client.low_level, after="b/1?x=&y#z", limit=2)
    request = server.last()
    assert request.path == "/paas/v4/batches"
    assert request.query == {"after": ["b/1?x=&y#z"], "limit": ["2"]}
