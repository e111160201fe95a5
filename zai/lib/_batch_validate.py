"""Checking a request body against the operation its batch endpoint targets, before anything is uploaded.

The operations' request fields (their JSON types, and which are required) come from the OpenAPI
document, shipped with the generated package (`zai_api/examples.json`). A body missing a required
field, or giving a field a value of the wrong JSON type, is refused here: found locally it costs
nothing, found by the platform it costs a batch round trip. Fields the document does not know are
let through (the platform may be newer than this SDK), and so are nulls. A body asking to stream is
refused too: a batch answers each request with one JSON response.
"""

from __future__ import annotations

import json
import pkgutil
import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, cast

from zai_api.types import BaseModel

__all__ = ["BodyChecker", "operation_path"]

# JSON types of the document, as the Python types `json.loads` gives them. `type(value) in ...`
# keeps booleans out of integers and numbers.
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}
_WANTED = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "array": "an array",
    "object": "an object",
}
_FOUND: dict[type, str] = {str: "a string", int: "an integer", float: "a number", bool: "a boolean"}
_FOUND.update({list: "an array", dict: "an object"})
_VERSION = re.compile(r"^/v\d+(?=/)")


def operation_path(endpoint: str) -> str:
    """The document's path of a batch endpoint: `/v4/chat/completions` and `/v1/chat/completions`
    are both `/paas/v4/chat/completions`."""
    return _VERSION.sub("/paas/v4", endpoint, count=1)


@cache
def _request_schemas() -> dict[str, tuple[tuple[str, ...], dict[str, str]]]:
    # pkgutil reads through the package's loader without importing zipfile (importlib.resources does).
    data = pkgutil.get_data("zai_api", "examples.json")
    if data is None:  # pragma: no cover  (a loader that cannot read data files)
        return {}
    text = data.decode("utf-8")
    schemas: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {}
    for operation in json.loads(text)["operations"]:
        request = operation.get("request")
        if operation["method"] != "POST" or not request or "json" not in str(request.get("content_type")):
            continue
        fields: dict[str, Any] = request.get("fields") or {}
        types = {name: kind for name, spec in fields.items() if (kind := _single_type(spec.get("type")))}
        schemas[operation["path"]] = (tuple(request.get("required") or ()), types)
    return schemas


def _single_type(declared: Any) -> str | None:
    """The JSON type of a field, when it has one (`["string", "null"]` is a string; unions are let through)."""
    if isinstance(declared, list):
        kinds = [kind for kind in cast("Iterable[Any]", declared) if kind != "null"]
        declared = kinds[0] if len(kinds) == 1 else None
    return declared if isinstance(declared, str) and declared in _JSON_TYPES else None


def _kind(value: object) -> str:
    return _FOUND.get(type(value)) or type(value).__name__


class BodyChecker:
    """Checks request bodies for one endpoint. `known` tells whether the document describes it."""

    def __init__(self, endpoint: str) -> None:
        schema = _request_schemas().get(operation_path(endpoint))
        self.known = schema is not None
        required, types = schema if schema is not None else ((), {})
        self._required = required
        self._required_set = frozenset(required)
        self._names = types
        self._types = {name: _JSON_TYPES[kind] for name, kind in types.items()}

    def problem(self, body: Any) -> str | None:
        """Why `body` would be refused, or None."""
        if body.__class__ is not dict:  # (not `type(body)`: checkers would narrow it to a dict of unknowns)
            return f"the body must be a JSON object, not {_kind(body)}"
        fields: dict[str, Any] = body
        if not fields.keys() >= self._required_set:
            missing = next(name for name in self._required if name not in fields)
            return f"the body misses the required field {missing!r}"
        if fields.get("stream") is True:
            return "a batch cannot stream its responses: leave out stream or set it to false"
        types = self._types
        for name, value in fields.items():
            expected = types.get(name)
            if expected is not None and type(value) not in expected and value is not None:
                kind = self._names[name]
                if not _compatible(value, kind):
                    return f"field {name!r} must be {_WANTED[kind]}, not {_kind(value)}"
        return None


def _compatible(value: object, kind: str) -> bool:
    """Whether a value given from Python (not parsed from JSON) is sent as the JSON `kind`."""
    if isinstance(value, bool):
        return kind == "boolean"
    if kind == "object":
        return isinstance(value, (Mapping, BaseModel))
    if kind == "array":
        return isinstance(value, (list, tuple))
    if kind == "string":
        return isinstance(value, str)  # str subclasses (enums of known values) are strings
    if kind == "integer":
        return isinstance(value, int)
    return kind == "number" and isinstance(value, (int, float))
