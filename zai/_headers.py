"""Header names and values, checked before anything is sent.

httpx and h11 refuse a value with a newline, a stray space at either end or a non-ASCII character,
and their messages quote the value: an API key read from a file with its trailing newline would
end up in the exception, the CLI's error line and the retry log, and be retried as a connection
error. These checks fail first, with a `ZaiError` that names the header and what is wrong with the
value, never the value itself (it may be a credential).
"""

from __future__ import annotations

import re

from ._exceptions import ZaiError

__all__ = ["check_api_key", "check_header"]

_NAME = re.compile(r"[-!#$%&'*+.^_`|~0-9A-Za-z]+")
# RFC 9110 field-value, ASCII only (httpx encodes header values as ASCII): visible characters,
# with single spaces or tabs between them.
_VALUE = re.compile(r"(?:[\x21-\x7e]+(?:[ \t]+[\x21-\x7e]+)*)?")
_KEY = re.compile(r"[\x21-\x7e]+")

_NAMES = {"\n": "a line feed (\\n)", "\r": "a carriage return (\\r)", "\t": "a tab", " ": "a space", "\x00": "a NUL"}


def _flaw(value: str, allowed: re.Pattern[str]) -> str:
    """What makes `value` unsendable, described without showing the value."""
    for index, char in enumerate(value):
        if char in " \t" and allowed is _VALUE and 0 < index < len(value) - 1:
            continue
        if char in _NAMES or not "\x21" <= char <= "\x7e":
            what = _NAMES.get(char) or ("a non-ASCII character" if ord(char) > 0x7E else "a control character")
            if index == len(value) - 1:
                return f"{what} at the end"
            return f"{what} at the start" if index == 0 else f"{what} at position {index + 1} of {len(value)}"
    return "characters that are not allowed"


def check_api_key(api_key: str) -> None:
    """Refuse a key that cannot be sent as it is (a trailing newline from a file, say)."""
    if _KEY.fullmatch(api_key) is None:
        raise ZaiError(
            f"api_key cannot be sent in an HTTP header: it contains {_flaw(api_key, _KEY)}. "
            "Check for a stray newline or space, for example from a file or an environment variable."
        )


def check_header(name: object, value: object) -> None:
    """Refuse a header whose name or (str) value httpx could not send."""
    if isinstance(name, bytes):
        name = name.decode("latin-1")
    if not isinstance(name, str) or _NAME.fullmatch(name) is None:
        raise ZaiError(f"Header name {name!r} is not a valid HTTP header name")
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if isinstance(value, str) and _VALUE.fullmatch(value) is None:
        raise ZaiError(f"Header {name!r} cannot be sent: its value contains {_flaw(value, _VALUE)}")
