"""The error table, row by row, and the shape of each error."""

from __future__ import annotations

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
    assert error.message == f"Error code: {status} - [1261] Prompt too long"
    assert error.body == body
    assert error.request_id == "rid-1"
    assert error.response.status_code == status
    assert error.request is not None and error.request.url.path.endswith("/chat/completions")
    assert KEY not in str(error) and KEY not in repr(error)


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
