"""The `zai` command line, run in-process with `main([...])` against the local fake server.

Polling commands get `--poll-interval 0.01` (a hidden option; `ZAI_CLI_POLL_INTERVAL` does the
same), so that `--wait` finishes in milliseconds. One test runs the command in a subprocess to
check the exit status and the one-line error as a shell sees them.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

import httpx
import pytest

import zai
from tests.conftest import KEY
from zai._binary import BinaryResponse
from zai.cli import _commands, main
from zai.cli._output import describe_error
from zai.cli._progress import Progress, format_bytes, format_elapsed
from zai.testing import SSE, FakeZai, Reply
from zai.testing._examples import BINARY_BODY

Run = Callable[..., "tuple[int, str, str]"]

FAST = ["--poll-interval", "0.01"]


class TTY(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # progress lines are cut to the terminal's width


@pytest.fixture
def cli(server: FakeZai, capsys: pytest.CaptureFixture[str]) -> Run:
    """Run `zai ARGS...` with a key and the fake server's URL; returns (exit code, stdout, stderr)."""

    def run(*argv: str, auth: bool = True, stderr: io.StringIO | None = None) -> tuple[int, str, str]:
        prefix = ["--api-key", KEY, "--base-url", server.base_url] if auth else []
        if stderr is None:
            code = main([*prefix, *argv])
        else:
            with contextlib.redirect_stderr(stderr):
                code = main([*prefix, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def tty_stderr(monkeypatch: pytest.MonkeyPatch) -> TTY:
    """A terminal for stderr: pass it as `cli(..., stderr=tty_stderr)`."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    return TTY()


def multipart_field(body: bytes, name: str) -> bytes:
    head = f'name="{name}"'.encode()
    start = body.index(head)
    value_start = body.index(b"\r\n\r\n", start) + 4
    return body[value_start : body.index(b"\r\n--", value_start)]


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


def test_videos_generate_prints_the_task_id(cli: Run, server: FakeZai, tmp_path: Path) -> None:
    image = tmp_path / "frame.png"
    image.write_bytes(b"\x89PNG fake")
    code, out, _ = cli("videos", "generate", "waves", "--image-url", str(image), "--size", "1920x1080")
    assert code == 0
    body = server.last().json()
    assert body["model"] == "cogvideox-3" and body["prompt"] == "waves" and body["size"] == "1920x1080"
    assert body["image_url"] == "data:image/png;base64,iVBORyBmYWtl"
    assert cli("videos", "wait", out.strip(), *FAST)[:2] == (0, f"{server.url}/_fake/media/{out.strip()}.mp4\n")

    cli("videos", "generate", "waves", "--image-url", "https://x/a.png", "--image-url", "https://x/b.png")
    assert server.last().json()["image_url"] == ["https://x/a.png", "https://x/b.png"]
    code, out, _ = cli("videos", "generate", "waves", "--json", "--with-audio", "--duration", "5")
    assert json.loads(out)["task_status"] == "PROCESSING"
    assert server.last().json()["with_audio"] is True and server.last().json()["duration"] == 5


def test_videos_generate_wait_against_the_fake(cli: Run, server: FakeZai) -> None:
    code, out, err = cli("videos", "generate", "a fox", "--wait", *FAST)
    lines = err.splitlines()
    task_id = lines[0].split()[3]
    assert (code, out) == (0, f"{server.url}/_fake/media/{task_id}.mp4\n")
    assert lines[0] == f"zai: video task {task_id} submitted"
    # Not a terminal: one line per status change, not per poll.
    assert [line.split(" [")[0] for line in lines[1:]] == [
        f"zai: video {task_id}: PROCESSING",
        f"zai: video {task_id}: SUCCESS",
    ]
    assert server.count("GET", f"/paas/v4/async-result/{task_id}") == 2
    assert cli("--quiet", "videos", "wait", task_id, *FAST) == (0, out, "")


VIDEO_ID = "video-1"


def script_video(server: FakeZai, *states: dict[str, Any]) -> None:
    server.script("POST", "/paas/v4/videos/generations", Reply(200, {"id": VIDEO_ID, "task_status": "PROCESSING"}))
    path = f"/paas/v4/async-result/{VIDEO_ID}"
    server.script("GET", path, *(Reply(200, {"id": VIDEO_ID, **state}) for state in states))


def test_videos_generate_wait_json(cli: Run, server: FakeZai) -> None:
    script_video(server, {"task_status": "SUCCESS", "video_result": [{"url": "https://cdn/v.mp4"}]})
    code, out, _ = cli("videos", "generate", "waves", "--wait", "--json", *FAST)
    assert code == 0 and json.loads(out)["video_result"] == [{"url": "https://cdn/v.mp4"}]


def test_videos_generate_wait_failure(cli: Run, server: FakeZai) -> None:
    script_video(server, {"task_status": "FAIL"})
    code, out, err = cli("videos", "generate", "waves", "--wait", *FAST)
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == f"zai: error: video task {VIDEO_ID} ended with status FAIL"


def test_videos_generate_wait_timeout(cli: Run, server: FakeZai) -> None:
    script_video(server, *[{"task_status": "PROCESSING"}] * 50)
    code, _, err = cli("videos", "generate", "waves", "--wait", "--timeout", "0.05", *FAST)
    assert code == 1
    assert err.splitlines()[-1] == (
        f"zai: error: video task {VIDEO_ID} is not done after 0.05 s; it keeps running on the server"
        f" (resume with: zai videos wait {VIDEO_ID})"
    )


def test_videos_wait_is_interrupted(cli: Run, server: FakeZai, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Progress, "update", interrupt)
    code, out, err = cli("videos", "generate", "waves", "--wait", *FAST)
    task_id = err.split()[3]
    assert (code, out) == (130, "")
    assert err.splitlines()[-2:] == [
        f"zai: video task {task_id} keeps running on the server; resume with: zai videos wait {task_id}",
        "zai: error: interrupted",
    ]
    code, out, err = cli("-q", "videos", "wait", task_id, *FAST)
    assert (code, out) == (130, "")
    assert "keeps running on the server" in err  # said even when quiet


def test_poll_interval_from_the_environment(cli: Run, server: FakeZai, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(_commands.POLL_INTERVAL_ENV, "0.01")
    script_video(server, {"task_status": "PROCESSING"}, {"task_status": "SUCCESS", "video_result": [{"url": "u"}]})
    assert cli("videos", "generate", "waves", "--wait")[:2] == (0, "u\n")
    monkeypatch.setenv(_commands.POLL_INTERVAL_ENV, "soon")
    code, _, err = cli("videos", "generate", "waves", "--wait")
    assert code == 2
    assert err.endswith("zai: error: ZAI_CLI_POLL_INTERVAL must be a positive number of seconds, got 'soon'\n")


# ---------------------------------------------------------------------- batches


def request_line(custom_id: str, content: str = "Hi", **body: Any) -> str:
    body = {"model": "glm-5.2", "messages": [{"role": "user", "content": content}], **body}
    return json.dumps({"custom_id": custom_id, "method": "POST", "url": "/v4/chat/completions", "body": body}) + "\n"


@pytest.fixture
def requests_file(tmp_path: Path) -> Path:
    path = tmp_path / "requests.jsonl"
    path.write_text(request_line("r1", "first") + request_line("r2", "second"))
    return path


def test_batches_run_prints_the_batch_id(cli: Run, server: FakeZai, requests_file: Path) -> None:
    code, out, err = cli("batches", "run", str(requests_file))
    assert (code, err) == (0, "")
    assert out.startswith("batch_")
    upload = server.last("POST", "/paas/v4/files")
    assert multipart_field(upload.body, "purpose") == b"batch"
    created = server.last("POST", "/paas/v4/batches").json()
    assert created == {
        "endpoint": "/v4/chat/completions",
        "input_file_id": created["input_file_id"],
        "auto_delete_input_file": True,
    }
    stored = server.files.get(created["input_file_id"])
    assert stored is not None and Path(stored.path).read_bytes() == requests_file.read_bytes()
    code, _, err = cli("batches", "run", str(requests_file), "--endpoint", "/v4/embeddings")
    assert server.last("POST", "/paas/v4/batches").json()["endpoint"] == "/v4/embeddings"


def test_batches_run_wait_against_the_fake(cli: Run, server: FakeZai, requests_file: Path) -> None:
    code, out, err = cli("batches", "run", str(requests_file), "--wait", *FAST)
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["custom_id"] for r in results] == ["r1", "r2"]
    assert results[1]["response"]["body"]["choices"][0]["message"]["content"].endswith('"second"')
    batch_id = err.split()[2]
    assert [line.split(" [")[0] for line in err.splitlines()[1:]] == [
        f"zai: batch {batch_id}: in_progress 0/2 requests",
        f"zai: batch {batch_id}: completed 2/2 requests",
    ]
    assert cli("--quiet", "batches", "wait", batch_id, *FAST) == (0, out, "")
    assert cli("batches", "results", batch_id) == (0, out, "")


def test_batches_with_failed_requests(cli: Run, requests_file: Path, tmp_path: Path) -> None:
    requests_file.write_text(request_line("ok") + request_line("no-model", model="") + request_line("ok-2"))
    target = tmp_path / "results.jsonl"
    code, out, err = cli("batches", "run", str(requests_file), "--wait", "-o", str(target), *FAST)
    batch_id = err.split()[2]
    assert (code, out) == (0, "")
    assert [json.loads(line)["custom_id"] for line in target.read_text().splitlines()] == ["ok", "ok-2"]
    assert err.splitlines()[-2:] == [
        f"zai: output written to {target}",
        f"zai: 1 requests failed; see them with: zai batches results {batch_id} --errors",
    ]
    code, out, _ = cli("batches", "results", batch_id, "--errors")
    failed = json.loads(out)
    assert (code, failed["custom_id"], failed["response"]["status_code"]) == (0, "no-model", 400)
    assert failed["response"]["body"]["error"]["code"] == "1214"


def test_batches_with_bad_lines_fail_whole(cli: Run, requests_file: Path) -> None:
    requests_file.write_text(request_line("a") + "not json\n" + request_line("a"))
    code, out, err = cli("batches", "run", str(requests_file), "--wait", *FAST)
    assert (code, out) == (1, "")
    batch_id = err.split()[2]
    assert err.splitlines()[-1] == (
        f"zai: error: batch {batch_id} ended with status failed: [invalid_json_line] the line is not JSON (line 2)"
        " and 1 more"
    )
    assert cli("batches", "results", batch_id, "--errors")[2] == (
        f"zai: error: batch {batch_id} has no error file (status failed)\n"
    )


def test_batches_results_of_a_running_batch(cli: Run, server: FakeZai, requests_file: Path) -> None:
    batch_id = cli("batches", "run", str(requests_file))[1].strip()
    assert cli("batches", "results", batch_id) == (
        1,
        "",
        f"zai: error: batch {batch_id} is in_progress; wait for it with: zai batches wait {batch_id}\n",
    )


BATCH_ID = "batch-1"


def script_batch(server: FakeZai, *states: Reply) -> None:
    server.script("POST", "/paas/v4/batches", Reply(200, {"id": BATCH_ID, "status": "validating"}))
    server.script("GET", f"/paas/v4/batches/{BATCH_ID}", *states)


def batch_state(status: str, completed: int, failed: int = 0, **fields: Any) -> Reply:
    return Reply(
        200,
        {
            "id": BATCH_ID,
            "object": "batch",
            "status": status,
            "request_counts": {"total": 4, "completed": completed, "failed": failed},
            **fields,
        },
    )


def test_batches_run_wait_shows_each_status(cli: Run, server: FakeZai, requests_file: Path) -> None:
    output = b'{"custom_id": "r1", "response": {"status_code": 200}}\n'
    script_batch(
        server,
        batch_state("validating", 0),
        batch_state("in_progress", 1),
        batch_state("in_progress", 3),
        batch_state("completed", 4, output_file_id="out-1"),
    )
    server.script("GET", "/paas/v4/files/out-1/content", Reply(200, body=output, content_type="application/jsonl"))
    code, out, err = cli("batches", "run", str(requests_file), "--wait", *FAST)
    assert (code, out) == (0, output.decode())
    file_id = server.last("POST", "/paas/v4/batches").json()["input_file_id"]
    assert [line.split(" [")[0] for line in err.splitlines()] == [
        f"zai: batch {BATCH_ID} created from file {file_id}",
        f"zai: batch {BATCH_ID}: validating 0/4 requests",
        f"zai: batch {BATCH_ID}: in_progress 1/4 requests",
        f"zai: batch {BATCH_ID}: completed 4/4 requests",
    ]
    assert server.count("GET", f"/paas/v4/batches/{BATCH_ID}") == 4


def test_batches_run_wait_to_a_file_with_a_progress_bar(
    cli: Run, server: FakeZai, requests_file: Path, tmp_path: Path, tty_stderr: TTY
) -> None:
    script_batch(
        server,
        batch_state("in_progress", 1, failed=1),
        batch_state("completed", 3, failed=1, output_file_id="out-1", error_file_id="err-1"),
    )
    server.script("GET", "/paas/v4/files/out-1/content", Reply(200, body=BINARY_BODY))
    target = tmp_path / "results.jsonl"
    code, out, _ = cli("batches", "run", str(requests_file), "--wait", "-o", str(target), *FAST, stderr=tty_stderr)
    assert (code, out) == (0, "")
    assert target.read_bytes() == BINARY_BODY
    err = tty_stderr.getvalue()
    assert f"\r| batch {BATCH_ID}  in_progress  [##########..........]  50%  2/4 requests, 1 failed" in err
    assert f"\r/ batch {BATCH_ID}  completed  [####################] 100%  4/4 requests, 1 failed" in err
    assert err.endswith(
        f"zai: output written to {target}\n"
        f"zai: 1 requests failed; see them with: zai batches results {BATCH_ID} --errors\n"
    )


def test_batches_run_wait_is_interrupted(
    cli: Run, server: FakeZai, requests_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Progress, "update", interrupt)
    code, out, err = cli("batches", "run", str(requests_file), "--wait", *FAST)
    batch_id = err.split()[2]
    assert (code, out) == (130, "")
    assert err.splitlines()[-2:] == [
        f"zai: batch {batch_id} keeps running on the server; resume with: zai batches wait {batch_id}",
        "zai: error: interrupted",
    ]


def test_batches_run_usage_errors(cli: Run, server: FakeZai, requests_file: Path, tmp_path: Path) -> None:
    assert cli("batches", "run", str(requests_file), "-o", "x.jsonl") == (
        2,
        "",
        "zai: error: -o/--output needs --wait\n",
    )
    missing = tmp_path / "missing.jsonl"
    assert cli("batches", "run", str(missing)) == (1, "", f"zai: error: no such file: {missing}\n")
    assert server.requests == []


# ---------------------------------------------------------------------- models


def test_models(cli: Run, server: FakeZai) -> None:
    assert cli("models") == (0, "glm-5.2\nglm-4.7\nglm-4.5-air\n", "")
    assert server.last().path == "/paas/v4/models"
    code, out, _ = cli("models", "--json")
    assert code == 0 and [model["id"] for model in json.loads(out)["data"]] == ["glm-5.2", "glm-4.7", "glm-4.5-air"]


# ---------------------------------------------------------------------- client options


def test_options_from_the_environment(
    server: FakeZai, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZAI_API_KEY", "env.key")
    monkeypatch.setenv("ZAI_BASE_URL", server.base_url)
    assert main(["models"]) == 0
    assert server.last().headers["authorization"] == "Bearer env.key"
    assert main(["models", "--api-key", "flag.key"]) == 0
    assert server.last().headers["authorization"] == "Bearer flag.key"


def test_global_options_may_follow_the_command(cli: Run, server: FakeZai) -> None:
    code, out, _ = cli("models", "--api-key", "late.key", "--base-url", server.base_url, auth=False)
    assert code == 0 and out.startswith("glm-5.2")
    assert server.last().headers["authorization"] == "Bearer late.key"


def test_zhipu_uses_the_bigmodel_client(cli: Run, server: FakeZai) -> None:
    cli("models")
    assert server.last().headers["accept-language"] == "en-US,en"
    cli("--zhipu", "models")
    assert "accept-language" not in server.last().headers


def test_max_retries_and_timeout(cli: Run, server: FakeZai, sleeps: list[float]) -> None:
    busy = Reply(503, {"error": {"code": "1305", "message": "overloaded"}})
    server.script("GET", "/paas/v4/models", busy, busy, busy)
    assert cli("--quiet", "--max-retries", "1", "models") == (1, "", "zai: error: [1305] overloaded (HTTP 503)\n")
    assert server.count("GET", "/paas/v4/models") == 2
    server.reset()
    server.script("GET", "/paas/v4/models", Reply(200, {"data": []}, delay=0.5))
    code, _, err = cli("models", "--timeout", "0.1", "--max-retries", "0")
    assert (code, err) == (1, f"zai: error: Request timed out. (GET {server.base_url}/models)\n")


# ---------------------------------------------------------------------- errors and exit codes


def test_retries_are_shown_as_they_happen(cli: Run, server: FakeZai, sleeps: list[float]) -> None:
    limited = Reply(429, {"error": {"code": "1302", "message": "rate limit reached"}})
    server.script("POST", "/paas/v4/chat/completions", *[limited] * 4)
    code, out, err = cli("chat", "Hi")
    assert (code, out) == (1, "")
    url = f"{server.base_url}/chat/completions"
    assert err.splitlines() == [
        f"zai: retrying POST {url} in {delay:.2f} s (retry {n} of 3) after status 429"
        for n, delay in enumerate(sleeps, start=1)
    ] + ["zai: error: [1302] rate limit reached (HTTP 429)"]
    assert server.count("POST", "/paas/v4/chat/completions") == 4  # the client's retries still apply
    server.script("POST", "/paas/v4/chat/completions", *[limited] * 4)
    assert cli("chat", "Hi", "-q") == (1, "", "zai: error: [1302] rate limit reached (HTTP 429)\n")
    assert not logging.getLogger("zai").handlers  # the CLI leaves the logger as it found it
    assert logging.getLogger("zai").level == logging.NOTSET


def test_a_refused_connection_names_the_url(cli: Run, sleeps: list[float]) -> None:
    with FakeZai() as gone:
        url = gone.base_url
    code, _, err = cli("--base-url", url, "--max-retries", "2", "models")
    lines = err.splitlines()
    assert code == 1 and len(lines) == 3
    assert (
        lines[0].startswith(f"zai: retrying GET {url}/models in ") and "(retry 1 of 2) after ConnectError" in lines[0]
    )
    assert lines[2].startswith("zai: error: Connection error: ")
    assert lines[2].endswith(f" (GET {url}/models)")


def test_missing_key(cli: Run, server: FakeZai) -> None:
    code, out, err = cli("--base-url", server.base_url, "models", auth=False)
    assert (code, out) == (1, "")
    assert err == "zai: error: no API key: pass --api-key or set the ZAI_API_KEY environment variable\n"


def test_bad_base_url(cli: Run) -> None:
    code, _, err = cli("--base-url", "ftp://example.com", "models")
    assert (code, err) == (1, "zai: error: base_url must be an http(s) URL with a host, got 'ftp://example.com'\n")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["nonsense"],
        ["chat"],
        ["files"],
        ["--max-retries", "-1", "models"],
        ["--timeout", "0", "models"],
        ["videos", "generate", "x", "--timeout", "never"],
        ["chat", "Hi", "--thinking", "maybe"],
    ],
)
def test_usage_errors_exit_2(cli: Run, server: FakeZai, argv: list[str]) -> None:
    code, out, err = cli(*argv)
    assert (code, out) == (2, "")
    assert "usage: zai" in err and "error:" in err
    assert server.requests == []


def test_help_and_version(cli: Run) -> None:
    code, out, _ = cli("--help")
    assert code == 0 and "batches" in out and "ZAI_CLI_POLL_INTERVAL" in out
    code, out, _ = cli("batches", "run", "--help")
    assert code == 0 and "--endpoint" in out and "--wait" in out
    assert cli("--version") == (0, f"zai-sdk {zai.__version__}\n", "")


def test_interrupt_exits_130(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(_commands, "models", interrupted)
    assert cli("models") == (130, "", "zai: error: interrupted\n")


def test_describe_error() -> None:
    assert describe_error(zai.WaitTimeoutError("Still\nwaiting", last=None)) == "Still waiting"
    assert describe_error(PermissionError(13, "Permission denied", "/root/x")) == "Permission denied: /root/x"
    assert describe_error(zai.ZaiError()) == "ZaiError"


# ---------------------------------------------------------------------- the progress line


def test_progress_on_a_terminal_redraws_one_line() -> None:
    clock = iter([0.0, 1.0, 65.0, 3725.0]).__next__
    stream = TTY()
    progress = Progress("batch b1", stream=stream, clock=clock, units="requests")
    progress.update("in_progress", done=1, total=4)
    progress.update("in_progress", done=4, total=4, failed=2)
    progress.update("finalizing")
    progress.close()
    progress.close()
    assert stream.getvalue().split("\r")[1:] == [
        "| batch b1  in_progress  [#####...............]  25%  1/4 requests  0:01",
        "/ batch b1  in_progress  [####################] 100%  4/4 requests, 2 failed  1:05",
        "- batch b1  finalizing  1:02:05".ljust(
            len("/ batch b1  in_progress  [####################] 100%  4/4 requests, 2 failed  1:05")
        )
        + "\n",
    ]


def test_progress_elsewhere_writes_status_changes() -> None:
    clock = iter([0.0, 1.0, 2.0, 3.0, 4.0]).__next__
    stream = io.StringIO()
    with Progress("video v1", stream=stream, clock=clock) as progress:
        progress.update("PROCESSING")
        progress.update("PROCESSING")
        progress.update("SUCCESS")
    assert stream.getvalue() == "zai: video v1: PROCESSING [0:01]\nzai: video v1: SUCCESS [0:02]\n"


def test_formatting_helpers() -> None:
    assert [format_elapsed(s) for s in (0, 59.9, 61, 3600)] == ["0:00", "0:59", "1:01", "1:00:00"]
    assert [format_bytes(n) for n in (0, 1023, 1536, 5 * 1024**2, 3 * 1024**4)] == [
        "0 B",
        "1023 B",
        "1.5 KiB",
        "5.0 MiB",
        "3072.0 GiB",
    ]


# ---------------------------------------------------------------------- as a program


def test_import_zai_does_not_import_the_cli() -> None:
    code = "import sys, zai; assert 'zai.cli' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_subprocess_exit_status_and_one_line_error(server: FakeZai) -> None:
    denied = Reply(401, {"error": {"code": "1002", "message": "Authorization token is invalid"}})
    server.script("GET", "/paas/v4/models", denied)
    env = {**os.environ, "ZAI_API_KEY": "bad.key", "ZAI_BASE_URL": server.base_url}
    env.pop("NO_COLOR", None)
    script = Path(sys.executable).with_name("zai")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "zai.cli"]
    result = subprocess.run([*command, "models"], capture_output=True, text=True, env=env, timeout=60)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "zai: error: [1002] Authorization token is invalid (HTTP 401)\n"

    result = subprocess.run(
        [sys.executable, "-m", "zai.cli", "chat", "-"], input="piped", capture_output=True, text=True, env=env
    )
    assert (result.returncode, result.stdout) == (0, 'This is the local Z.ai test server. You said: "piped"\n')

    result = subprocess.run([sys.executable, "-m", "zai.cli", "nonsense"], capture_output=True, text=True, env=env)
    assert result.returncode == 2


def test_the_documented_commands_run_against_the_fake(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert zai.cli.__doc__
    commands = [shlex.split(line)[1:] for line in zai.cli.__doc__.splitlines() if line.startswith("    zai ")]
    assert len(commands) == 10
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(_commands.POLL_INTERVAL_ENV, "0.01")
    (tmp_path / "requests.jsonl").write_text(request_line("r1") + request_line("r2"))
    ids: dict[str, str] = {}
    for argv in commands:
        code, out, err = cli(*[ids.get(arg, arg) for arg in argv])
        assert (code, err.count("error")) == (0, 0), (argv, err)
        assert out or "-o" in argv, argv
        if argv[:2] == ["videos", "generate"]:
            ids["TASK_ID"] = err.split()[3]
        if argv[:2] == ["batches", "run"]:
            ids["BATCH_ID"] = err.split()[2]
    assert [json.loads(line)["custom_id"] for line in (tmp_path / "results.jsonl").read_text().splitlines()] == [
        "r1",
        "r2",
    ]


def test_python_m_zai_is_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "zai", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("usage: zai ")
