"""Every SDK method, sync and async, against Prism mocking `openapi/openapi.yaml` (see conftest.py).

Prism validates each request against the document (`--errors`: a violation is answered 422) and
answers with the document's example. For every binding of `zai_api/examples.json` the call is built
from the document's examples, as in tests/test_operations.py; the test asserts that no response
carries a violation (`sl-violations`) and that the body parses into the SDK's model, giving the
example back from `to_dict()`. Required arguments without an example get a placeholder, or the
first value the SDK's signature allows (`Literal[...]`, from the document's enums).

What Prism cannot do, and how it is handled:

- **Event streams.** The document gives `text/event-stream` the event model's object schema (what
  each `data:` line holds) and no example; Prism has no SSE serialiser and answers every stream
  request 500 `NO_COMPLEX_OBJECT_TEXT` ("Cannot serialise complex objects as text"), after it has
  validated the request. So `test_stream_request` checks, for every streaming binding (`stream=True`
  and the stream-only `zrag.chat`), that the stream request (the `stream` flag, `Accept:
  text/event-stream`) passes validation and that Prism's answer is that limitation; should Prism
  ever serve events, they must parse into models. Stream parsing is covered by the in-process fake
  server (tests/test_operations.py, tests/test_streaming.py).
- **Arrays in multipart bodies.** Prism 5.16 keeps only the last part of a repeated multipart field
  (`parseMultipartFormDataParams` in prism-http; stoplightio/prism#2654 is open), so an array
  property of a multipart body never validates ("must be array"), whatever the client sends. The
  optional ones (`hotwords` of `audio.transcriptions.create`) are left out of the request; the
  operations whose array is required (`files` of `applications.upload_files` and
  `knowledge.documents.upload`) are marked xfail once that is their only violation.
- **Binary downloads.** Prism negotiates the content type (a request whose `Accept` names none of
  the operation's media types is answered 406); the SDK sends the operation's media types.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import re
import typing
from dataclasses import dataclass, field
from typing import Any, Callable

import httpx
import pytest

import zai_api.models
from tests.contract.conftest import Prism
from tests.test_operations import BINDINGS, build_call, python_name, resolve, without_nulls
from zai import APIStatusError, AsyncZaiClient, BaseModel, ZaiClient
from zai._binary import AsyncBinaryResponse, BinaryResponse
from zai._pagination import AsyncCursorPage, SyncCursorPage

KEY = "contract-key-id.contract-key-secret-0123456789"
NO_SSE = "NO_COMPLEX_OBJECT_TEXT"  # Prism's answer to a request for text/event-stream
NOT_ACCEPTABLE = "NOT_ACCEPTABLE"  # Prism's answer when no response media type matches Accept

CALLS = [(o, b) for o, b in BINDINGS if b.get("stream") != "always"]
STREAMS = [(o, b) for o, b in BINDINGS if b.get("stream")]
CLIENTS = pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])


@dataclass
class Outcome:
    """What one SDK call gave, and every HTTP response it saw."""

    result: Any = None
    error: BaseException | None = None
    responses: list[httpx.Response] = field(default_factory=list)

    @property
    def response(self) -> httpx.Response:
        assert self.responses, f"no HTTP response; the call raised {self.error!r}"
        return self.responses[-1]

    def violations(self) -> list[str]:
        return [r.headers["sl-violations"] for r in self.responses if "sl-violations" in r.headers]


Build = Callable[[Any], dict[str, Any]]


def run(prism: Prism, is_async: bool, method: str, build: Build, *, consume: bool = False) -> Outcome:
    """Call `method` with `build(function)` as arguments; with `consume`, iterate the stream."""
    outcome = Outcome()
    options: dict[str, Any] = {"api_key": KEY, "base_url": prism.base_url, "max_retries": 0, "timeout": 30}

    def record(response: httpx.Response) -> None:
        outcome.responses.append(response)

    if not is_async:
        with httpx.Client(event_hooks={"response": [record]}) as http, ZaiClient(http_client=http, **options) as c:
            function = resolve(c, method)
            try:
                result = function(**build(function))
                if consume:
                    result = list(result)
                elif isinstance(result, BinaryResponse):
                    result.content  # noqa: B018  (reads the body)
                outcome.result = result
            except Exception as error:
                outcome.error = error
        return outcome

    async def record_async(response: httpx.Response) -> None:
        record(response)

    async def main() -> None:
        hooks = {"response": [record_async]}
        async with httpx.AsyncClient(event_hooks=hooks) as http, AsyncZaiClient(http_client=http, **options) as c:
            function = resolve(c, method)
            try:
                result = await function(**build(function))
                if consume:
                    result = [event async for event in result]
                elif isinstance(result, AsyncBinaryResponse):
                    await result.read()
                outcome.result = result
            except Exception as error:
                outcome.error = error

    asyncio.run(main())
    return outcome


def literal_values(annotation: Any) -> list[Any]:
    """The values of the `Literal[...]` in a (string) annotation, spelled out or named: the document's enum."""
    match = re.search(r"Literal\[([^\]]*)\]", str(annotation))
    if match:
        return list(ast.literal_eval(f"[{match.group(1)}]"))
    for name in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", str(annotation)):
        alias = getattr(zai_api.models, name, None) if name[:1].isupper() else None
        if typing.get_origin(alias) is typing.Literal:
            return list(typing.get_args(alias))
    return []


def multipart_arrays(operation: dict[str, Any]) -> dict[str, bool]:
    """{wire name: required} of the array properties of a multipart request body."""
    request = operation.get("request") or {}
    if request.get("content_type") != "multipart/form-data":
        return {}
    return {wire: wire in request["required"] for wire, f in request["fields"].items() if f["type"] == "array"}


def arguments(operation: dict[str, Any], binding: dict[str, Any], function: Any, **extra: Any) -> dict[str, Any]:
    """The call of tests/test_operations.py, made acceptable to Prism where it needs placeholders."""
    kwargs, _ = build_call(operation, binding, function)
    parameters = inspect.signature(function).parameters
    names = {name.rstrip("_"): name for name in parameters}

    def name_of(wire: str) -> str | None:
        return names.get(python_name(wire)) or names.get(wire)

    request = operation.get("request") or {}
    example = request.get("example") if isinstance(request.get("example"), dict) else {}
    from_examples = {name_of(p["name"]) for p in operation["parameters"] if p["example"] is not None}
    from_examples |= {name_of(wire) for wire in example or {}}
    for name, value in list(kwargs.items()):
        choices = literal_values(parameters[name].annotation)
        if name not in from_examples and choices and value not in choices:
            kwargs[name] = choices[0]
    for wire, required in multipart_arrays(operation).items():
        if not required:
            kwargs.pop(name_of(wire) or wire, None)
    kwargs.update(extra)
    return kwargs


def assert_valid(outcome: Outcome, operation: dict[str, Any]) -> None:
    """No violation was reported; the known multipart-array one makes the test xfail."""
    violations = outcome.violations()
    if not violations:
        return
    required_arrays = [wire for wire, required in multipart_arrays(operation).items() if required]
    known = {f"Request body property {wire} must be array" for wire in required_arrays}
    messages = set(re.findall(r'"message":"([^"]*)"', " ".join(violations)))
    if messages and messages <= known:
        pytest.xfail(f"Prism keeps only the last part of a repeated multipart field: {sorted(messages)}")
    request = outcome.response.request
    pytest.fail(
        f"Prism reported violations for {request.method} {request.url}:\n" + "\n".join(violations), pytrace=False
    )


def body_of(outcome: Outcome) -> Any:
    response = outcome.response
    assert response.status_code == 200, f"{response.status_code}: {response.text}"
    return response.json()


@CLIENTS
@pytest.mark.parametrize(("operation", "binding"), CALLS, ids=[b["method"] for _, b in CALLS])
def test_operation(prism: Prism, is_async: bool, operation: dict[str, Any], binding: dict[str, Any]) -> None:
    def build(function: Any, **extra: Any) -> dict[str, Any]:
        return arguments(operation, binding, function, **extra)

    outcome = run(prism, is_async, binding["method"], build)
    assert_valid(outcome, operation)

    if binding.get("binary"):
        # The SDK asks for the operation's media types, so Prism serves the download.
        assert outcome.error is None, repr(outcome.error)
        assert outcome.response.status_code == 200
        assert outcome.result.content == outcome.response.content
        return

    assert outcome.error is None, repr(outcome.error)
    body = body_of(outcome)
    result = outcome.result
    if binding.get("paginate"):
        assert isinstance(result, (SyncCursorPage, AsyncCursorPage))
        result = result.page
    if isinstance(result, BaseModel):
        assert without_nulls(result.to_dict()) == without_nulls(body)
    else:
        assert result == body


@CLIENTS
@pytest.mark.parametrize(("operation", "binding"), STREAMS, ids=[b["method"] for _, b in STREAMS])
def test_stream_request(prism: Prism, is_async: bool, operation: dict[str, Any], binding: dict[str, Any]) -> None:
    flag = binding["stream"]
    extra = {} if flag == "always" else {python_name(flag): True}
    outcome = run(prism, is_async, binding["method"], lambda f: arguments(operation, binding, f, **extra), consume=True)
    assert_valid(outcome, operation)
    assert outcome.response.request.headers["accept"] == "text/event-stream"
    if outcome.error is None:
        assert outcome.result and all(isinstance(event, BaseModel) for event in outcome.result)
        return
    error = outcome.error
    assert isinstance(error, APIStatusError) and error.status_code == 500, repr(error)
    assert NO_SSE in str(error.body), repr(error.body)
