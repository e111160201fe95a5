from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator
from typing import Any, Callable

import pytest

from zai import AsyncZaiClient, ZaiClient, _base_client
from zai.testing import FakeZai

KEY = "test-key-id.test-key-secret-0123456789abcdef"


@pytest.fixture(scope="session")
def server() -> Iterator[FakeZai]:
    with FakeZai() as fake:
        yield fake


@pytest.fixture(autouse=True)
def _fresh_server(server: FakeZai) -> None:
    server.reset()


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZAI_API_KEY", raising=False)
    monkeypatch.delenv("ZAI_BASE_URL", raising=False)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retry pauses are recorded instead of slept."""
    recorded: list[float] = []

    async def fake_async_sleep(seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr(_base_client, "sleep", recorded.append)
    monkeypatch.setattr(_base_client, "async_sleep", fake_async_sleep)
    return recorded


class Api:
    """Runs the same scenario with the sync or the async client."""

    def __init__(self, is_async: bool, server: FakeZai) -> None:
        self.is_async = is_async
        self.server = server

    def __repr__(self) -> str:
        return "async" if self.is_async else "sync"

    def run(self, fn: Callable[[Any], Any], *, consume: bool = False, **client_kwargs: Any) -> Any:
        """Call `fn(client)`; with `consume`, iterate the stream it returns into a list."""
        client_kwargs.setdefault("api_key", KEY)
        client_kwargs.setdefault("base_url", self.server.base_url)
        if not self.is_async:
            with ZaiClient(**client_kwargs) as client:
                result = fn(client)
                return list(result) if consume else result

        async def main() -> Any:
            async with AsyncZaiClient(**client_kwargs) as client:
                result = fn(client)
                if inspect.isawaitable(result):
                    result = await result
                if consume:
                    return [item async for item in result]
                return result

        return asyncio.run(main())


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def api(request: pytest.FixtureRequest, server: FakeZai, sleeps: list[float]) -> Api:
    return Api(request.param, server)


def user(text: str = "Hello") -> list[dict[str, str]]:
    return [{"role": "user", "content": text}]
