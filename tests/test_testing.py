"""`zai.testing.FakeZai` on its own: a coherent fake, where what one call creates the next calls see."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import zai
from tests.conftest import KEY, user
from zai import ZaiClient
from zai.testing import FakeZai, RecordedRequest, Reply
from zai.testing._files import read_form


@pytest.fixture
def client(server: FakeZai) -> Iterator[ZaiClient]:
    with ZaiClient(api_key=KEY, base_url=server.base_url) as client:
        yield client


def line(custom_id: str, content: str = "Hi", url: str = "/v4/chat/completions", **body: Any) -> str:
    body = {"model": "glm-5.2", "messages": user(content), **body}
    return json.dumps({"custom_id": custom_id, "method": "POST", "url": url, "body": body}) + "\n"


def run_batch(client: ZaiClient, text: str, endpoint: str = "/v4/chat/completions") -> Any:
    upload = client.files.create(file=("requests.jsonl", text.encode()), purpose="batch")
    batch = client.batches.create(input_file_id=str(upload.id), endpoint=endpoint)
    return client.batches.wait(str(batch.id), poll_interval=0.01)


def records(client: ZaiClient, file_id: str | None) -> list[dict[str, Any]]:
    assert file_id
    return [json.loads(text) for text in client.files.content(file_id).text.splitlines()]


# ---------------------------------------------------------------------- deferred tasks and media


def test_each_task_answers_its_own_result(client: ZaiClient) -> None:
    chat = client.chat.asyncCompletions.create(model="glm-5.2", messages=user("later"))
    image = client.images.async_generations(model="glm-image", prompt="an island")
    video = client.videos.generations(model="cogvideox-3", prompt="a fox")
    assert len({chat.id, image.id, video.id}) == 3
    assert {chat.task_status, image.task_status, video.task_status} == {"PROCESSING"}

    video_result = client.videos.wait(str(video.id), poll_interval=0.01)
    assert video_result.task_status == "SUCCESS" and video_result.id == video.id
    assert video_result.video_result and video_result.video_result[0].url
    image_result = client.images.wait(str(image.id), poll_interval=0.01)
    assert image_result.image_result and image_result.image_result[0].url
    assert image_result.video_result is None and image_result.choices is None
    chat_result = client.chat.asyncCompletions.wait(str(chat.id), poll_interval=0.01)
    assert chat_result.choices and chat_result.choices[0].message.content.endswith('"later"')
    assert chat_result.image_result is None

    with pytest.raises(zai.APINotFoundError, match="No task with id 'unknown'"):
        client.videos.retrieve_videos_result("unknown")


def test_media_urls_are_served_by_the_fake(client: ZaiClient, server: FakeZai) -> None:
    image = client.images.generations(model="cogview-4", prompt="a fox", n=2)
    urls = [item.url for item in image.data or []]
    assert len(urls) == 2 and all(str(url).startswith(server.url) for url in urls)
    assert httpx.get(str(urls[0])).headers["content-type"] == "image/png"  # no key needed, as on a CDN
    video = client.videos.wait(str(client.videos.generations(model="cogvideox-3", prompt="x").id), poll_interval=0.01)
    assert video.video_result
    assert httpx.get(str(video.video_result[0].url)).content[4:8] == b"ftyp"
    assert httpx.get(server.url + "/_fake/media/nothing.gif").status_code == 404


def test_generation_needs_a_model_and_a_prompt(client: ZaiClient) -> None:
    with pytest.raises(zai.APIRequestFailedError, match="prompt is required"):
        client.videos.generations(model="cogvideox-3")


def test_pending_polls() -> None:
    for pending, statuses in [(0, ["SUCCESS"]), (2, ["PROCESSING", "PROCESSING", "SUCCESS"])]:
        with FakeZai(pending_polls=pending) as fake, ZaiClient(api_key=KEY, base_url=fake.base_url) as client:
            task = client.videos.generations(model="cogvideox-3", prompt="x")
            seen: list[Any] = []
            client.videos.wait(str(task.id), poll_interval=0.01, on_progress=seen.append)
            assert [state.task_status for state in seen] == statuses


def test_json_mode_answers_json(client: ZaiClient) -> None:
    completion = client.chat.completions.create(
        model="glm-5.2", messages=user("Paris as JSON"), response_format={"type": "json_object"}
    )
    data = json.loads(str(completion.choices[0].message.content))
    assert isinstance(data, dict) and "Paris as JSON" in data["reply"]


# ---------------------------------------------------------------------- files


def test_files_round_trip_list_and_delete(client: ZaiClient, tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(3 * 1024 * 1024) + b"\r\n--not-a-boundary\r\n\r\n")  # kept on disk by the fake
    uploads = [
        client.files.create(file=big, purpose="agent"),
        client.files.create(file=("a.jsonl", b"{}\n"), purpose="batch"),
        client.files.create(file=io.BytesIO(b""), purpose="batch"),
    ]
    assert [(f.filename, f.bytes_, f.purpose) for f in uploads] == [
        ("big.bin", big.stat().st_size, "agent"),
        ("a.jsonl", 3, "batch"),
        ("upload", 0, "batch"),
    ]
    assert client.files.content(str(uploads[0].id)).content == big.read_bytes()
    assert client.files.content(str(uploads[2].id)).content == b""

    listing = client.files.list(purpose="batch", limit=1)
    assert [f.id for f in listing] == [uploads[2].id, uploads[1].id]  # newest first, every page
    assert listing.has_more is True

    assert client.files.delete(str(uploads[1].id)).deleted is True
    with pytest.raises(zai.APINotFoundError):
        client.files.content(str(uploads[1].id))
    assert [f.id for f in client.files.list(purpose="batch")] == [uploads[2].id]


def test_a_chunked_upload(server: FakeZai) -> None:
    def body() -> Iterator[bytes]:
        yield b'--b\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n'
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="x.txt"\r\n\r\n'
        yield b"x" * (2 * 1024 * 1024)
        yield b"\r\n--b--\r\n"

    headers = {"authorization": f"Bearer {KEY}", "content-type": "multipart/form-data; boundary=b"}
    reply = httpx.post(server.base_url + "/files", content=body(), headers=headers).json()
    assert (reply["filename"], reply["bytes"]) == ("x.txt", 2 * 1024 * 1024)
    assert server.last().headers["transfer-encoding"] == "chunked"
    assert server.last().body.endswith(b"--b--\r\n")


def test_an_upload_needs_a_file_and_a_purpose(client: ZaiClient, server: FakeZai) -> None:
    with pytest.raises(zai.APIRequestFailedError, match="the purpose field is required"):
        client.files.create(file=b"x", purpose="")
    headers = {"authorization": f"Bearer {KEY}", "content-type": "application/json"}
    assert httpx.post(server.base_url + "/files", json={}, headers=headers).status_code == 400


def test_read_form_keeps_content_exactly() -> None:
    tricky = b"line\r\n--bound\r\n\r\n--boundary-ish\n\r\n"
    body = (
        b"preamble\r\n--bound-x\r\n"
        b'Content-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n--bound-x\r\n'
        b'Content-Disposition: form-data; name="file"; filename="t.bin"\r\nContent-Type: x/y\r\n\r\n'
        + tricky
        + b"\r\n--bound-x--\r\nepilogue"
    )
    written = io.BytesIO()
    written.close = lambda: None  # type: ignore[method-assign]  # read after the parser closes it
    fields, files = read_form(io.BytesIO(body), 'multipart/form-data; boundary="bound-x"', lambda name: written)
    assert (fields, files, written.getvalue()) == ({"purpose": "batch"}, {"file": "t.bin"}, tricky)
    with pytest.raises(ValueError, match="not multipart"):
        read_form(io.BytesIO(body), "application/json", lambda name: written)


# ---------------------------------------------------------------------- batches


def test_batch_output_and_error_files_follow_the_input(client: ZaiClient) -> None:
    text = line("a", "first") + "\n" + line("b", model="") + line("c", "third", stream=True) + line("d", "fourth")
    seen: list[tuple[str, Any]] = []
    upload = client.files.create(file=("requests.jsonl", text.encode()), purpose="batch")
    created = client.batches.create(input_file_id=str(upload.id), endpoint="/v4/chat/completions")
    assert created.status == "validating"
    batch = client.batches.wait(
        str(created.id), poll_interval=0.01, on_progress=lambda b: seen.append((b.status, b.request_counts))
    )
    assert [status for status, _ in seen] == ["in_progress", "completed"]
    assert batch.request_counts and batch.request_counts.to_dict() == {"total": 4, "completed": 2, "failed": 2}
    output = records(client, batch.output_file_id)
    assert [r["custom_id"] for r in output] == ["a", "d"]
    assert output[0]["response"]["status_code"] == 200
    assert output[0]["response"]["body"]["choices"][0]["message"]["content"].endswith('"first"')
    errors = records(client, batch.error_file_id)
    assert [(r["custom_id"], r["response"]["status_code"]) for r in errors] == [("b", 400), ("c", 400)]
    assert client.batches.retrieve(str(batch.id)).status == "completed"
    assert [b.id for b in client.batches.list()] == [batch.id]
    names = {f.filename for f in client.files.list(purpose="batch")}
    assert names == {"requests.jsonl", f"{batch.id}_output.jsonl", f"{batch.id}_error.jsonl"}


def test_batch_of_embeddings_answers_with_the_example(client: ZaiClient) -> None:
    text = json.dumps({"custom_id": "e", "method": "POST", "url": "/v4/embeddings", "body": {"input": "x"}}) + "\n"
    batch = run_batch(client, text, endpoint="/v4/embeddings")
    assert batch.error_file_id is None
    assert records(client, batch.output_file_id)[0]["response"]["body"]["object"] == "list"


def test_bad_lines_fail_the_whole_batch(client: ZaiClient) -> None:
    text = line("a") + "[]\n" + line("a") + line("b", url="/v4/embeddings") + '{"custom_id": "c", "method": "GET"}\n'
    batch = run_batch(client, text)
    assert batch.status == "failed" and batch.output_file_id is None
    assert batch.errors and [(e.code, e.line) for e in batch.errors.data or []] == [
        ("invalid_json_line", 2),
        ("duplicate_custom_id", 3),
        ("mismatched_url", 4),
        ("invalid_method", 5),
    ]
    assert run_batch(client, "\n").errors.data[0].code == "empty_file"


def test_batch_refusals_and_cancel(client: ZaiClient) -> None:
    with pytest.raises(zai.APIRequestFailedError, match="is not an uploaded file"):
        client.batches.create(input_file_id="nope", endpoint="/v4/chat/completions")
    upload = client.files.create(file=("r.jsonl", line("a").encode()), purpose="batch")
    with pytest.raises(zai.APIRequestFailedError, match="is not a batch endpoint"):
        client.batches.create(input_file_id=str(upload.id), endpoint="chat")
    batch = client.batches.create(input_file_id=str(upload.id), endpoint="/v4/chat/completions")
    assert client.batches.cancel(str(batch.id)).status == "cancelling"
    assert client.batches.wait(str(batch.id), poll_interval=0.01).status == "cancelled"
    with pytest.raises(zai.APIRequestFailedError, match="is cancelled"):
        client.batches.cancel(str(batch.id))
    with pytest.raises(zai.APINotFoundError):
        client.batches.retrieve("batch-unknown")


def test_reset_forgets_files_batches_and_tasks(client: ZaiClient, server: FakeZai) -> None:
    upload = client.files.create(file=b"x", purpose="agent")
    task = client.videos.generations(model="cogvideox-3", prompt="x")
    server.reset()
    with pytest.raises(zai.APINotFoundError):
        client.files.content(str(upload.id))
    with pytest.raises(zai.APINotFoundError):
        client.videos.retrieve_videos_result(str(task.id))


# ---------------------------------------------------------------------- routes


def test_user_routes_win_over_the_built_in_ones() -> None:
    def mine(request: RecordedRequest) -> Reply:
        return Reply(200, {"id": request.path.rsplit("/", 1)[-1], "task_status": "FAIL"})

    files = {"object": "list", "data": [{"id": "mine"}], "has_more": False}
    with FakeZai() as fake, ZaiClient(api_key=KEY, base_url=fake.base_url) as client:
        fake.route("GET", "/paas/v4/async-result/", mine, prefix=True)
        fake.route("GET", "/paas/v4/files", lambda request: Reply(200, files))
        task = client.videos.generations(model="cogvideox-3", prompt="x")
        assert client.videos.retrieve_videos_result(str(task.id)).task_status == "FAIL"
        assert [f.id for f in client.files.list(purpose="batch")] == ["mine"]


def test_without_simulation_every_operation_answers_its_example() -> None:
    with FakeZai(simulate=False) as fake, ZaiClient(api_key=KEY, base_url=fake.base_url) as client:
        assert client.files.content("any").content.startswith(b"RIFF")
        assert client.videos.retrieve_videos_result("any").id == "20251126094010d2c1a4f1e8b44b3c"


# ---------------------------------------------------------------------- from a shell


def test_python_m_zai_testing_serves_until_interrupted() -> None:
    process = subprocess.Popen([sys.executable, "-m", "zai.testing", "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(4)]
        base_url = lines[0].split()[-1]
        assert lines[2:] == [f"  export ZAI_BASE_URL={base_url}\n", "  export ZAI_API_KEY=fake-id.fake-secret\n"]
        with ZaiClient(api_key="fake-id.fake-secret", base_url=base_url) as client:
            reply = client.chat.completions.create(model="glm-5.2", messages=user("shell"))
        assert str(reply.choices[0].message.content).endswith('"shell"')
    finally:
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=10)
    assert process.returncode == 0 and out.endswith("stopped\n")


def test_python_m_zai_testing_reports_a_busy_port(server: FakeZai) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "zai.testing", "--port", str(server.port)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr.startswith(f"cannot listen on 127.0.0.1:{server.port}: ") and "--port 0" in result.stderr
