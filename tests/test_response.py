"""`.with_raw_response`, `.with_streaming_response` and `with_options()`."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.conftest import KEY, Api, user
from zai import AsyncZaiClient, ZaiClient
from zai._response import APIResponse, AsyncAPIResponse
from zai.testing import FakeZai, Reply
from zai.testing._examples import BINARY_BODY
from zai_api.models import ChatCompletion

CHAT = "/paas/v4/chat/completions"


def test_raw_response_gives_headers_status_and_parse(server: FakeZai, sleeps: list[float]) -> None:
    server.script("POST", CHAT, Reply(503, {"error": {"code": "1305", "message": "busy"}}))
    with ZaiClient(api_key=KEY, base_url=server.base_url) as client:
        raw = client.chat.completions.with_raw_response.create(model="m", messages=user())
        assert isinstance(raw, APIResponse)
        assert raw.status_code == 200
        assert raw.headers["content-type"] == "application/json"
        assert raw.retries_taken == 1
        assert raw.http_request.method == "POST"
        assert str(raw.url).endswith("/chat/completions")
        completion = raw.parse()
        assert isinstance(completion, ChatCompletion)
        assert raw.parse() is completion
        assert raw.json()["id"] == completion.id


def test_raw_response_of_a_stream(server: FakeZai) -> None:
    with ZaiClient(api_key=KEY, base_url=server.base_url) as client:
        raw = client.chat.completions.with_raw_response.create(model="m", messages=user("a b"), stream=True)
        assert raw.headers["content-type"].startswith("text/event-stream")
        chunks = list(raw.parse())
    assert "".join(c.choices[0].delta.content or "" for c in chunks).endswith('"a b"')


def test_streaming_response_reads_the_body_on_demand(server: FakeZai, tmp_path: Path) -> None:
    with ZaiClient(api_key=KEY, base_url=server.base_url) as client:
        file_id = str(client.files.create(file=BINARY_BODY, purpose="agent").id)
        with client.files.with_streaming_response.content(file_id) as response:
            assert not response.http_response.is_stream_consumed
            assert b"".join(response.iter_bytes(4)) == BINARY_BODY
        assert response.is_closed
        with client.chat.completions.with_streaming_response.create(model="m", messages=user()) as response:
            assert response.parse().choices[0].message.content


def test_async_raw_and_streaming_responses(server: FakeZai) -> None:
    async def main() -> None:
        async with AsyncZaiClient(api_key=KEY, base_url=server.base_url) as client:
            raw = await client.chat.completions.with_raw_response.create(model="m", messages=user())
            assert isinstance(raw, AsyncAPIResponse)
            assert (await raw.parse()).choices[0].message.content
            uploaded = await client.files.create(file=BINARY_BODY, purpose="agent")
            async with await client.files.with_streaming_response.content(str(uploaded.id)) as response:
                assert b"".join([chunk async for chunk in response.iter_bytes()]) == BINARY_BODY

    asyncio.run(main())


def test_with_options_shares_connections_and_overrides(api: Api) -> None:
    def call(client: object) -> object:
        copy = client.with_options(max_retries=0, custom_headers={"X-Extra": "1"}, timeout=5)  # type: ignore[attr-defined]
        assert copy._http is client._http  # type: ignore[attr-defined]
        assert copy.max_retries == 0 and client.max_retries == 3  # type: ignore[attr-defined]
        assert type(copy) is type(client)
        return copy.chat.completions.create(model="m", messages=user())

    api.server.script("POST", CHAT, Reply(500, {"error": {"code": "500", "message": "x"}}))
    with pytest.raises(Exception, match="500"):
        api.run(call)
    assert api.server.count("POST", CHAT) == 1
    assert api.server.last().headers["x-extra"] == "1"
    assert ZaiClient.copy is ZaiClient.with_options
