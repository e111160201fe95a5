"""Hostile and unlucky input: ids that look like URL syntax, odd bodies, odd servers (issue 10)."""

from __future__ import annotations

import importlib
import inspect
import io
import json
import logging
import os
import pkgutil
import re
import traceback
from pathlib import Path
from typing import Any, Callable

import httpx
import pytest

import zai
import zai_api.types
from tests.conftest import KEY, Api
from zai import (
    APIBusinessError,
    APIConnectionError,
    APIInternalError,
    APIPaginationError,
    APIRequestFailedError,
    APIResponseValidationError,
    AsyncZaiClient,
    ZaiClient,
    ZaiError,
    _base_client,
    _retry,
)
from zai.cli import main as cli_main
from zai.testing import SSE, FakeZai, RecordedRequest, Reply, Reset
from zai_api.api.files import delete_file, upload_file
from zai_api.models import FileCreateRequest
from zai_api.types import File, PathParamError


@pytest.mark.parametrize("file_id", [".", ".."])
def test_dot_segment_ids_are_refused_before_sending(api: Api, file_id: str) -> None:
    with pytest.raises(PathParamError, match=r"`file_id` cannot be '\.{1,2}'"):
        api.run(lambda c: c.files.delete(file_id))
    assert api.server.requests == []


@pytest.mark.parametrize("file_id", [".", ".."])
def test_dot_segment_ids_are_refused_by_the_low_level_functions(server: FakeZai, file_id: str) -> None:
    with ZaiClient(api_key=KEY, base_url=server.base_url) as client, pytest.raises(ValueError, match="dot segment"):
        delete_file.sync_detailed(file_id, client=client.low_level)
    assert server.requests == []


def test_ids_with_dots_inside_are_sent_quoted(api: Api) -> None:
    for file_id in ("...", ".a", "a..", "../x"):
        with pytest.raises(zai.APINotFoundError, match=re.escape(repr(file_id))):  # the fake has no such file
            api.run(lambda c, file_id=file_id: c.files.delete(file_id))
    assert [r.path for r in api.server.requests] == [
        "/paas/v4/files/...",
        "/paas/v4/files/.a",
        "/paas/v4/files/a..",
        "/paas/v4/files/..%2Fx",
    ]


@pytest.mark.parametrize("file_id", ["", ".", ".."])
def test_cli_reports_an_unsendable_id_as_a_usage_error(
    server: FakeZai, capsys: pytest.CaptureFixture[str], file_id: str
) -> None:
    code = cli_main(["--api-key", KEY, "--base-url", server.base_url, "files", "delete", file_id])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.startswith("zai: error: ") and "`file_id`" in err and "Traceback" not in err
    assert server.requests == []


# ---------------------------------------------------------------------- uploads that cannot be replayed

FILES = "/paas/v4/files"
JSONL = b'{"custom_id": "r1"}\n' * 50


class ReadOnly:
    """A file object with `read()` only: it cannot be rewound for a retry."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)
        self.name = "requests.jsonl"

    def read(self, size: int = -1) -> bytes:
        return self._data.read(size)


class Unseekable(io.RawIOBase):
    """Has `seek()`, but `seekable()` is False (like a pipe or a socket)."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def uploaded(request: RecordedRequest) -> bytes:
    """The file part's content in a multipart body."""
    boundary = request.headers["content-type"].split("boundary=")[1].encode()
    for part in request.body.split(b"--" + boundary):
        if b'name="file"' in part:
            return part.split(b"\r\n\r\n", 1)[1][: -len(b"\r\n")]
    raise AssertionError("no file part")


@pytest.mark.parametrize(
    "failure", [Reply(500, {"error": {"code": "500", "message": "x"}}), Reset()], ids=["500", "reset"]
)
@pytest.mark.parametrize("reader", [ReadOnly, Unseekable])
def test_a_retried_upload_sends_the_whole_file_again(api: Api, failure: Any, reader: Callable[[bytes], Any]) -> None:
    api.server.script("POST", FILES, failure)
    api.run(lambda c: c.files.create(file=reader(JSONL), purpose="batch"))
    assert [uploaded(r) for r in api.server.requests] == [JSONL, JSONL]


def test_upload_from_a_pipe(api: Api) -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, JSONL)
    os.close(write_end)
    with open(read_end, "rb") as pipe:
        api.run(lambda c: c.files.create(file=pipe, purpose="batch"))
    assert uploaded(api.server.last()) == JSONL


def test_too_large_an_unseekable_upload_is_refused_before_sending(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zai_api.types, "MAX_BUFFERED_UPLOAD", len(JSONL) - 1)
    with pytest.raises(ValueError, match="Argument `file`: this file object cannot seek"):
        api.run(lambda c: c.files.create(file=ReadOnly(JSONL), purpose="batch"))
    assert api.server.requests == []


def test_low_level_upload_of_an_unseekable_file_is_retried_whole(server: FakeZai, sleeps: list[float]) -> None:
    server.script("POST", FILES, Reply(500, {"error": {"code": "500", "message": "x"}}))
    body = FileCreateRequest(file=File(payload=ReadOnly(JSONL), file_name="r.jsonl"), purpose="batch")
    with ZaiClient(api_key=KEY, base_url=server.base_url) as client:
        upload_file.sync_detailed(client=client.low_level, body=body)
    assert [uploaded(r) for r in server.requests] == [JSONL, JSONL]


# ---------------------------------------------------------------------- credentials and header values

SECRET = "id.s3cr3t-v4lu3"
BAD_KEYS = [SECRET + "\n", SECRET + "\r\n", " " + SECRET, "id.s3cr3t v4lu3", "id.s3cr3t\u00e9"]


@pytest.mark.parametrize("cls", [ZaiClient, AsyncZaiClient])
@pytest.mark.parametrize("disable_token_cache", [True, False], ids=["bearer", "jwt"])
@pytest.mark.parametrize("key", BAD_KEYS)
def test_a_key_that_cannot_be_sent_is_refused_at_construction(cls: Any, disable_token_cache: bool, key: str) -> None:
    with pytest.raises(ZaiError, match="api_key cannot be sent in an HTTP header") as info:
        cls(api_key=key, base_url="http://127.0.0.1:9/api/paas/v4", disable_token_cache=disable_token_cache)
    assert "s3cr3t" not in str(info.value) and "v4lu3" not in str(info.value)


def test_the_error_says_what_is_wrong_with_the_key() -> None:
    with pytest.raises(ZaiError, match=r"a line feed \(\\n\) at the end"):
        ZaiClient(api_key=SECRET + "\n")


def test_a_key_from_the_environment_with_a_newline_never_reaches_the_cli_line(
    server: FakeZai, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZAI_API_KEY", SECRET + "\n")
    monkeypatch.setenv("ZAI_LOG", "info")
    code = cli_main(["--base-url", server.base_url, "chat", "Hi"])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err.startswith("zai: error: api_key cannot be sent") and "s3cr3t" not in err
    assert server.requests == []


@pytest.mark.parametrize("cls", [ZaiClient, AsyncZaiClient])
def test_custom_header_values_are_checked_at_construction(cls: Any) -> None:
    with pytest.raises(ZaiError, match="Header 'X-Token' cannot be sent") as info:
        cls(api_key=KEY, custom_headers={"X-Token": "s3cr3t\n"})
    assert "s3cr3t" not in str(info.value)
    with pytest.raises(ZaiError, match="not a valid HTTP header name"):
        cls(api_key=KEY, custom_headers={"X Token": "v"})
    with pytest.raises(ZaiError, match="Header 'x-source-channel'"):
        cls(api_key=KEY, source_channel="app\n")


def test_per_call_header_values_are_checked_before_sending(api: Api) -> None:
    with pytest.raises(ZaiError, match="Header 'X-Token' cannot be sent") as info:
        api.run(lambda c: c.models.list(extra_headers={"X-Token": "s3cr3t\r\nX-Evil: 1"}))
    assert "s3cr3t" not in str(info.value)
    with pytest.raises(ZaiError, match="Header 'X-Session-Id' cannot be sent"):
        api.run(lambda c: c.zrag.chat(messages=[], retrieval={}, x_session_id="s1\n"))
    assert api.server.requests == []


def test_an_unsendable_header_of_a_given_http_client_is_not_retried_or_shown(
    api: Api, sleeps: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="zai")
    http = (httpx.AsyncClient if api.is_async else httpx.Client)(headers={"X-Token": "s3cr3t\n"})
    with pytest.raises(APIConnectionError, match="the request is not valid HTTP") as info:
        api.run(lambda c: c.models.list(), http_client=http)
    assert "s3cr3t" not in str(info.value) and info.value.__cause__ is None
    assert sleeps == [] and "s3cr3t" not in caplog.text
    assert api.server.requests == []


# ---------------------------------------------------------------------- base_url


@pytest.mark.parametrize("cls", [ZaiClient, AsyncZaiClient])
@pytest.mark.parametrize(
    "suffix", ["#frag", "?x=1", "/?", "?token=s3cr3t", "#s3cr3t"], ids=["fragment", "query", "empty-query", "q2", "f2"]
)
def test_base_url_with_a_query_or_fragment_is_refused(cls: Any, suffix: str) -> None:
    with pytest.raises(ZaiError, match=r"followed by a query \('\?\.\.\.'\) or a fragment") as info:
        cls(api_key=KEY, base_url="https://api.z.ai/api/paas/v4" + suffix)
    assert "'https://api.z.ai/api/paas/v4" in str(info.value) and "s3cr3t" not in str(info.value)


def test_base_url_with_a_query_from_the_environment_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZAI_BASE_URL", "https://proxy.example/api/paas/v4?route=a")
    with pytest.raises(ZaiError, match="followed by a query"):
        ZaiClient(api_key=KEY)


@pytest.mark.parametrize("cls", [ZaiClient, AsyncZaiClient])
def test_base_url_with_credentials_is_refused_without_showing_them(cls: Any) -> None:
    with pytest.raises(ZaiError, match="carries a user name or password") as info:
        cls(api_key=KEY, base_url="https://user:s3cr3t@proxy.example/api/paas/v4")
    assert "s3cr3t" not in str(info.value) and "user" not in str(info.value).split("carries")[0]


# ---------------------------------------------------------------------- raw exceptions

CHAT = "/paas/v4/chat/completions"
DEEP = b"[" * 100_000 + b"]" * 100_000
DEEP_OBJECT = b'{"error": ' * 100_000 + b"1" + b"}" * 100_000


@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT], ids=["array", "object"])
def test_deeply_nested_json_is_a_validation_error(api: Api, body: bytes) -> None:
    api.server.script("POST", CHAT, Reply(200, body=body))
    with pytest.raises(APIResponseValidationError):
        api.run(lambda c: c.chat.completions.create(model="m", messages=[]))


def test_deeply_nested_error_body_is_the_status_error(api: Api) -> None:
    api.server.script("POST", CHAT, Reply(400, body=DEEP_OBJECT))
    with pytest.raises(APIRequestFailedError) as info:
        api.run(lambda c: c.chat.completions.create(model="m", messages=[]))
    assert info.value.code is None


def test_deeply_nested_stream_event_is_a_validation_error(api: Api) -> None:
    api.server.script("POST", CHAT, SSE([f"data: {DEEP.decode()}\n\n"]))
    with pytest.raises(APIResponseValidationError, match="Stream event is not JSON"):
        api.run(lambda c: c.chat.completions.create(model="m", messages=[], stream=True), consume=True)


def _decoded(response: Any) -> Any:
    """`response.json()`, inside the client's context (awaited for the async client)."""
    if not inspect.isawaitable(response):
        return response.json()

    async def decode() -> Any:
        result = await response
        await result.read()
        decoded = result.json()
        return (await decoded) if inspect.isawaitable(decoded) else decoded

    return decode()


def test_deeply_nested_json_from_raw_and_binary_responses(api: Api) -> None:
    api.server.script("POST", CHAT, Reply(200, body=DEEP))
    api.server.script("GET", "/paas/v4/files/f1/content", Reply(200, body=DEEP, content_type="application/json"))
    with pytest.raises(json.JSONDecodeError, match="nested too deeply"):
        api.run(lambda c: _decoded(c.chat.completions.with_raw_response.create(model="m", messages=[])))
    with pytest.raises(json.JSONDecodeError, match="nested too deeply"):
        api.run(lambda c: _decoded(c.files.content("f1")))


def test_deeply_nested_json_in_a_low_level_call(server: FakeZai) -> None:
    server.script("DELETE", "/paas/v4/files/f1", Reply(200, body=DEEP))
    with ZaiClient(api_key=KEY, base_url=server.base_url) as client:
        detailed = delete_file.sync_detailed("f1", client=client.low_level)
    assert detailed.parsed is None and detailed.content == DEEP


def test_a_request_nested_too_deeply_is_a_type_error_naming_the_argument(api: Api) -> None:
    deep: list[Any] = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(TypeError, match="Argument `messages` cannot be sent as JSON"):
        api.run(lambda c: c.chat.completions.create(model="m", messages=deep))
    assert api.server.requests == []


def _facade_classes_with_a_repr() -> list[type]:
    found: dict[str, type] = {}
    for info in pkgutil.walk_packages(zai.__path__, "zai."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__.startswith("zai.") and "__repr__" in vars(value):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return sorted(found.values(), key=lambda cls: cls.__qualname__)


@pytest.mark.parametrize("cls", _facade_classes_with_a_repr(), ids=lambda cls: cls.__qualname__)
def test_repr_of_a_half_constructed_object_never_raises(cls: type) -> None:
    assert isinstance(repr(object.__new__(cls)), str)


def test_the_facade_reprs_are_all_checked() -> None:
    names = {cls.__qualname__ for cls in _facade_classes_with_a_repr()}
    assert {"BaseClient", "ApiKeyAuth", "_Page", "_Common", "BinaryResponse", "ServerSentEvent"} <= names


@pytest.mark.parametrize("cls", [ZaiClient, AsyncZaiClient])
def test_a_traceback_with_locals_of_a_failed_construction_can_be_formatted(cls: Any) -> None:
    with pytest.raises(ZaiError) as info:
        cls(api_key=KEY, base_url="ftp://x")
    formatted = "".join(traceback.TracebackException.from_exception(info.value, capture_locals=True).format())
    assert f"{cls.__name__}(base_url=None, auth='bearer', max_retries=None)" in formatted


# ---------------------------------------------------------------------- pagination

BATCHES = "/paas/v4/batches"


def _batch(batch_id: str) -> dict[str, Any]:
    return {"id": batch_id, "object": "batch", "status": "completed"}


def _pages(server: FakeZai, *pages: list[str]) -> None:
    """Answer the next GET /batches calls with these pages, each saying it has more."""
    for ids in pages:
        server.script(
            "GET", BATCHES, Reply(200, {"object": "list", "data": [_batch(i) for i in ids], "has_more": True})
        )


def _collect(page: Any) -> Any:
    """Every item of `page` and the pages after it, for the sync or async client."""
    if not inspect.isawaitable(page):
        seen = []
        with pytest.raises(APIPaginationError) as info:
            seen.extend(item.id for item in page)
        return seen, info.value

    async def collect() -> Any:
        seen = []
        with pytest.raises(APIPaginationError) as info:
            async for item in await page:
                seen.append(item.id)
        return seen, info.value

    return collect()


def test_a_server_that_ignores_the_cursor_stops_with_a_typed_error(api: Api) -> None:
    _pages(api.server, ["b1", "b2"], ["b1", "b2"])
    seen, error = api.run(lambda c: _collect(c.batches.list(limit=2)))
    assert seen == ["b1", "b2"]  # the repeated page is not yielded again
    assert error.cursor == "b2" and "did not advance" in str(error)
    assert [r.query.get("after") for r in api.server.requests] == [None, ["b2"]]


def test_a_cursor_cycle_stops_with_a_typed_error(api: Api) -> None:
    _pages(api.server, ["b1"], ["b2"], ["b1"])
    seen, error = api.run(lambda c: _collect(c.batches.list()))
    assert seen == ["b1", "b2"]
    assert error.cursor == "b1"
    assert [r.query.get("after") for r in api.server.requests] == [None, ["b1"], ["b2"]]


def test_get_next_page_refuses_a_page_that_did_not_advance(server: FakeZai) -> None:
    _pages(server, ["b1"], ["b1"])
    with ZaiClient(api_key=KEY, base_url=server.base_url) as client:
        first = client.batches.list()
        assert first.has_next_page()
        with pytest.raises(APIPaginationError):
            first.get_next_page()


# ---------------------------------------------------------------------- business failures inside HTTP 200

AGENTS = "/v1/agents"
AGENT_FAILED = {
    "status": "failed",
    "agent_id": "general_translation",
    "error": {"code": "1113", "message": "Your account is in arrears"},
}


def test_a_failed_agent_invocation_raises_with_the_server_code_and_message(api: Api) -> None:
    api.server.script("POST", AGENTS, Reply(200, AGENT_FAILED))
    with pytest.raises(APIBusinessError) as info:
        api.run(lambda c: c.agents.invoke(agent_id="general_translation", messages=[]))
    assert info.value.code == "1113"
    assert str(info.value) == "[1113] Your account is in arrears"
    assert info.value.status_code == 200 and info.value.body == AGENT_FAILED


@pytest.mark.parametrize("status", ["success", "pending", "some_new_status", None])
def test_other_agent_statuses_are_returned(api: Api, status: str | None) -> None:
    api.server.script("POST", AGENTS, Reply(200, {"status": status, "agent_id": "a", "async_id": "x"}))
    result = api.run(lambda c: c.agents.invoke(agent_id="a", messages=[]))
    assert result.status == status


def test_a_failed_sync_parse_raises_with_the_server_code_and_message(api: Api) -> None:
    api.server.script("POST", "/paas/v4/files/parser/sync", Reply(200, {"code": 500, "msg": "file_type is required"}))
    with pytest.raises(APIBusinessError) as info:
        api.run(lambda c: c.file_parser.create_sync(file=b"%PDF-1.7", file_type="PDF", tool_type="prime-sync"))
    assert info.value.code == "500"
    assert str(info.value) == "[500] file_type is required"


def test_a_successful_sync_parse_is_returned(api: Api) -> None:
    result = api.run(lambda c: c.file_parser.create_sync(file=b"%PDF-1.7", file_type="PDF", tool_type="prime-sync"))
    assert result.status == "succeeded" and result.content


def test_raw_responses_apply_the_same_rule(api: Api) -> None:
    api.server.script("POST", AGENTS, Reply(200, AGENT_FAILED))

    def parse(c: Any) -> Any:
        raw = c.agents.with_raw_response.invoke(agent_id="a", messages=[])
        if not inspect.isawaitable(raw):
            return raw.parse()

        async def parsed() -> Any:
            return await (await raw).parse()

        return parsed()

    with pytest.raises(APIBusinessError, match=r"\[1113\]"):
        api.run(parse)


# ---------------------------------------------------------------------- documented limits


def test_the_documented_worst_case_matches_the_defaults() -> None:
    timeout = _base_client.DEFAULT_TIMEOUT
    assert timeout.connect is not None and timeout.read is not None
    attempts = _base_client.DEFAULT_MAX_RETRIES + 1
    worst = attempts * (timeout.connect + timeout.read) + (attempts - 1) * _retry.MAX_RETRY_AFTER
    text = (Path(__file__).parent.parent / "docs" / "reliability.md").read_text(encoding="utf-8")
    assert f"**{worst:,.0f} s, about {worst / 60:.1f} minutes**" in text
    assert f"each up to {timeout.connect:.0f} s to connect + {timeout.read:.0f} s waiting" in text


def test_retries_can_be_turned_off_for_one_post(api: Api) -> None:
    api.server.script("POST", FILES, Reply(500, {"error": {"code": "500", "message": "x"}}))
    with pytest.raises(APIInternalError):
        api.run(lambda c: c.files.create(file=JSONL, purpose="batch", max_retries=0))
    assert api.server.count("POST", FILES) == 1
