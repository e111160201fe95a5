"""A stream ends for the caller at its end marker, even when the server keeps the body open.

The server here (`HoldingServer`) sends its events and `data: [DONE]`, then holds the body open for
seconds, with or without keep-alive comments. Each test checks that the caller's loop was over
while the server was still holding (`ended` not set), and that the client then let the connection
go (`hung_up`). Before the fix, iteration waited for the server to end the body.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import KEY, Api, user
from tests.holding_server import HoldingServer
from zai import AsyncZaiClient, ZaiClient
from zai.cli import main

HOLD = 10.0  # long enough that a client waiting for it cannot pass the tests


def event(text: str, finish: str | None = None) -> bytes:
    choice: dict[str, Any] = {"index": 0, "delta": {"role": "assistant", "content": text}}
    if finish:
        choice["finish_reason"] = finish
    return b"data: " + json.dumps({"id": "1", "model": "m", "choices": [choice]}).encode() + b"\n\n"


EVENTS = [event("Hello"), event(" world", "stop"), b"data: [DONE]\n\n"]


@pytest.fixture(params=[None, 0.02], ids=["silent", "keep-alive"])
def holding(request: pytest.FixtureRequest) -> Iterator[HoldingServer]:
    with HoldingServer(EVENTS, hold=HOLD, keep_alive=request.param) as server:
        yield server


def stream_of(client: Any) -> Any:
    return client.chat.completions.create(model="m", messages=user(), stream=True)


def assert_released(server: HoldingServer) -> None:
    assert not server.ended.is_set(), "the stream waited for the server to end the body"
    assert server.hung_up.wait(HOLD), "the connection was not closed after the end marker"


def test_for_loop_ends_at_done(api: Api, holding: HoldingServer) -> None:
    chunks = api.run(stream_of, consume=True, base_url=holding.base_url)
    assert [c.choices[0].delta.content for c in chunks] == ["Hello", " world"]
    assert_released(holding)


def test_get_final_completion_returns_at_done(api: Api, holding: HoldingServer) -> None:
    def final(client: Any) -> Any:
        if isinstance(client, AsyncZaiClient):

            async def run() -> Any:
                return await (await stream_of(client)).get_final_completion()

            return run()
        return stream_of(client).get_final_completion()

    completion = api.run(final, base_url=holding.base_url)
    assert completion.choices[0].message.content == "Hello world"
    assert_released(holding)


def test_cli_stream_returns_at_done(holding: HoldingServer, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--api-key", KEY, "--base-url", holding.base_url, "chat", "Hi", "--stream"])
    assert code == 0
    assert capsys.readouterr().out.startswith("Hello world")
    assert_released(holding)


def test_a_body_that_ends_with_its_marker_keeps_the_connection() -> None:
    # The usual case: the end of the body arrives with the end marker, so the connection is reused.
    with HoldingServer(EVENTS, hold=0) as server:
        with ZaiClient(api_key=KEY, base_url=server.base_url) as client:
            for _ in range(3):
                assert len(list(stream_of(client))) == 2

        async def main_async() -> None:
            async with AsyncZaiClient(api_key=KEY, base_url=server.base_url) as client:
                for _ in range(3):
                    assert len([c async for c in await stream_of(client)]) == 2

        asyncio.run(main_async())
    assert server.requests == 6
    assert server.connections == 2


def test_an_event_ended_by_cr_cr_is_delivered_before_the_next_chunk(api: Api) -> None:
    # `\r\r` ends the event; nothing follows until the server ends the body `HOLD` seconds later.
    with HoldingServer([event("Hi").replace(b"\n\n", b"\r\r")], hold=HOLD) as server:

        def first(client: Any) -> Any:
            if isinstance(client, AsyncZaiClient):

                async def run() -> Any:
                    async with await stream_of(client) as stream:
                        return await stream.__anext__()

                return run()
            with stream_of(client) as stream:
                return next(stream)

        chunk = api.run(first, base_url=server.base_url)
        assert chunk.choices[0].delta.content == "Hi"
        assert not server.ended.is_set(), "the event was held back until the server's next bytes"
