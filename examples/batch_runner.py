"""Any number of requests through the Batch API with zai.lib.run_batch: requests from a generator, checked
before upload, split into batches, resumable from a state file, results streamed back in input order."""

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zai import ZaiClient
from zai.lib import BatchProgress, BatchRun, BatchShardError, run_batch

REVIEWS = [
    "The lamp arrived early and works perfectly.",
    "It came late and the box was crushed.",
    "Does the job. Nothing special.",
    "Stopped working after two days.",
    "Beautiful light, would buy again.",
]


def requests() -> Iterator[dict[str, Any]]:
    """One request per review, read lazily: a million reviews would never be in memory at once."""
    for number, review in enumerate(REVIEWS):
        yield {
            "custom_id": f"review-{number}",
            "body": {
                "model": "glm-4-flash",
                "messages": [
                    {"role": "system", "content": "Answer with one word: positive, neutral or negative."},
                    {"role": "user", "content": review},
                ],
            },
        }


def show(progress: BatchProgress) -> None:
    if progress.event in ("created", "finished") and progress.shard is not None:
        shard = progress.shard
        print(f"  batch {shard.index + 1}/{len(progress.shards)} {progress.event}: {shard.batch_id} ({shard.status})")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, ZaiClient() as client:
        state = Path(folder) / "reviews.state.json"  # run again with the same file to resume after Ctrl-C
        try:
            run = run_batch(
                client,
                requests(),
                state_file=state,
                max_requests_per_batch=2,  # the platform takes 50,000; 2 shows the splitting
                poll_interval=10,
                on_progress=show,
            )
        except BatchShardError as error:  # a batch failed or expired: what finished is still readable
            print(error)
            if not isinstance(error.run, BatchRun):  # (arun_batch's error carries an AsyncBatchRun)
                raise
            run = error.run
        with run:
            for result in run:  # in input order
                if result.ok:
                    print(f"{result.custom_id}: {result.body['choices'][0]['message']['content']}")
                else:
                    print(f"{result.custom_id} failed: {result.error}")
            print(f"{run.completed} answered, {run.failed} failed, in {len(run.shards)} batches")


if __name__ == "__main__":
    main()
