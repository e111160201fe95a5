"""Batches: upload a .jsonl file of chat requests, run them as a batch, wait, and download the answers."""

import json
import tempfile
from pathlib import Path

from zai import WaitTimeoutError, ZaiClient
from zai_api.models import Batch

QUESTIONS = {"capital-fr": "What is the capital of France?", "capital-jp": "What is the capital of Japan?"}


def show(batch: Batch) -> None:
    counts = batch.request_counts
    done = f"{counts.completed}/{counts.total}" if counts else "?"
    print(f"  {batch.status}: {done} done")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, ZaiClient() as client:
        path = Path(folder) / "questions.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for custom_id, question in QUESTIONS.items():
                body = {"model": "glm-5.2", "messages": [{"role": "user", "content": question}]}
                request = {"custom_id": custom_id, "method": "POST", "url": "/v4/chat/completions", "body": body}
                out.write(json.dumps(request) + "\n")

        upload = client.files.create(file=path, purpose="batch")
        if not upload.id:
            return
        batch = client.batches.create(
            input_file_id=upload.id,
            endpoint="/v4/chat/completions",
            completion_window="24h",
            metadata={"description": "capital cities"},
        )
        print("batch:", batch.id, batch.status)
        if not batch.id:
            return
        try:
            # Batches can take hours: poll every 10 s, give up after 10 minutes.
            batch = client.batches.wait(batch.id, timeout=600, poll_interval=10, on_progress=show)
        except WaitTimeoutError as error:
            print(f"{error}; check later with batches.retrieve({batch.id!r})")
            return

        if batch.output_file_id:
            output = client.files.content(batch.output_file_id)
            for line in output.text.splitlines():
                result = json.loads(line)
                reply = result["response"]["body"]["choices"][0]["message"]["content"]
                print(f"{result['custom_id']}: {reply}")


if __name__ == "__main__":
    main()
