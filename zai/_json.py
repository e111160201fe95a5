"""Decoding JSON bodies, with one failure type.

`json.loads` raises `RecursionError` (not `ValueError`) for JSON nested deeper than Python's
recursion limit, such as ``[[[[...]]]]`` 100,000 levels deep. Every body the SDK decodes goes
through `loads`, which turns that into the `json.JSONDecodeError` (a `ValueError`) the callers
already map to typed errors.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["loads"]


def loads(data: str | bytes | bytearray, **kwargs: Any) -> Any:
    """`json.loads`, raising `json.JSONDecodeError` for JSON nested too deeply to decode."""
    try:
        return json.loads(data, **kwargs)
    except RecursionError:
        raise json.JSONDecodeError("JSON nested too deeply to decode", "", 0) from None
