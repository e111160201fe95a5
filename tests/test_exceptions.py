"""The error table, row by row, and the shape of each error."""

from __future__ import annotations

import copy
import json
import pickle

import httpx
import pytest

import zai
import zai.core
import zai.core._errors
from tests.conftest import KEY, Api, user
from zai import _exceptions
from zai.testing import Reply

CHAT = "/paas/v4/chat/completions"

TABLE = [
    (400, zai.APIRequestFailedError),
    (401, zai.APIAuthenticationError),
    (403, zai.APIPermissionDeniedError),
    (404, zai.APINotFoundError),
    (409, zai.APIConflictError),
    (422, zai.APIUnprocessableEntityError),
    (429, zai.APIReachLimitError),
    (500, zai.APIInternalError),
    (503, zai.APIServerFlowExceedError),
    (502, zai.APIServerError),
    (504, zai.APIServerError),
    (434, zai.APIStatusError),
    (418, zai.APIStatusError),
]


@pytest.mark.parametrize(("status", "cls"), TABLE)
def test_each_status_maps_to_its_class(api: Api, status: int, cls: type[zai.APIStatusError]) -> None:
    body = {"error": {"code": "1261", "message": "Prompt too long"}}
    api.server.script("POST", CHAT, *[Reply(status, body, headers={"x-request-id": "rid-1"})] * 4)
    with pytest.raises(cls) as info:
        api.run(lambda c: c.chat.completions.create(model="m", messages=user()), max_retries=0)
    error = info.value
    assert type(error) is cls
    assert error.status_code == status
    assert error.code == "1261"
    assert error.message == f"Error code: {status}, with error text {json.dumps(body)}"
    assert str(error) == error.message
    assert error.body == body
    assert error.request_id == "rid-1"
    assert error.response.status_code == status
    assert error.request is not None and error.request.url.path.endswith("/chat/completions")
    assert KEY not in str(error) and KEY not in repr(error)


def test_the_message_shows_the_body_and_cuts_only_a_very_long_one(api: Api) -> None:
    page = "<html>" + "x" * 5000 + "</html>"
    api.server.script(
        "POST", CHAT, Reply(502, body=page.encode(), headers={"content-type": "text/html"}), Reply(404, body=b"")
    )
    with pytest.raises(zai.APIServerError) as info:
        api.run(lambda c: c.chat.completions.create(model="m", messages=user()), max_retries=0)
    message = info.value.message
    assert message.startswith("Error code: 502, with error text <html>xxx")
    assert message.endswith(f"... ({len(page)} characters in all, in error.response.text)")
    assert info.value.response.text == page
    with pytest.raises(zai.APINotFoundError, match=r"^Error code: 404, with error text $"):
        api.run(lambda c: c.chat.completions.create(model="m", messages=user()), max_retries=0)


def test_every_table_entry_is_exported_from_zai_and_zai_core() -> None:
    for cls in {*_exceptions.STATUS_ERRORS.values(), zai.APIServerError, zai.APIStatusError}:
        assert getattr(zai, cls.__name__) is cls
        assert getattr(zai.core, cls.__name__) is cls
        assert getattr(zai.core._errors, cls.__name__) is cls
    for name in ["ZaiError", "APIConnectionError", "APITimeoutError", "APIResponseValidationError", "APIResponseError"]:
        assert getattr(zai, name) is getattr(zai.core, name)


def test_hierarchy() -> None:
    assert issubclass(zai.APIStatusError, zai.APIError)
    assert issubclass(zai.APIError, zai.ZaiError)
    assert issubclass(zai.APITimeoutError, zai.APIConnectionError)
    assert not issubclass(zai.APIConnectionError, zai.APIResponseError)
    assert issubclass(zai.APIResponseValidationError, zai.APIResponseError)
    assert issubclass(zai.APIInternalError, zai.APIServerError)
    assert issubclass(zai.APIServerFlowExceedError, zai.APIServerError)
    assert zai.RateLimitError is zai.APIReachLimitError
    assert zai.BadRequestError is zai.APIRequestFailedError


def test_non_json_error_body_keeps_a_snippet(api: Api) -> None:
    api.server.script("POST", CHAT, Reply(502, body=b"<html>Bad Gateway</html>", content_type="text/html"))
    with pytest.raises(zai.APIServerError) as info:
        api.run(lambda c: c.chat.completions.create(model="m", messages=user()), max_retries=0)
    assert info.value.code is None
    assert "Bad Gateway" in info.value.message


def test_flat_error_shape_of_the_knowledge_apis(api: Api) -> None:
    api.server.script("POST", CHAT, Reply(400, {"code": 10003, "message": "knowledge not found"}))
    with pytest.raises(zai.APIRequestFailedError) as info:
        api.run(lambda c: c.chat.completions.create(model="m", messages=user()))
    assert (info.value.code, "knowledge not found" in info.value.message) == ("10003", True)


@pytest.mark.parametrize(
    "body",
    [b"not json at all", b'{"id": "x", "choices": [', b"[1, 2, 3]", b'"just a string"'],
)
def test_undecodable_2xx_body_raises_validation_error(api: Api, body: bytes) -> None:
    api.server.script("POST", CHAT, Reply(200, body=body))
    with pytest.raises(zai.APIResponseValidationError) as info:
        api.run(lambda c: c.chat.completions.create(model="m", messages=user()))
    assert info.value.status_code == 200
    assert body.decode()[:10] in info.value.message


def test_errors_survive_pickle_and_copy() -> None:
    # A worker process hands its exception to the parent pickled (multiprocessing,
    # concurrent.futures, task queues); with keyword-only constructor arguments the default
    # `Exception` pickling calls `cls(*args)` and the parent fails to unpickle it.
    request = httpx.Request("POST", "http://127.0.0.1/api/paas/v4/chat/completions")
    response = httpx.Response(
        429, json={"error": {"code": "1302", "message": "slow down"}}, headers={"x-request-id": "r1"}, request=request
    )
    errors: list[zai.ZaiError] = [
        zai.APIReachLimitError("Error code: 429 - [1302] slow down", response=response, body={"a": 1}, code="1302"),
        zai.APIStreamError("[1301] unsafe", response=response, code="1301"),
        zai.APITimeoutError(request=request),
        zai.APIConnectionError("reset", request=request),
        zai.WaitTimeoutError("still running", last={"task_status": "PROCESSING"}),
        zai.ZaiError("plain"),
    ]
    for error in errors:
        for again in (pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)):
            assert type(again) is type(error)
            assert str(again) == str(error)
            assert again.args == error.args
            assert {k: v for k, v in vars(again).items() if k not in ("request", "response")} == {
                k: v for k, v in vars(error).items() if k not in ("request", "response")
            }
    restored = pickle.loads(pickle.dumps(errors[0]))
    assert isinstance(restored, zai.APIReachLimitError)
    assert (restored.status_code, restored.code, restored.request_id) == (429, "1302", "r1")
    assert restored.response.json() == {"error": {"code": "1302", "message": "slow down"}}
    assert str(restored.request.url) == str(request.url)
