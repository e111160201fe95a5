"""Hostile and unlucky input: ids that look like URL syntax, odd bodies, odd servers (issue 10)."""

from __future__ import annotations

import io
import os
from typing import Any, Callable

import pytest

import zai_api.types

from tests.conftest import KEY, Api
from zai import ZaiClient
from zai.cli import main as cli_main
from zai.testing import FakeZai, RecordedRequest, Reply, Reset
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
