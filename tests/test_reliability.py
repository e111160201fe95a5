"""Behaviour under faults, load and hostile input (see docs/reliability.md for the scenario table)."""

from __future__ import annotations

import asyncio
import json
import logging
import ssl
import threading
import time
from typing import Any

import httpx
import pytest

from tests.conftest import KEY, Api, user
from zai import (
    APIAuthenticationError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncZaiClient,
    ZaiClient,
    ZaiError,
)
from zai.testing import SSE, FakeZai, Reply, Reset

CHAT = "/paas/v4/chat/completions"


def create(client: Any, **options: Any) -> Any:
    return client.chat.completions.create(model="m", messages=user(), **options)


def test_slow_server_times_out_within_the_bound(api: Api, sleeps: list[float]) -> None:
    api.server.script("POST", CHAT, *[Reply(200, {"id": "late"}, delay=1.0)] * 3)
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        api.run(create, timeout=0.1, max_retries=2)
    elapsed = time.monotonic() - started
    assert api.server.count("POST", CHAT) == 3
    assert elapsed < 3 * 0.1 + sum(sleeps) + 0.6


def test_slow_first_byte_of_a_stream_times_out(api: Api) -> None:
    api.server.script("POST", CHAT, SSE([{"choices": []}], first_byte_delay=1.0))
    with pytest.raises(APITimeoutError):
        api.run(lambda c: create(c, stream=True), consume=True, timeout=0.1, max_retries=0)


def test_very_large_bodies(api: Api) -> None:
    content = "x" * (8 * 1024 * 1024)
    body = {"id": "big", "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}
    api.server.script("POST", CHAT, Reply(200, body))
    completion = api.run(
        lambda c: c.chat.completions.create(model="m", messages=user("y" * (4 * 1024 * 1024))), max_retries=0
    )
    assert completion.choices[0].message.content == content
    assert len(api.server.last().body) > 4 * 1024 * 1024


def test_truncated_json_is_a_validation_error_not_a_decode_error(api: Api) -> None:
    body = json.dumps({"id": "x", "choices": [{"message": {"content": "abc"}}]}).encode()[:-7]
    api.server.script("POST", CHAT, Reply(200, body=body))
    with pytest.raises(APIResponseValidationError, match="Expected a JSON body"):
        api.run(create)


FAULTS = [
    Reset(),
    Reply(200, body=b"<html>"),
    Reply(200, body=b""),
    Reply(500, body=b"\xff\xfe not utf-8"),
    Reply(401, {"error": "not an object"}),
    Reply(429, {"error": {"code": ["odd"], "message": 3}}),
    Reply(302, {}, headers={"location": "http://127.0.0.1:1/nowhere"}),
]


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: type(f).__name__ + str(getattr(f, "status", "")))
def test_no_raw_httpx_or_json_exception_escapes(api: Api, fault: Any) -> None:
    api.server.script("POST", CHAT, *[fault] * 5)
    with pytest.raises(ZaiError) as info:
        api.run(create, max_retries=1)
    assert not isinstance(info.value, (httpx.HTTPError, json.JSONDecodeError, KeyError))


def test_abandoned_streams_release_connections(server: FakeZai) -> None:
    with ZaiClient(api_key=KEY, base_url=server.base_url, max_retries=0) as client:
        pool = client._http._transport._pool  # type: ignore[attr-defined]
        for number in range(1000):
            stream = client.chat.completions.create(model="m", messages=user("one two three four"), stream=True)
            if number % 3 == 0:
                for _ in stream:
                    break  # early break
            elif number % 3 == 1:
                with stream:
                    next(iter(stream))  # context exit
            else:
                try:
                    for _ in stream:
                        raise RuntimeError("consumer failed")
                except RuntimeError:
                    pass
            del stream
        assert all(c.is_idle() or c.is_closed() for c in pool.connections)
        assert len(pool.connections) <= 1


def test_abandoned_async_streams_release_connections(server: FakeZai) -> None:
    async def main() -> None:
        async with AsyncZaiClient(api_key=KEY, base_url=server.base_url, max_retries=0) as client:
            pool = client._http._transport._pool  # type: ignore[attr-defined]
            for number in range(1000):
                stream = await client.chat.completions.create(model="m", messages=user("a b c"), stream=True)
                if number % 2 == 0:
                    async with stream:
                        await stream.__anext__()
                else:
                    async for _ in stream:
                        break
                    await stream.close()
            await asyncio.sleep(0)
            assert all(c.is_idle() or c.is_closed() for c in pool.connections)
            assert len(pool.connections) <= 1

    asyncio.run(main())


def test_credentials_are_not_sent_to_another_host_on_redirect(server: FakeZai) -> None:
    with FakeZai() as other:
        target = f"http://localhost:{other.port}/api/paas/v4/chat/completions"
        server.script("POST", CHAT, Reply(307, {}, headers={"location": target}))
        with (
            ZaiClient(api_key=KEY, base_url=server.base_url, max_retries=0) as client,
            pytest.raises(APIAuthenticationError),
        ):
            create(client)
        assert "authorization" not in other.last().headers
        assert server.last().headers["authorization"] == f"Bearer {KEY}"


def test_tls_verification_is_on_by_default() -> None:
    client = ZaiClient(api_key=KEY)
    context = client._http._transport._pool._ssl_context  # type: ignore[attr-defined]
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


def test_secrets_never_appear(server: FakeZai, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="zai")
    server.script("POST", CHAT, Reply(401, {"error": {"code": "1000", "message": "bad key"}}))
    with ZaiClient(api_key=KEY, base_url=server.base_url, disable_token_cache=False) as client:
        token = client._auth.authorization()
        with pytest.raises(APIStatusError) as info:
            create(client)
        texts = [repr(client), str(client), str(info.value), repr(info.value), caplog.text, repr(info.value.request)]
    secret = KEY.split(".")[1]
    for text in texts:
        assert secret not in text and token not in text and KEY not in text


def test_eight_threads_share_one_client(server: FakeZai) -> None:
    failures: list[BaseException] = []
    # JWT mode: the token cache is shared by the threads too.
    with ZaiClient(api_key=KEY, base_url=server.base_url, disable_token_cache=False) as client:

        def work(worker: int) -> None:
            try:
                for call in range(200):
                    prompt = f"worker {worker} call {call}"
                    reply = client.chat.completions.create(model="m", messages=user(prompt))
                    assert reply.choices[0].message.content.endswith(f'"{prompt}"')
            except BaseException as exc:
                failures.append(exc)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []


def test_five_hundred_concurrent_async_calls(server: FakeZai) -> None:
    async def main(jwt_mode: bool) -> None:
        async with AsyncZaiClient(api_key=KEY, base_url=server.base_url, disable_token_cache=not jwt_mode) as client:

            async def one(number: int) -> None:
                prompt = f"call {number}"
                reply = await client.chat.completions.create(model="m", messages=user(prompt))
                assert reply.choices[0].message.content.endswith(f'"{prompt}"')

            await asyncio.gather(*(one(n) for n in range(500)))

    asyncio.run(main(jwt_mode=True))
