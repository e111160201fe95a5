"""The retry policy: what is retried and how long to wait. Shared by the sync and async clients."""

from __future__ import annotations

import email.utils
import math
import random
import time

import httpx

__all__ = ["MAX_RETRY_AFTER", "NON_TRANSIENT_429_CODES", "backoff", "retry_delay", "should_retry"]

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
# A server asking for a longer pause than this is not retried: the caller should decide.
MAX_RETRY_AFTER = 120.0

# 429s that waiting a few seconds will not fix: arrears (1113), daily quota (1304), plan and
# usage caps, expired or missing plans, fair-use throttling (1308-1321).
NON_TRANSIENT_429_CODES = frozenset({"1113", "1304", *(str(code) for code in range(1308, 1322))})


def should_retry(response: httpx.Response, code: str | None) -> bool:
    """Whether a failed response is worth another attempt. `code` is the business code, if any."""
    hint = response.headers.get("x-should-retry")
    if hint == "true":
        return True
    if hint == "false":
        return False
    status = response.status_code
    if status == 429:
        return code not in NON_TRANSIENT_429_CODES
    return status in (408, 409) or status >= 500


def backoff(retries_taken: int) -> float:
    """Exponential delay (0.5 s doubling, capped at 8 s) shortened by up to 25% of jitter."""
    delay = min(INITIAL_RETRY_DELAY * 2.0 ** min(retries_taken, 30), MAX_RETRY_DELAY)
    return delay * (1.0 - 0.25 * random.random())


def _retry_after(response: httpx.Response) -> float | None:
    """The server's requested pause in seconds, from `retry-after-ms` or `retry-after`."""
    headers = response.headers
    value = headers.get("retry-after-ms")
    if value is not None:
        try:
            return float(value) / 1000.0
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    parsed = email.utils.parsedate_tz(value)
    if parsed is None:
        return None
    return float(email.utils.mktime_tz(parsed) - time.time())


def retry_delay(retries_taken: int, response: httpx.Response | None) -> float | None:
    """Seconds to wait before the next attempt, or None when the server asks for too long a pause.

    A usable server hint (0 < seconds <= 120) is followed as given; a missing, zero, negative or
    unparsable hint falls back to `backoff`.
    """
    hint = _retry_after(response) if response is not None else None
    if hint is not None and math.isfinite(hint) and hint > 0:
        if hint > MAX_RETRY_AFTER:
            return None
        return hint
    if hint is not None and math.isinf(hint) and hint > 0:
        return None
    return backoff(retries_taken)
