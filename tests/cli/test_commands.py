"""The `zai` commands that answer at once: chat, embeddings, files, images, models."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import zai
from tests.cli.conftest import TTY, Run, multipart_field
from tests.conftest import KEY
from zai._binary import BinaryResponse
from zai.cli import main
from zai.testing import SSE, FakeZai, Reply
from zai.testing._examples import BINARY_BODY

# ---------------------------------------------------------------------- chat


def test_chat_prints_the_reply(cli: Run, server: FakeZai) -> None:
    code, out, err = cli("chat", "Name three colours")
    assert (code, err) == (0, "")
    assert out == 'This is the local Z.ai test server. You said: "Name three colours"\n'
    body = server.last("POST", "/paas/v4/chat/completions").json()
    assert body == {"model": "glm-5.2", "messages": [{"role": "user", "content": "Name three colours"}]}


def test_chat_options_are_sent(cli: Run, server: FakeZai) -> None:
    code, out, err = cli(
        "chat",
        "Hi",
        "--model",
        "glm-4.7",
        "--system",
        "Be brief.",
        "--thinking",
        "enabled",
        "--temperature",
        "0.5",
        "--max-tokens",
        "64",
    )
    assert code == 0
    assert server.last().json() == {
        "model": "glm-4.7",
        "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}],
        "thinking": {"type": "enabled"},
        "temperature": 0.5,
        "max_tokens": 64,
    }
    assert out.endswith('You said: "Hi"\n')
    assert err == "[reasoning] The user wants a short, direct answer.\n"


def test_chat_reads_the_prompt_from_stdin(cli: Run, server: FakeZai, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("from a pipe\n"))
    code, out, _ = cli("chat", "-")
    assert code == 0
    assert server.last().json()["messages"] == [{"role": "user", "content": "from a pipe"}]
    assert 'You said: "from a pipe"' in out


def test_chat_with_an_empty_prompt_is_a_usage_error(cli: Run, server: FakeZai, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("  \n"))
    assert cli("chat", "-") == (2, "", "zai: error: the prompt is empty\n")
    assert server.requests == []


def test_chat_json_prints_the_whole_completion(cli: Run) -> None:
    code, out, _ = cli("chat", "Hi", "--json")
    assert code == 0
    completion = json.loads(out)
    assert completion["model"] == "glm-5.2"
    assert completion["choices"][0]["message"]["content"].endswith('You said: "Hi"')
    assert completion["usage"]["total_tokens"] > 0


def test_chat_stream_prints_deltas_and_reasoning_on_stderr(cli: Run, server: FakeZai) -> None:
    code, out, err = cli("chat", "Hello there", "--stream", "--thinking", "enabled")
    assert code == 0
    assert server.last().json()["stream"] is True
    assert out == 'This is the local Z.ai test server. You said: "Hello there"\n'
    assert err == "[reasoning] The user wants a short, direct answer.\n"


def test_chat_stream_dims_reasoning_on_a_terminal(cli: Run, tty_stderr: TTY) -> None:
    code, out, _ = cli("chat", "Hi", "--stream", "--thinking", "enabled", stderr=tty_stderr)
    assert code == 0
    err = tty_stderr.getvalue()
    assert "\x1b[2m" in err and "\x1b[0m" in err and "[reasoning]" not in err
    assert err.replace("\x1b[2m", "").replace("\x1b[0m", "") == "The user wants a short, direct answer.\n"
    assert out.endswith('You said: "Hi"\n')


def test_no_color_prefixes_reasoning_on_a_terminal(cli: Run, tty_stderr: TTY, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli("chat", "Hi", "--stream", "--thinking", "enabled", stderr=tty_stderr)[0] == 0
    assert tty_stderr.getvalue() == "[reasoning] The user wants a short, direct answer.\n"


def test_chat_stream_json_prints_one_chunk_per_line(cli: Run) -> None:
    code, out, _ = cli("chat", "one two", "--stream", "--json")
    assert code == 0
    chunks = [json.loads(line) for line in out.splitlines()]
    assert len(chunks) > 2
    text = "".join(chunk["choices"][0]["delta"].get("content", "") for chunk in chunks)
    assert text == 'This is the local Z.ai test server. You said: "one two"'
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"


def test_chat_stream_error_after_some_output(cli: Run, server: FakeZai) -> None:
    events = [{"choices": [{"index": 0, "delta": {"content": "Partial "}}]}, {"choices": [{"index": 0, "delta": {}}]}]
    server.script("POST", "/paas/v4/chat/completions", SSE(events, cut_after=1))
    code, out, err = cli("chat", "Hi", "--stream")
    assert code == 1
    assert out.startswith("Partial ")
    assert err.count("\n") == 1 and err.startswith("zai: error: ")


def test_chat_stream_error_event(cli: Run, server: FakeZai) -> None:
    error = {"error": {"code": "1301", "message": "unsafe content"}}
    server.script("POST", "/paas/v4/chat/completions", SSE([error]))
    code, _, err = cli("chat", "Hi", "--stream")
    assert code == 1
    assert err == "zai: error: [1301] unsafe content\n"


# ---------------------------------------------------------------------- embeddings


def test_embeddings_print_one_vector_per_text(cli: Run, server: FakeZai) -> None:
    code, out, _ = cli("embeddings", "first", "second", "--dimensions", "6", "--model", "embedding-2")
    assert code == 0
    assert server.last().json() == {"model": "embedding-2", "input": ["first", "second"], "dimensions": 6}
    vectors = [json.loads(line) for line in out.splitlines()]
    assert vectors[0] == [0.0123, -0.0458, 0.0311, 0.0027, -0.0194, 0.0876]
    assert len(vectors) == 2


def test_embeddings_of_one_text_send_a_string(cli: Run, server: FakeZai) -> None:
    code, out, _ = cli("embeddings", "only", "--json")
    assert code == 0
    assert server.last().json() == {"model": "embedding-3", "input": "only"}
    assert json.loads(out)["object"] == "list"


# ---------------------------------------------------------------------- files


def upload(cli: Run, path: Path, content: bytes, purpose: str = "batch") -> str:
    """Upload `content` as `path` with the CLI; the new file's id."""
    path.write_bytes(content)
    code, out, _ = cli("files", "upload", str(path), "--purpose", purpose)
    assert code == 0
    return out.strip()


def test_files_upload_prints_the_id(cli: Run, server: FakeZai, tmp_path: Path) -> None:
    file_id = upload(cli, tmp_path / "requests.jsonl", b'{"custom_id": "1"}\n')
    request = server.last("POST", "/paas/v4/files")
    assert multipart_field(request.body, "purpose") == b"batch"
    assert b'filename="requests.jsonl"' in request.body and b'{"custom_id": "1"}' in request.body
    stored = server.files.get(file_id)
    assert stored is not None and (stored.filename, stored.purpose, stored.bytes) == ("requests.jsonl", "batch", 19)

    code, out, _ = cli("files", "upload", str(tmp_path / "requests.jsonl"), "--purpose", "agent", "--json")
    assert code == 0
    assert json.loads(out)["purpose"] == "agent" and json.loads(out)["id"] != file_id


def test_files_upload_of_a_missing_file(cli: Run, server: FakeZai, tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    assert cli("files", "upload", str(missing), "--purpose", "batch") == (
        1,
        "",
        f"zai: error: no such file: {missing}\n",
    )
    assert server.requests == []


def test_files_upload_needs_a_purpose(cli: Run, tmp_path: Path) -> None:
    code, _, err = cli("files", "upload", str(tmp_path))
    assert code == 2
    assert "--purpose" in err


def test_files_list(cli: Run, server: FakeZai, tmp_path: Path) -> None:
    first = upload(cli, tmp_path / "a.jsonl", b"{}\n")
    second = upload(cli, tmp_path / "b.jsonl", b"{}\n{}\n")
    upload(cli, tmp_path / "c.pdf", b"%PDF", purpose="agent")
    code, out, _ = cli("files", "list")
    assert code == 0
    assert server.last().query == {"purpose": ["batch"]}
    rows = [line.split("\t") for line in out.splitlines()]
    assert [(row[0], row[1], row[3], row[4]) for row in rows] == [
        (second, "6", "batch", "b.jsonl"),
        (first, "3", "batch", "a.jsonl"),
    ]
    assert len(rows[0][2]) == len("2026-07-12 07:45:45")
    code, out, _ = cli("files", "list", "--purpose", "agent")
    assert server.last().query == {"purpose": ["agent"]}
    assert out.split("\t")[-1] == "c.pdf\n"


def test_files_list_follows_pages(cli: Run, server: FakeZai) -> None:
    first = {"object": "list", "has_more": True, "data": [{"id": "f1", "purpose": "batch"}]}
    second = {"object": "list", "has_more": False, "data": [{"id": "f2", "purpose": "batch"}]}
    server.script("GET", "/paas/v4/files", Reply(200, first), Reply(200, second))
    code, out, _ = cli("files", "list", "--json")
    assert code == 0
    assert [file["id"] for file in json.loads(out)["data"]] == ["f1", "f2"]
    assert json.loads(out)["has_more"] is False
    assert server.last().query == {"purpose": ["batch"], "after": ["f1"]}


def test_files_delete(cli: Run, server: FakeZai, tmp_path: Path) -> None:
    file_id = upload(cli, tmp_path / "a.jsonl", b"{}\n")
    assert cli("files", "delete", file_id) == (0, f"deleted {file_id}\n", "")
    assert server.last().method == "DELETE" and server.last().path == f"/paas/v4/files/{file_id}"
    code, _, err = cli("files", "delete", file_id)
    assert (code, err) == (1, f"zai: error: [1214] No file with id '{file_id}' (HTTP 404)\n")
    other = upload(cli, tmp_path / "b.jsonl", b"{}\n")
    code, out, _ = cli("files", "delete", other, "--json")
    assert (code, json.loads(out)["deleted"]) == (0, True)
    server.script("DELETE", "/paas/v4/files/file-2", Reply(200, {"id": "file-2", "deleted": False}))
    assert cli("files", "delete", "file-2") == (1, "", "zai: error: file file-2 was not deleted\n")


def test_files_download_to_stdout(server: FakeZai, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    with zai.ZaiClient(api_key=KEY, base_url=server.base_url) as client:
        file_id = str(client.files.create(file=BINARY_BODY, purpose="agent").id)
    code = main(["--api-key", KEY, "--base-url", server.base_url, "files", "download", file_id])
    out, err = capsysbinary.readouterr()
    assert (code, out, err) == (0, BINARY_BODY, b"")
    assert server.last().path == f"/paas/v4/files/{file_id}/content"


def test_files_download_to_a_file(cli: Run, tmp_path: Path) -> None:
    file_id = upload(cli, tmp_path / "speech.wav", BINARY_BODY, purpose="agent")
    target = tmp_path / "out.bin"
    assert cli("files", "download", file_id, "-o", str(target)) == (0, "", "")
    assert target.read_bytes() == BINARY_BODY
    assert not (tmp_path / "out.bin.part").exists()


def test_files_download_shows_bytes_on_a_terminal(cli: Run, tmp_path: Path, tty_stderr: TTY) -> None:
    file_id = upload(cli, tmp_path / "speech.wav", BINARY_BODY, purpose="agent")
    assert cli("files", "download", file_id, "-o", str(tmp_path / "out.bin"), stderr=tty_stderr)[0] == 0
    err = tty_stderr.getvalue()
    assert err.startswith("\r") and err.endswith("\n")
    assert f"{len(BINARY_BODY)} B/{len(BINARY_BODY)} B" in err


def test_files_download_of_a_missing_file(cli: Run, server: FakeZai, tmp_path: Path) -> None:
    missing = {"error": {"code": "1222", "message": "file not found"}}
    server.script("GET", "/paas/v4/files/gone/content", Reply(404, missing, headers={"x-request-id": "req-9"}))
    target = tmp_path / "out.bin"
    code, out, err = cli("files", "download", "gone", "-o", str(target))
    assert (code, out) == (1, "")
    assert err == "zai: error: [1222] file not found (HTTP 404, request id req-9)\n"
    assert not target.exists()


def test_files_download_cut_short(cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file_id = upload(cli, tmp_path / "speech.wav", BINARY_BODY, purpose="agent")

    def cut(self: BinaryResponse, chunk_size: int | None = None) -> Iterator[bytes]:
        yield b"partial"
        raise httpx.ReadError("peer closed the connection")

    monkeypatch.setattr(BinaryResponse, "iter_bytes", cut)
    folder = tmp_path / "downloads"
    folder.mkdir()
    code, _, err = cli("files", "download", file_id, "-o", str(folder / "out.bin"))
    assert (code, err) == (1, "zai: error: Connection error: peer closed the connection\n")
    assert list(folder.iterdir()) == []


# ---------------------------------------------------------------------- images and videos


def test_images_generate_prints_the_url(cli: Run, server: FakeZai) -> None:
    code, out, _ = cli("images", "generate", "a lighthouse", "--size", "1024x1024", "--quality", "hd")
    assert code == 0 and out.startswith(server.url + "/_fake/media/") and out.endswith(".png\n")
    assert httpx.get(out.strip()).content.startswith(b"\x89PNG")
    assert server.last("POST").json() == {
        "model": "glm-image",
        "prompt": "a lighthouse",
        "size": "1024x1024",
        "quality": "hd",
    }


def test_images_generate_json_and_no_url(cli: Run, server: FakeZai) -> None:
    code, out, _ = cli("images", "generate", "x", "--json", "--model", "cogview-4")
    assert code == 0 and json.loads(out)["data"][0]["url"].endswith(".png")
    server.script("POST", "/paas/v4/images/generations", Reply(200, {"created": 1, "data": []}))
    assert cli("images", "generate", "x") == (1, "", "zai: error: the response holds no image URL (try --json)\n")


# ---------------------------------------------------------------------- models


def test_models(cli: Run, server: FakeZai) -> None:
    assert cli("models") == (0, "glm-5.2\nglm-4.7\nglm-4.5-air\n", "")
    assert server.last().path == "/paas/v4/models"
    code, out, _ = cli("models", "--json")
    assert code == 0 and [model["id"] for model in json.loads(out)["data"]] == ["glm-5.2", "glm-4.7", "glm-4.5-air"]
