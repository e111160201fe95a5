"""The `zai` commands that follow tasks on the server: videos and batches (`--wait`, `wait`, `results`, `--resume`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import FAST, TTY, Run, multipart_field, request_line
from zai.cli import _commands
from zai.cli._progress import Progress
from zai.testing import FakeZai, Reply
from zai.testing._examples import BINARY_BODY


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


def test_batches_with_bad_lines_fail_whole(cli: Run, server: FakeZai, requests_file: Path) -> None:
    requests_file.write_text(request_line("a") + "not json\n" + request_line("a"))
    # With --wait every line is checked first: nothing is sent.
    code, out, err = cli("batches", "run", str(requests_file), "--wait", *FAST)
    assert (code, out) == (1, "")
    assert err == (
        "zai: error: 2 requests are invalid; nothing was uploaded: request 2: not valid JSON (Expecting value:"
        " line 1 column 1 (char 0)) request 3 ('a'): this custom_id is already used in the same batch file\n"
    )
    assert server.requests == []
    # Without it the file goes as it is, and the platform fails the whole batch.
    batch_id = cli("batches", "run", str(requests_file))[1].strip()
    code, out, err = cli("batches", "wait", batch_id, *FAST)
    assert (code, out) == (1, "")
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
    requests_file.write_text("".join(request_line(f"r{number}") for number in range(4)))
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
    requests_file.write_text("".join(request_line(f"r{number}") for number in range(4)))
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
    assert (code, out) == (130, "")
    assert err.splitlines()[-2:] == [
        f"zai: the batches keep running on the server; resume with: zai batches run {requests_file} --resume",
        "zai: error: interrupted",
    ]
    assert Path(f"{requests_file}.state.json").exists()


def test_batches_run_wait_shards_a_file_into_batches(cli: Run, server: FakeZai, tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(request_line(f"r{number}", f"question {number}") for number in range(5)))
    code, out, err = cli("batches", "run", str(path), "--wait", "--max-requests", "2", *FAST)
    assert code == 0
    assert [json.loads(line)["custom_id"] for line in out.splitlines()] == [f"r{number}" for number in range(5)]
    assert server.count("POST", "/paas/v4/batches") == 3
    lines = [line.split(" [")[0] for line in err.splitlines()]
    assert [line.split(" created from file ")[1].split()[1:] for line in lines[:3]] == [
        ["(1", "of", "3)"],
        ["(2", "of", "3)"],
        ["(3", "of", "3)"],
    ]
    assert lines[-1] == "zai: 3 batches: 3/3 finished 5/5 requests"
    assert not Path(f"{path}.state.json").exists()  # the run is over


def test_batches_run_resumes_after_an_interruption(
    cli: Run, server: FakeZai, requests_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_update = Progress.update

    def interrupt(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Progress, "update", interrupt)
    assert cli("batches", "run", str(requests_file), "--wait", *FAST)[0] == 130
    monkeypatch.setattr(Progress, "update", real_update)
    state = Path(f"{requests_file}.state.json")
    assert state.exists()

    assert cli("batches", "run", str(requests_file), "--wait", *FAST) == (
        2,
        "",
        f"zai: error: {state} records an earlier run of this file: continue it with --resume, or delete it\n",
    )
    code, out, err = cli("batches", "run", str(requests_file), "--resume", *FAST)
    assert code == 0
    assert [json.loads(line)["custom_id"] for line in out.splitlines()] == ["r1", "r2"]
    assert err.splitlines()[0] == "zai: resuming a run of 1 batches (1 already created)"
    assert server.count("POST", "/paas/v4/batches") == 1
    assert server.count("POST", "/paas/v4/files") == 1
    assert not state.exists()


def test_batches_run_with_a_state_file_of_its_own(cli: Run, requests_file: Path, tmp_path: Path) -> None:
    state = tmp_path / "elsewhere.json"
    target = tmp_path / "out.jsonl"
    code, _, err = cli("batches", "run", str(requests_file), "--resume", "--state", str(state), "-o", str(target))
    assert code == 0, err
    assert [json.loads(line)["custom_id"] for line in target.read_text().splitlines()] == ["r1", "r2"]
    assert not state.exists() and not Path(f"{requests_file}.state.json").exists()


def test_batches_run_usage_errors(cli: Run, server: FakeZai, requests_file: Path, tmp_path: Path) -> None:
    assert cli("batches", "run", str(requests_file), "-o", "x.jsonl") == (
        2,
        "",
        "zai: error: -o/--output needs --wait\n",
    )
    assert cli("batches", "run", str(requests_file), "--state", "s.json") == (
        2,
        "",
        "zai: error: --state needs --wait\n",
    )
    assert cli("batches", "run", str(requests_file), "--wait", "--max-requests", "0")[0] == 2
    missing = tmp_path / "missing.jsonl"
    assert cli("batches", "run", str(missing)) == (1, "", f"zai: error: no such file: {missing}\n")
    assert server.requests == []
