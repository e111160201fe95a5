"""Credentials: bearer keys, Z.ai JWTs (claims, caching, re-signing), thread safety."""

from __future__ import annotations

import threading
import time
from typing import Any

import jwt
import pytest

from tests.conftest import KEY, Api, user
from zai import APIAuthenticationError, ZaiClient, ZaiError, _auth
from zai._auth import ApiKeyAuth
from zai.testing import Reply

CHAT = "/paas/v4/chat/completions"
KEY_ID, SECRET = KEY.split(".")


def bearer(request_headers: dict[str, str]) -> str:
    value = request_headers["authorization"]
    assert value.startswith("Bearer ")
    return value[len("Bearer ") :]


def test_default_mode_sends_the_key(api: Api) -> None:
    api.run(lambda c: c.chat.completions.create(model="m", messages=user()))
    assert bearer(api.server.last().headers) == KEY


def test_jwt_mode_claims_and_header(api: Api) -> None:
    before = time.time() * 1000
    api.run(lambda c: c.chat.completions.create(model="m", messages=user()), disable_token_cache=False)
    after = time.time() * 1000
    token = bearer(api.server.last().headers)
    header = jwt.get_unverified_header(token)
    assert header == {"alg": "HS256", "sign_type": "SIGN", "typ": "JWT"}
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_exp": False})
    assert set(claims) == {"api_key", "exp", "timestamp"}
    assert claims["api_key"] == KEY_ID
    assert before - 1 <= claims["timestamp"] <= after + 1
    assert claims["exp"] == claims["timestamp"] + 210_000
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, "a-different-secret-of-32-bytes-x", algorithms=["HS256"], options={"verify_exp": False})


@pytest.mark.parametrize("key", ["no-dot", "a.b.c", ".secret", "id.", ""])
def test_jwt_mode_rejects_malformed_keys(key: str) -> None:
    with pytest.raises(ZaiError, match=r"id>\.<secret|ZAI_API_KEY"):
        ZaiClient(api_key=key, disable_token_cache=False)


def test_token_is_reused_for_180_seconds_then_signed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(_auth.time, "monotonic", lambda: clock[0])
    auth = ApiKeyAuth(KEY, jwt=True)
    first = auth.authorization()
    clock[0] += 179.0
    assert auth.authorization() == first
    clock[0] += 1.0
    monkeypatch.setattr(_auth.time, "time", lambda: 5_000_000.0)
    assert auth.authorization() != first


def test_each_attempt_is_signed(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(_auth.time, "monotonic", lambda: clock[0])
    real_time = time.time
    monkeypatch.setattr(_auth.time, "time", lambda: real_time() + (clock[0] - 1000.0))

    def advance_and_fail(client: Any) -> Any:
        return client.chat.completions.create(model="m", messages=user())

    tokens: list[str] = []
    original = ApiKeyAuth.authorization

    def spy(self: ApiKeyAuth) -> str:
        value = original(self)
        tokens.append(value)
        clock[0] += 200.0  # every attempt finds the previous token too old
        return value

    monkeypatch.setattr(ApiKeyAuth, "authorization", spy)
    api.server.script("POST", CHAT, Reply(503, {"error": {"code": "1305", "message": "busy"}}))
    api.run(advance_and_fail, disable_token_cache=False)
    sent = [request.headers["authorization"] for request in api.server.requests]
    assert sent == tokens and len(set(sent)) == 2


def test_expired_token_1003_is_signed_again_and_retried_once(api: Api) -> None:
    expired = Reply(401, {"error": {"code": "1003", "message": "token expired"}})
    api.server.script("POST", CHAT, expired)
    completion = api.run(
        lambda c: c.chat.completions.create(model="m", messages=user()), disable_token_cache=False, max_retries=0
    )
    assert completion.choices
    assert api.server.count("POST", CHAT) == 2
    api.server.reset()
    api.server.script("POST", CHAT, expired, expired, expired)
    with pytest.raises(APIAuthenticationError):
        api.run(lambda c: c.chat.completions.create(model="m", messages=user()), disable_token_cache=False)
    assert api.server.count("POST", CHAT) == 2


def test_1003_in_bearer_mode_is_not_retried(api: Api) -> None:
    api.server.script("POST", CHAT, Reply(401, {"error": {"code": "1003", "message": "expired"}}))
    with pytest.raises(APIAuthenticationError):
        api.run(lambda c: c.chat.completions.create(model="m", messages=user()))
    assert api.server.count("POST", CHAT) == 1


def test_concurrent_signing_yields_one_valid_token(monkeypatch: pytest.MonkeyPatch) -> None:
    auth = ApiKeyAuth(KEY, jwt=True)
    signed: list[int] = []
    original = ApiKeyAuth._sign

    def slow_sign(self: ApiKeyAuth) -> str:
        signed.append(1)
        time.sleep(0.01)
        return original(self)

    monkeypatch.setattr(ApiKeyAuth, "_sign", slow_sign)
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(auth.authorization())) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(signed) == 1
    assert len(set(results)) == 1


def test_no_secret_in_reprs() -> None:
    client = ZaiClient(api_key=KEY, disable_token_cache=False)
    for text in (repr(client), str(client), repr(client._auth)):
        assert SECRET not in text and KEY_ID not in text
