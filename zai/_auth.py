"""Credentials: the `Authorization` header for each attempt.

Two modes, chosen by zai-sdk's `disable_token_cache` flag:
- bearer (the default, `disable_token_cache=True`): the API key itself;
- JWT (`disable_token_cache=False`): a token signed with the secret half of an `id.secret` key,
  as Z.ai expects it, reused for at most 180 seconds.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time

from ._exceptions import ZaiError

__all__ = ["ApiKeyAuth"]

# A token is valid for 210 s; it is reused for 180 s so that it never expires in flight.
TOKEN_TTL_MS = 210_000
CACHE_SECONDS = 180.0
_HEADER = b'{"alg":"HS256","sign_type":"SIGN","typ":"JWT"}'


def _b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


class ApiKeyAuth:
    """Produces the `Authorization` header value for each attempt; thread-safe."""

    __slots__ = ("_bearer", "_issued_at", "_key_id", "_lock", "_secret", "_token", "jwt")

    def __init__(self, api_key: str, *, jwt: bool) -> None:
        self.jwt = jwt
        self._bearer = f"Bearer {api_key}"
        self._key_id = ""
        self._secret = ""
        self._token: str | None = None
        self._issued_at = 0.0
        self._lock = threading.Lock()
        if jwt:
            parts = api_key.split(".")
            if len(parts) != 2 or not parts[0] or not parts[1]:
                raise ZaiError(
                    "api_key must have the form '<id>.<secret>' when disable_token_cache=False "
                    "(JWT mode); check the key, or keep disable_token_cache=True to send it as is"
                )
            self._key_id, self._secret = parts

    def authorization(self) -> str:
        """The header value for the next attempt."""
        if not self.jwt:
            return self._bearer
        token = self._token
        if token is None or time.monotonic() - self._issued_at >= CACHE_SECONDS:
            with self._lock:
                if self._token is None or time.monotonic() - self._issued_at >= CACHE_SECONDS:
                    self._token = self._sign()
                    self._issued_at = time.monotonic()
                token = self._token
        return f"Bearer {token}"

    def invalidate(self) -> None:
        """Forget the cached token (the server said it expired: business code 1003)."""
        with self._lock:
            self._token = None

    def _sign(self) -> str:
        # HS256 by hand (it is three lines): PyJWT would warn about the platform's short secrets.
        now_ms = round(time.time() * 1000)
        payload = {"api_key": self._key_id, "exp": now_ms + TOKEN_TTL_MS, "timestamp": now_ms}
        signing_input = _b64(_HEADER) + b"." + _b64(json.dumps(payload, separators=(",", ":")).encode())
        signature = hmac.new(self._secret.encode(), signing_input, hashlib.sha256).digest()
        return (signing_input + b"." + _b64(signature)).decode("ascii")

    def __repr__(self) -> str:
        jwt = getattr(self, "jwt", None)
        return f"ApiKeyAuth(mode={'?' if jwt is None else 'jwt' if jwt else 'bearer'})"
