"""Every SDK method, sync and async, at the HTTP level, with the OpenAPI document's examples.

For each operation the test builds the call from the document's request example, checks what went
on the wire (method, URL, query, JSON or multipart body, headers) and that the example response is
parsed into a model that gives the example back from `to_dict()`.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from tests.conftest import Api
from zai import AsyncZaiClient, BaseModel
from zai._binary import AsyncBinaryResponse, BinaryResponse
from zai._pagination import AsyncCursorPage, SyncCursorPage
from zai.testing import FakeZai
from zai.testing._examples import BINARY_BODY, load_operations


@pytest.fixture(scope="module")
def server() -> Iterator[FakeZai]:
    with FakeZai(simulate=False) as fake:
        yield fake


BINDINGS = [(operation, binding) for operation in load_operations() for binding in operation["bindings"]]


def python_name(wire: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", wire).lower().replace("-", "_")


def sample(kind: str | None) -> Any:
    return {"integer": 1, "number": 1.5, "boolean": True, "array": ["x"], "object": {"k": "v"}}.get(kind or "", "value")


def resolve(client: Any, method: str) -> Any:
    target = client
    for part in method.split("."):
        target = getattr(target, part)
    return target


def build_call(
    operation: dict[str, Any], binding: dict[str, Any], function: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(keyword arguments, {wire name: value} expected in the body)."""
    names = {name.rstrip("_"): name for name in inspect.signature(function).parameters}
    kwargs: dict[str, Any] = {}
    sent: dict[str, Any] = {}

    def put(wire: str, value: Any) -> None:
        name = names.get(python_name(wire)) or names.get(wire)
        assert name is not None, f"{binding['method']} has no parameter for {wire!r}: {sorted(names)}"
        kwargs[name] = value

    for parameter in operation["parameters"]:
        value = parameter["example"]
        if value is None and parameter["in"] == "path":
            value = "id 1/2"
        if value is None and parameter["required"]:
            value = sample(parameter["type"])
        if value is not None:
            put(parameter["name"], value)
    request = operation.get("request")
    if request:
        example = request["example"] if isinstance(request["example"], dict) else {}
        for wire, field in request["fields"].items():
            if field["format"] == "binary" or field["items"] == "binary":
                if wire in request["required"] or not example:
                    value = b"file bytes" if field["format"] == "binary" else [b"file bytes"]
                    put(wire, value)
                continue
            if wire in example:
                value = example[wire]
            elif wire in request["required"]:
                value = sample(field["type"])
            else:
                continue
            if binding.get("stream") == wire:
                continue
            put(wire, value)
            sent[wire] = value
        for name, value in binding.get("defaults", {}).items():
            sent.setdefault(name, value)
    return kwargs, sent


def expected_path(operation: dict[str, Any], kwargs: dict[str, Any]) -> str:
    path = operation["path"]
    for parameter in operation["parameters"]:
        if parameter["in"] == "path":
            value = kwargs.get(python_name(parameter["name"])) or kwargs.get(parameter["name"])
            path = path.replace("{" + parameter["name"] + "}", quote(str(value), safe=""))
    return path


def without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


@pytest.mark.parametrize(("operation", "binding"), BINDINGS, ids=[b["method"] for _, b in BINDINGS])
def test_operation(api: Api, operation: dict[str, Any], binding: dict[str, Any]) -> None:
    holder: dict[str, Any] = {}

    def call(client: Any) -> Any:
        function = resolve(client, binding["method"])
        kwargs, sent = build_call(operation, binding, function)
        holder.update(kwargs=kwargs, sent=sent)
        result = function(**kwargs)
        if isinstance(client, AsyncZaiClient):

            async def finish() -> Any:
                value = await result
                if isinstance(value, AsyncBinaryResponse):
                    await value.read()
                if binding.get("stream") == "always":
                    return [event async for event in value]
                return value

            return finish()
        if binding.get("stream") == "always":
            return list(result)
        if isinstance(result, BinaryResponse):
            result.content  # noqa: B018  (reads the body)
        return result

    result = api.run(call)
    request = api.server.last()
    assert request.method == operation["method"]
    assert request.path == expected_path(operation, holder["kwargs"])
    assert request.headers["authorization"].startswith("Bearer ")
    for parameter in operation["parameters"]:
        if parameter["in"] == "query" and parameter["example"] is not None:
            assert request.query[parameter["name"]] == [str(parameter["example"]).replace("True", "true")]
    content_type = request.headers.get("content-type", "")
    if operation.get("request", {}).get("content_type") == "multipart/form-data":
        assert content_type.startswith("multipart/form-data; boundary=")
        for wire in holder["sent"]:
            assert f'name="{wire}"'.encode() in request.body
    elif holder["sent"]:
        assert content_type == "application/json"
        assert request.json() == holder["sent"]

    if binding.get("stream") == "always":
        assert result and all(isinstance(event, BaseModel) for event in result)
    elif binding.get("binary") and operation.get("response") is not None:
        assert json.loads(result.content) == operation["response"]
    elif binding.get("binary"):
        assert result.content == BINARY_BODY
    elif binding.get("paginate"):
        assert isinstance(result, (SyncCursorPage, AsyncCursorPage))
        assert without_nulls(result.page.to_dict()) == without_nulls(operation["response"])
    elif operation.get("response") is not None and isinstance(result, BaseModel):
        assert without_nulls(result.to_dict()) == without_nulls(operation["response"])
    else:
        assert result == operation.get("response")


STREAMING = [(o, b) for o, b in BINDINGS if b.get("stream") and b["stream"] != "always"]


@pytest.mark.parametrize(("operation", "binding"), STREAMING, ids=[b["method"] for _, b in STREAMING])
def test_streaming_operation(api: Api, operation: dict[str, Any], binding: dict[str, Any]) -> None:
    def call(client: Any) -> Any:
        function = resolve(client, binding["method"])
        kwargs, _ = build_call(operation, binding, function)
        kwargs[binding["stream"]] = True
        return function(**kwargs)

    events = api.run(call, consume=True)
    request = api.server.last()
    assert request.headers["accept"] == "text/event-stream"
    if "json" in request.headers.get("content-type", ""):
        assert request.json()[binding["stream"]] is True
    assert len(events) == 1
    assert without_nulls(events[0].to_dict()) == without_nulls(operation["event"])


def test_every_operation_has_examples() -> None:
    for operation in load_operations():
        assert operation["bindings"], operation["operationId"]
        if "binary_type" not in operation:
            assert operation.get("response") is not None or operation.get("event"), operation["operationId"]
        if "event" in operation:
            assert operation["event"], operation["operationId"]
        json.dumps(operation)
