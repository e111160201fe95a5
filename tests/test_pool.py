"""The async client's connection pool under cancellation and bursts larger than the pool."""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
from typing import Any

import httpx
import pytest

from tests.conftest import KEY, user
from zai import AsyncZaiClient, _base_client
from zai.testing import FakeZai

POOL = 10


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


async def _cancel_at_random(client: AsyncZaiClient, seed: int) -> int:
    """Calls cancelled by `asyncio.wait_for` at random moments: one at a time, then in bursts wider
    than the pool (so that requests also wait for connections). Returns how many were cancelled."""
    rng = random.Random(seed)

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
            cancelled = await _cancel_at_random(client, seed=10)
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
