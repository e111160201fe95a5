"""Run every example: against a local Z.ai-compatible server, or the real API when ZAI_API_KEY is set."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

from zai.testing import FakeZai, RecordedRequest, Reply

EXAMPLES = [
    "chat.py",
    "streaming.py",
    "tool_calls.py",
    "deferred_chat.py",
    "thinking.py",
    "roleplay.py",
    "multimodal.py",
    "assistant.py",
    "embeddings.py",
    "images.py",
    "video.py",
    "transcription.py",
    "speech.py",
    "files.py",
    "batches.py",
    "web_search.py",
    "moderation.py",
]


def finish_deferred_tasks(server: FakeZai) -> None:
    """Give the demo's deferred tasks and downloads results that match what the examples sent.

    The server answers these operations with the fixed examples of the OpenAPI document. Here the
    image and video tasks report PROCESSING once, then SUCCESS with an image or video; the example
    file downloads as the last file uploaded; the example batch completes, and its output file
    answers every request of the last uploaded `.jsonl` file with the server's chat simulation.
    """

    def example(method: str, path: str) -> dict[str, Any]:
        operation = server.examples.find(method, path)
        return dict(operation["response"]) if operation else {}

    results = {
        "/paas/v4/async/images/generations": {"image_result": [{"url": "https://example.com/demo/island.png"}]},
        "/paas/v4/videos/generations": {
            "video_result": [
                {"url": "https://example.com/demo/boat.mp4", "cover_image_url": "https://example.com/demo/boat.jpg"}
            ]
        },
    }

    def deferred(task: dict[str, Any], result: dict[str, Any]) -> Callable[[RecordedRequest], Reply]:
        polls = itertools.count()

        def poll(request: RecordedRequest) -> Reply:
            if next(polls) == 0:
                return Reply(200, {**task, "task_status": "PROCESSING"})
            return Reply(200, {**task, **result, "task_status": "SUCCESS"})

        return poll

    for submit, result in results.items():
        task = example("POST", submit)
        server.route("GET", f"/paas/v4/async-result/{task['id']}", deferred(task, result))

    def uploaded() -> bytes:
        """The content of the last file uploaded to the server."""
        request = server.last("POST", "/paas/v4/files")
        boundary = request.headers["content-type"].partition("boundary=")[2].encode()
        for part in request.body.split(b"--" + boundary):
            head, _, content = part.partition(b"\r\n\r\n")
            if b'name="file"' in head:
                return content.removesuffix(b"\r\n")
        return b""

    def download(request: RecordedRequest) -> Reply:
        return Reply(200, body=uploaded(), content_type="application/octet-stream")

    server.route("GET", f"/paas/v4/files/{example('POST', '/paas/v4/files')['id']}/content", download)

    def batch_requests() -> list[dict[str, Any]]:
        lines = uploaded().decode("utf-8", errors="replace").splitlines()
        return [json.loads(line) for line in lines if line.startswith('{"custom_id"')]

    batch = example("POST", "/paas/v4/batches")
    output_file_id = "demo-batch-output"

    def retrieve_batch(request: RecordedRequest) -> Reply:
        total = len(batch_requests())
        counts = {"total": total, "completed": total, "failed": 0}
        return Reply(200, {**batch, "status": "completed", "output_file_id": output_file_id, "request_counts": counts})

    def batch_output(request: RecordedRequest) -> Reply:
        lines = [
            {
                "custom_id": item["custom_id"],
                "response": {"status_code": 200, "body": server.chat.completion(item["body"])},
            }
            for item in batch_requests()
        ]
        body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
        return Reply(200, body=body.encode(), content_type="application/octet-stream")

    server.route("GET", f"/paas/v4/batches/{batch['id']}", retrieve_batch)
    server.route("GET", f"/paas/v4/files/{output_file_id}/content", batch_output)


def run(env: dict[str, str]) -> int:
    here = Path(__file__).parent
    failures = 0
    for name in EXAMPLES:
        print(f"\n===== examples/{name} =====", flush=True)
        result = subprocess.run([sys.executable, str(here / name)], env=env, check=False)
        failures += result.returncode != 0
    return failures


def main() -> None:
    env = dict(os.environ)
    if env.get("ZAI_API_KEY"):
        print(f"ZAI_API_KEY is set: calling the real API at {env.get('ZAI_BASE_URL', 'https://api.z.ai/api/paas/v4')}")
        failures = run(env)
    else:
        with FakeZai() as server:
            print(f"No ZAI_API_KEY: using the local Z.ai-compatible server at {server.base_url}")
            finish_deferred_tasks(server)
            env.update(ZAI_API_KEY="demo-id.demo-secret", ZAI_BASE_URL=server.base_url)
            failures = run(env)
    if failures:
        sys.exit(f"\n{failures} example(s) failed")
    print("\nAll examples ran.")


if __name__ == "__main__":
    main()
