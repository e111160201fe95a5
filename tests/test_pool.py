"""The async client's connection pool under cancellation and bursts larger than the pool."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import os
import random
import threading
from typing import Any

import httpx
import pytest

from tests.conftest import KEY, user
from zai import AsyncZaiClient, _base_client, _pool
from zai._pool import Gate
from zai.testing import FakeZai, Reply

POOL = 10
CHAT = "/paas/v4/chat/completions"


def _sockets() -> int | None:
    """Open sockets of this process (Linux), or None where /proc is not available."""
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        return None
    count = 0
    for name in names:
        with contextlib.suppress(OSError):
            count += os.readlink(f"/proc/self/fd/{name}").startswith("socket:")
    return count


def _pool_of(http: httpx.AsyncClient) -> Any:
    return http._transport._pool  # type: ignore[attr-defined]


# Each answer takes a few milliseconds, so that random deadlines cut calls at every stage (waiting
# for a connection, sending, waiting for the answer, reading it) however fast the machine is.
SLOW_REPLY = Reply(
    200, {"id": "c", "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}}]}, delay=0.004
)


async def _cancel_at_random(client: AsyncZaiClient, server: FakeZai, seed: int) -> int:
    """Calls cancelled by `asyncio.wait_for` at random moments: one at a time, then in bursts wider
    than the pool (so that requests also wait for connections). Returns how many were cancelled."""
    rng = random.Random(seed)
    server.script("POST", CHAT, *[SLOW_REPLY] * 310)

    async def one(timeout: float) -> None:
        await asyncio.wait_for(client.chat.completions.create(model="m", messages=user()), timeout)

    results: list[BaseException | None] = []
    for _ in range(150):
        results += await asyncio.gather(one(rng.uniform(0.0, 0.006)), return_exceptions=True)
    for _ in range(8):
        results += await asyncio.gather(*(one(rng.uniform(0.0, 0.02)) for _ in range(2 * POOL)), return_exceptions=True)
    errors = [r for r in results if r is not None and not isinstance(r, asyncio.TimeoutError)]
    assert not errors
    return sum(isinstance(r, asyncio.TimeoutError) for r in results)


async def _assert_pool_is_healthy(client: AsyncZaiClient, http: httpx.AsyncClient) -> None:
    # Every slot is usable: 3 x POOL calls at once, each allowed 2 s to get a connection.
    quick = client.with_options(timeout=httpx.Timeout(10.0, pool=2.0), max_retries=0)
    calls = [quick.chat.completions.create(model="m", messages=user()) for _ in range(3 * POOL)]
    replies = await asyncio.gather(*calls)
    assert all(reply.choices[0].message.content for reply in replies)
    policy = client._pool_policy
    await policy.settle()  # the attempts of cancelled calls wind down in the background
    assert policy.gate is not None and policy.gate.in_use == 0
    connections = _pool_of(http).connections
    assert len(connections) <= POOL
    stuck = [c for c in connections if not (c.is_idle() or c.is_closed())]
    assert not stuck, f"connections held by no request: {stuck}"


@pytest.mark.parametrize("owner", ["sdk", "caller"])
def test_random_cancellations_leave_the_pool_usable(
    server: FakeZai, owner: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _sockets()

    async def main() -> int:
        if owner == "sdk":  # the SDK's own pool, made small
            monkeypatch.setattr(_base_client, "DEFAULT_LIMITS", httpx.Limits(max_connections=POOL))
            client = AsyncZaiClient(api_key=KEY, base_url=server.base_url, max_retries=0)
            http = client._http
        else:  # a pool the caller passed in
            http = httpx.AsyncClient(limits=httpx.Limits(max_connections=POOL, max_keepalive_connections=POOL))
            client = AsyncZaiClient(api_key=KEY, base_url=server.base_url, max_retries=0, http_client=http)
        async with http, client:
            cancelled = await _cancel_at_random(client, server, seed=10)
            await _assert_pool_is_healthy(client, http)
        return cancelled

    cancelled = asyncio.run(main())
    assert cancelled >= 200
    after = _sockets()
    if before is not None and after is not None:
        # The server runs in this process: its side of each connection closes once it sees the client's close.
        for _ in range(200):
            if after <= before:
                break
            asyncio.run(asyncio.sleep(0.01))
            after = _sockets()
        assert after <= before, f"{after - before} sockets left open"


# ---------------------------------------------------------------------------------------------- bursts


def test_a_burst_wider_than_the_pool_waits_at_the_gate_not_in_httpcore(
    server: FakeZai, monkeypatch: pytest.MonkeyPatch
) -> None:
    # httpcore's pool does work proportional to its requests (queued and active) times its
    # connections whenever a request comes or goes: a burst queued inside it is quadratic. The gate
    # keeps the pool's list of requests at most the pool's size.
    monkeypatch.setattr(_base_client, "DEFAULT_LIMITS", httpx.Limits(max_connections=POOL))

    async def main() -> tuple[int, Any]:
        async with AsyncZaiClient(api_key=KEY, base_url=server.base_url, max_retries=0) as client:
            pool = _pool_of(client._http)
            handle = pool.handle_async_request
            peak = 0

            async def counting(request: Any) -> Any:
                nonlocal peak
                peak = max(peak, len(pool._requests) + 1)
                return await handle(request)

            pool.handle_async_request = counting
            replies = await asyncio.gather(
                *(client.chat.completions.create(model="m", messages=user()) for _ in range(300))
            )
            assert all(reply.choices[0].message.content for reply in replies)
            return peak, client._pool_policy.gate

    peak, gate = asyncio.run(main())
    assert peak <= POOL, f"{peak} requests inside httpcore's pool of {POOL}"
    assert gate.in_use == 0
    assert server.count("POST", CHAT) == 300


def test_each_call_makes_two_passes_over_httpcores_pool(server: FakeZai) -> None:
    # httpcore hands every waiting request the first idle connection it sees; when several get the
    # same one, all but one are refused and go round again, each time at a cost proportional to the
    # pool. Entering one at a time, until the connection has started on the request, a call costs
    # two passes: one to get a connection, one to give it back.
    async def main() -> int:
        async with AsyncZaiClient(api_key=KEY, base_url=server.base_url) as client:
            pool = _pool_of(client._http)
            assign = pool._assign_requests_to_connections
            passes = 0

            def counting() -> Any:
                nonlocal passes
                passes += 1
                return assign()

            pool._assign_requests_to_connections = counting

            async def stream() -> None:
                async for _ in await client.chat.completions.create(model="m", messages=user(), stream=True):
                    pass

            await asyncio.gather(*(client.chat.completions.create(model="m", messages=user()) for _ in range(200)))
            await asyncio.gather(*(stream() for _ in range(100)))
            return passes

    assert asyncio.run(main()) <= 2 * 300 + 10


def test_streams_hold_their_place_until_closed(server: FakeZai, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_base_client, "DEFAULT_LIMITS", httpx.Limits(max_connections=3))

    async def main() -> None:
        async with AsyncZaiClient(api_key=KEY, base_url=server.base_url) as client:
            gate = client._pool_policy.gate
            assert gate is not None

            async def read(text: str) -> str:
                stream = await client.chat.completions.create(model="m", messages=user(text), stream=True)
                return "".join([chunk.choices[0].delta.content or "" async for chunk in stream])

            texts = await asyncio.gather(*(read(f"call {n}") for n in range(20)))
            assert all(texts)
            assert gate.in_use == 0
            held = [await client.chat.completions.create(model="m", messages=user(), stream=True) for _ in range(3)]
            assert gate.in_use == 3
            waiting = asyncio.ensure_future(client.chat.completions.create(model="m", messages=user()))
            await asyncio.sleep(0.05)
            assert not waiting.done() and gate.waiting == 1
            await held[0].close()
            assert (await waiting).choices[0].message.content
            for stream in held[1:]:
                await stream.close()
            assert gate.in_use == 0

    asyncio.run(main())


def test_a_call_waiting_for_its_place_has_not_built_its_request(
    server: FakeZai, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A burst of tens of thousands of calls waits at the gate: each waiting call holds the
    # generated method's frame (its arguments) and a waiter, not its request body nor `_request`'s
    # frame as well.
    monkeypatch.setattr(_base_client, "DEFAULT_LIMITS", httpx.Limits(max_connections=1))

    async def main() -> None:
        async with AsyncZaiClient(api_key=KEY, base_url=server.base_url) as client:
            held = await client.chat.completions.create(model="m", messages=user(), stream=True)
            waiting = asyncio.ensure_future(client.chat.completions.create(model="m", messages=user()))
            await asyncio.sleep(0)
            chain: list[str] = []
            awaited: Any = waiting.get_coro()
            while inspect.iscoroutine(awaited):
                chain.append(awaited.cr_code.co_name)
                awaited = awaited.cr_await
            assert chain == ["create", "acquire"]
            await held.close()
            assert (await waiting).choices[0].message.content

    asyncio.run(main())


def test_a_place_taken_before_a_bad_argument_is_given_back(server: FakeZai) -> None:
    async def main() -> None:
        async with AsyncZaiClient(api_key=KEY, base_url=server.base_url) as client:
            with pytest.raises(ValueError, match="max_retries"):
                await client.chat.completions.create(model="m", messages=user(), max_retries=-1)
            gate = client._pool_policy.gate
            assert gate is not None and gate.in_use == 0

    asyncio.run(main())


# ---------------------------------------------------------------------------------------------- the gate


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_gate_admits_in_order_and_cancelled_waiters_leave_cleanly() -> None:
    async def main() -> None:
        gate = Gate(2)
        order: list[int] = []

        async def holder(n: int) -> None:
            await gate.acquire()
            order.append(n)

        await gate.acquire()
        await gate.acquire()
        tasks = [asyncio.ensure_future(holder(n)) for n in range(10)]
        await asyncio.sleep(0)
        assert gate.waiting == 10
        for n in (1, 4, 5, 8):
            tasks[n].cancel()
        await asyncio.sleep(0)
        assert gate.waiting == 6
        for _ in range(8):  # the two first holders and the six remaining waiters let go in turn
            gate.release()
            await asyncio.sleep(0)
        assert order == [0, 2, 3, 6, 7, 9]
        assert gate.in_use == 0

    asyncio.run(main())


def test_a_place_handed_to_a_cancelled_waiter_passes_on() -> None:
    async def main() -> None:
        gate = Gate(1)
        await gate.acquire()
        first = asyncio.ensure_future(gate.acquire())
        second = asyncio.ensure_future(gate.acquire())
        await asyncio.sleep(0)
        gate.release()  # the place goes to `first`...
        first.cancel()  # ...which is cancelled before it runs again
        await asyncio.gather(first, return_exceptions=True)
        await second
        assert first.cancelled() and gate.in_use == 1
        gate.release()
        assert gate.in_use == 0

    asyncio.run(main())


def test_a_place_released_on_another_threads_loop_wakes_the_waiter() -> None:
    # One AsyncZaiClient used by `asyncio.run` in several threads at once (each thread its own
    # event loop): a place given back on one loop must wake a waiter of another loop, whose
    # future can only be set from its own thread. Set from the wrong thread, it stayed asleep.
    gate = Gate(1)
    held = threading.Event()
    waiting = threading.Event()
    results: list[str] = []

    async def hold() -> None:
        await gate.acquire()
        held.set()
        await asyncio.to_thread(waiting.wait, 5)
        await asyncio.sleep(0.05)  # the other loop is asleep in its selector by now
        gate.release()

    async def wait() -> None:
        await asyncio.to_thread(held.wait, 5)
        task = asyncio.ensure_future(gate.acquire())
        await asyncio.sleep(0)
        waiting.set()
        await task  # no timer on this loop: only the release can wake it
        results.append("woken")
        gate.release()

    threads = [threading.Thread(target=asyncio.run, args=(job(),), daemon=True) for job in (hold, wait)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert results == ["woken"]
    assert gate.in_use == 0


def test_waiters_time_out_only_when_no_place_is_released(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    monkeypatch.setattr(_pool.time, "monotonic", clock)

    async def main() -> None:
        gate = Gate(1)
        await gate.acquire()
        first = asyncio.ensure_future(gate.acquire(10.0))
        second = asyncio.ensure_future(gate.acquire(10.0))
        await asyncio.sleep(0)
        clock.now = 8.0
        gate.release()  # progress at t=8: `first` has the place
        await first
        clock.now = 15.0
        gate._watch()  # 15 s after `second` joined, but only 7 s since the last release
        await asyncio.sleep(0)
        assert not second.done()
        clock.now = 18.5
        gate._watch()
        with pytest.raises(httpx.PoolTimeout):
            await second
        gate.release()
        assert gate.in_use == 0

    asyncio.run(main())
