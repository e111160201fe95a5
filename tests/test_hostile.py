"""Hostile and unlucky input: ids that look like URL syntax, odd bodies, odd servers (issue 10)."""

from __future__ import annotations

import pytest

from tests.conftest import KEY, Api
from zai import ZaiClient
from zai.cli import main as cli_main
from zai.testing import FakeZai
from zai_api.api.files import delete_file
from zai_api.types import PathParamError


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
