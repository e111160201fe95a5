"""The retry policy, end to end against a local server (sync and async) and as pure functions."""

from __future__ import annotations

import email.utils
import time
from typing import Any

import httpx
import pytest

from tests.conftest import Api, user
from zai import (
    APIConnectionError,
    APIInternalError,
    APIReachLimitError,
    APIRequestFailedError,
    APIServerError,
    APIStatusError,
    APITimeoutError,
)
from zai._retry import MAX_RETRY_AFTER, NON_TRANSIENT_429_CODES, backoff, retry_delay, should_retry
from zai.testing import Reply, Reset

CHAT = "/paas/v4/chat/completions"


def create(client: Any, **options: Any) -> Any:
    return client.chat.completions.create(model="m", messages=user(), **options)


def error(status: int, code: str, message: str = "failure", **headers: str) -> Reply:
    return Reply(status, {"error": {"code": code, "message": message}}, headers=headers)


@pytest.mark.parametrize("status", [408, 409, 500, 502, 503, 504])
def test_transient_statuses_are_retried_max_retries_times(api: Api, status: int) -> None:
    api.server.script("POST", CHAT, *[error(status, "1234")] * 10)
    with pytest.raises(APIStatusError) as info:
        api.run(create, max_retries=3)
    assert info.value.status_code == status
    assert api.server.count("POST", CHAT) == 4


def test_success_after_failures(api: Api, sleeps: list[float]) -> None:
    api.server.script("POST", CHAT, error(500, "500"), error(503, "1305"), Reset())
    completion = api.run(create)
    assert completion.choices[0].message.content
    assert api.server.count("POST", CHAT) == 4
    assert len(sleeps) == 3
    assert all(0 < pause <= 8 for pause in sleeps)


@pytest.mark.parametrize("code", ["1302", "1303", "1305", "9999"])
def test_transient_429_is_retried(api: Api, code: str) -> None:
    api.server.script("POST", CHAT, *[error(429, code)] * 3)
    api.run(create, max_retries=3)
    assert api.server.count("POST", CHAT) == 4


@pytest.mark.parametrize("code", sorted(NON_TRANSIENT_429_CODES))
def test_non_transient_429_is_raised_at_once(api: Api, code: str) -> None:
    api.server.script("POST", CHAT, error(429, code, "quota"))
    with pytest.raises(APIReachLimitError) as info:
        api.run(create)
    assert info.value.code == code
    assert api.server.count("POST", CHAT) == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422, 434, 435])
def test_other_client_errors_are_not_retried(api: Api, status: int) -> None:
    api.server.script("POST", CHAT, error(status, "1210"))
    with pytest.raises(APIStatusError):
        api.run(create)
    assert api.server.count("POST", CHAT) == 1


def test_retry_after_seconds_is_honoured(api: Api, sleeps: list[float]) -> None:
    api.server.script("POST", CHAT, error(429, "1302", **{"retry-after": "2.5"}))
    api.run(create)
    assert sleeps == [2.5]


def test_retry_after_ms_wins(api: Api, sleeps: list[float]) -> None:
    api.server.script("POST", CHAT, error(503, "1305", **{"retry-after-ms": "1500", "retry-after": "9"}))
    api.run(create)
    assert sleeps == [1.5]


def test_retry_after_above_the_cap_is_not_retried(api: Api) -> None:
    api.server.script("POST", CHAT, error(503, "1305", **{"retry-after": "121"}))
    with pytest.raises(APIServerError):
        api.run(create)
    assert api.server.count("POST", CHAT) == 1


def test_x_should_retry_overrides_the_status(api: Api) -> None:
    api.server.script("POST", CHAT, error(400, "1210", **{"x-should-retry": "true"}))
    api.run(create)
    assert api.server.count("POST", CHAT) == 2
    api.server.reset()
    api.server.script("POST", CHAT, error(500, "500", **{"x-should-retry": "false"}))
    with pytest.raises(APIInternalError):
        api.run(create)
    assert api.server.count("POST", CHAT) == 1


def test_per_call_max_retries(api: Api) -> None:
    api.server.script("POST", CHAT, *[error(500, "500")] * 5)
    with pytest.raises(APIInternalError):
        api.run(lambda c: create(c, max_retries=1))
    assert api.server.count("POST", CHAT) == 2


def test_zero_retries(api: Api) -> None:
    api.server.script("POST", CHAT, Reset())
    with pytest.raises(APIConnectionError):
        api.run(create, max_retries=0)
    assert api.server.count("POST", CHAT) == 1


def test_connection_resets_are_retried_then_raised(api: Api) -> None:
    api.server.script("POST", CHAT, *[Reset()] * 3)
    with pytest.raises(APIConnectionError) as info:
        api.run(create, max_retries=2)
    assert not isinstance(info.value, APITimeoutError)
    assert api.server.count("POST", CHAT) == 3


def test_timeouts_are_retried_then_raised(api: Api) -> None:
    api.server.script("POST", CHAT, *[Reply(200, {}, delay=0.3)] * 3)
    with pytest.raises(APITimeoutError):
        api.run(lambda c: create(c, timeout=0.05, max_retries=1))
    assert api.server.count("POST", CHAT) == 2


def test_per_call_timeout_overrides_the_client(api: Api) -> None:
    api.server.script("POST", CHAT, Reply(200, {"id": "slow"}, delay=0.2))
    completion = api.run(lambda c: create(c, timeout=5), timeout=0.01, max_retries=0)
    assert completion.id == "slow"


def test_bad_request_is_raised_with_the_server_message(api: Api) -> None:
    api.server.script("POST", CHAT, error(400, "1214", "messages: field invalid"))
    with pytest.raises(APIRequestFailedError, match=r"Error code: 400, with error text .*1214.*field invalid"):
        api.run(create)


def test_invalid_max_retries_is_rejected(api: Api) -> None:
    with pytest.raises(ValueError, match="max_retries"):
        api.run(lambda c: create(c, max_retries=-1))
    with pytest.raises(TypeError, match="max_retries"):
        api.run(create, max_retries=None)


# ---------------------------------------------------------------------- pure functions


def response(status: int = 503, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers=headers)


def test_backoff_is_exponential_capped_and_jittered() -> None:
    for retries_taken, nominal in [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (10, 8.0), (5000, 8.0)]:
        pauses = {backoff(retries_taken) for _ in range(50)}
        assert all(nominal * 0.75 <= pause <= nominal for pause in pauses)
        assert len(pauses) > 1  # jitter


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "0.25"}, 0.25),
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after": str(MAX_RETRY_AFTER)}, MAX_RETRY_AFTER),
        ({"retry-after": "121"}, None),
        ({"retry-after-ms": "121000"}, None),
        ({"retry-after": "inf"}, None),
    ],
)
def test_retry_after_values(headers: dict[str, str], expected: float | None) -> None:
    assert retry_delay(0, response(**headers)) == expected


@pytest.mark.parametrize("value", ["0", "-5", "nan", "soon", "", "-inf"])
def test_unusable_retry_after_falls_back_to_backoff(value: str) -> None:
    pause = retry_delay(2, response(**{"retry-after": value}))
    assert pause is not None and 1.5 <= pause <= 2.0


def test_retry_after_http_date() -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    pause = retry_delay(0, response(**{"retry-after": when}))
    assert pause is not None and 28 <= pause <= 31
    past = email.utils.formatdate(time.time() - 30, usegmt=True)
    assert retry_delay(0, response(**{"retry-after": past})) is not None


@pytest.mark.parametrize(
    ("status", "code", "headers", "expected"),
    [
        (429, "1302", {}, True),
        (429, None, {}, True),
        (429, "1113", {}, False),
        (429, "1310", {}, False),
        (408, None, {}, True),
        (409, None, {}, True),
        (500, None, {}, True),
        (599, None, {}, True),
        (400, None, {}, False),
        (401, "1003", {}, False),
        (400, None, {"x-should-retry": "true"}, True),
        (503, None, {"x-should-retry": "false"}, False),
    ],
)
def test_should_retry_table(status: int, code: str | None, headers: dict[str, str], expected: bool) -> None:
    assert should_retry(response(status, **headers), code) is expected
