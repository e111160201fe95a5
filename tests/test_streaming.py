"""Stream and AsyncStream against a real local server: end marker, errors, early exit, cut streams."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.conftest import KEY, Api, user
from zai import (
    APIConnectionError,
    APIRequestFailedError,
    APIResponseValidationError,
    APIStreamError,
    APITimeoutError,
    AsyncZaiClient,
    Stream,
    ZaiClient,
)
from zai.testing import SSE, FakeZai, Reply

CHAT = "/paas/v4/chat/completions"


def chunk(text: str) -> dict[str, Any]:
    return {"id": "1", "choices": [{"index": 0, "delta": {"role": "assistant", "content": text}}]}


def stream_of(client: Any) -> Any:
    return client.chat.completions.create(model="m", messages=user(), stream=True)


def test_events_after_done_are_not_yielded(api: Api) -> None:
    api.server.script("POST", CHAT, SSE([chunk("a"), "data: [DONE]\n\n", chunk("late")], done=False))
    chunks = api.run(stream_of, consume=True)
    assert [c.choices[0].delta.content for c in chunks] == ["a"]


def test_error_event_raises_with_server_code_and_message(api: Api) -> None:
    error = {"error": {"code": "1301", "message": "Unsafe content detected"}}
    api.server.script("POST", CHAT, SSE([chunk("a"), error]))
    with pytest.raises(APIStreamError) as info:
        api.run(stream_of, consume=True)
    assert info.value.code == "1301"
    assert "Unsafe content detected" in str(info.value)
    assert info.value.status_code == 200


def test_named_error_event_raises(api: Api) -> None:
    api.server.script("POST", CHAT, SSE(['event: error\ndata: {"error": {"code": "500", "message": "boom"}}\n\n']))
    with pytest.raises(APIStreamError, match="boom"):
        api.run(stream_of, consume=True)


def test_stream_cut_before_done_raises_after_yielding_what_arrived(api: Api) -> None:
    received: list[str] = []
    api.server.script("POST", CHAT, SSE([chunk("a"), chunk("b"), chunk("c")], cut_after=2))

    def collect(client: Any) -> Any:
        if isinstance(client, AsyncZaiClient):

            async def run() -> None:
                async for c in await stream_of(client):
                    received.append(c.choices[0].delta.content)

            return run()
        for c in stream_of(client):
            received.append(c.choices[0].delta.content)
        return None

    with pytest.raises(APIConnectionError):
        api.run(collect)
    assert received == ["a", "b"]


def test_body_ending_without_done_raises(api: Api) -> None:
    api.server.script("POST", CHAT, SSE([chunk("a")], done=False))
    with pytest.raises(APIConnectionError, match=r"\[DONE\]"):
        api.run(stream_of, consume=True)


def test_malformed_event_raises_validation_error(api: Api) -> None:
    api.server.script("POST", CHAT, SSE(["data: {not json\n\n"]))
    with pytest.raises(APIResponseValidationError):
        api.run(stream_of, consume=True)


def test_json_error_instead_of_a_stream(api: Api) -> None:
    api.server.script("POST", CHAT, Reply(200, {"error": {"code": "1214", "message": "stream not allowed"}}))
    with pytest.raises(APIStreamError, match="stream not allowed"):
        api.run(stream_of)


def test_status_error_before_the_stream_is_raised(api: Api) -> None:
    api.server.script("POST", CHAT, Reply(400, {"error": {"code": "1210", "message": "bad"}}))
    with pytest.raises(APIRequestFailedError, match=r'^Error code: 400, with error text .*"1210".*"bad"') as info:
        api.run(stream_of)
    assert info.value.code == "1210"


def test_stream_read_timeout(api: Api) -> None:
    api.server.script("POST", CHAT, SSE([chunk("a"), chunk("b")], delay=0.5))
    with pytest.raises(APITimeoutError):
        api.run(stream_of, consume=True, timeout=0.1)


def test_sync_stream_context_manager_and_response(server: FakeZai) -> None:
    with ZaiClient(api_key=KEY, base_url=server.base_url) as client:
        stream = client.chat.completions.create(model="m", messages=user("hi"), stream=True)
        assert isinstance(stream, Stream)
        assert stream.response.headers["content-type"].startswith("text/event-stream")
        with stream:
            first = next(stream)
        assert first.choices[0].delta.content
        assert stream.response.is_closed
        with pytest.raises(StopIteration):
            next(stream)


def test_async_stream_context_manager(server: FakeZai) -> None:
    async def main() -> None:
        async with AsyncZaiClient(api_key=KEY, base_url=server.base_url) as client:
            stream = await client.chat.completions.create(model="m", messages=user("hi"), stream=True)
            async with stream:
                first = await stream.__anext__()
            assert first.choices[0].delta.content
            assert stream.response.is_closed

    asyncio.run(main())


def test_abandoned_streams_release_their_connections(server: FakeZai) -> None:
    with ZaiClient(api_key=KEY, base_url=server.base_url) as client:
        for _ in range(20):
            for chunk_ in client.chat.completions.create(model="m", messages=user("one two three"), stream=True):
                assert chunk_
                break
        pool = client._http._transport._pool  # type: ignore[attr-defined]
        assert all(connection.is_idle() or connection.is_closed() for connection in pool.connections)
        assert len(pool.connections) <= 1
