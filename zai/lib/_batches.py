"""From a list of requests to their results, through the Batch API.

`run_batch` writes the JSONL file, uploads it, creates the batch, waits for it (calling
`on_progress` with each state), downloads the output and error files and returns the parsed
results keyed by `custom_id`. `arun_batch` is its asynchronous twin.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Callable

from zai_api.types import NOT_GIVEN

from .._json import loads

if TYPE_CHECKING:
    from zai import AsyncZaiClient, ZaiClient
    from zai_api.models import Batch

__all__ = ["BatchRun", "arun_batch", "run_batch"]

FINISHED = ("completed", "failed", "expired", "cancelled")


class BatchRun:
    """The finished batch, and the results and errors of its requests keyed by `custom_id`."""

    def __init__(self, batch: Batch, results: dict[str, Any], errors: dict[str, Any]) -> None:
        self.batch = batch
        self.results = results
        self.errors = errors

    def __repr__(self) -> str:
        batch = getattr(self, "batch", None)
        counts = f"results={len(getattr(self, 'results', ()))}, errors={len(getattr(self, 'errors', ()))}"
        return f"BatchRun(id={getattr(batch, 'id', None)!r}, status={getattr(batch, 'status', None)!r}, {counts})"


def _jsonl(requests: Sequence[Mapping[str, Any]], endpoint: str) -> bytes:
    lines: list[str] = []
    for number, request in enumerate(requests):
        if "body" in request:  # already a batch line
            line = {"custom_id": f"request-{number}", "method": "POST", "url": endpoint, **request}
        else:
            line = {"custom_id": f"request-{number}", "method": "POST", "url": endpoint, "body": dict(request)}
        lines.append(json.dumps(line, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode()


def _parse_lines(content: bytes) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    for line in content.decode("utf-8").splitlines():
        if line.strip():
            record = loads(line)
            parsed[str(record.get("custom_id"))] = record.get("response", record)
    return parsed


def run_batch(
    client: ZaiClient,
    requests: Sequence[Mapping[str, Any]],
    *,
    endpoint: str = "/v4/chat/completions",
    completion_window: str = "24h",
    metadata: Mapping[str, str] | None = None,
    timeout: float = 24 * 3600.0,
    poll_interval: float = 10.0,
    on_progress: Callable[[Batch], object] | None = None,
) -> BatchRun:
    """Run `requests` (request bodies, or batch lines with `custom_id` and `body`) as one batch.

    run = run_batch(client, [{"model": "glm-4-flash", "messages": [...]}, ...], on_progress=print)
    for custom_id, response in run.results.items():
        print(custom_id, response["body"]["choices"][0]["message"]["content"])
    """
    upload = client.files.create(file=("batch.jsonl", _jsonl(requests, endpoint), "application/jsonl"), purpose="batch")
    batch = client.batches.create(
        endpoint=endpoint,
        input_file_id=str(upload.id),
        completion_window=completion_window,
        metadata=dict(metadata) if metadata else NOT_GIVEN,
    )
    batch = client.batches.wait(str(batch.id), timeout=timeout, poll_interval=poll_interval, on_progress=on_progress)
    results = _parse_lines(client.files.content(str(batch.output_file_id)).content) if batch.output_file_id else {}
    errors = _parse_lines(client.files.content(str(batch.error_file_id)).content) if batch.error_file_id else {}
    return BatchRun(batch, results, errors)


async def arun_batch(
    client: AsyncZaiClient,
    requests: Sequence[Mapping[str, Any]],
    *,
    endpoint: str = "/v4/chat/completions",
    completion_window: str = "24h",
    metadata: Mapping[str, str] | None = None,
    timeout: float = 24 * 3600.0,
    poll_interval: float = 10.0,
    on_progress: Callable[[Batch], object] | None = None,
) -> BatchRun:
    """The asynchronous twin of `run_batch`."""
    upload = await client.files.create(
        file=("batch.jsonl", _jsonl(requests, endpoint), "application/jsonl"), purpose="batch"
    )
    batch = await client.batches.create(
        endpoint=endpoint,
        input_file_id=str(upload.id),
        completion_window=completion_window,
        metadata=dict(metadata) if metadata else NOT_GIVEN,
    )
    batch = await client.batches.wait(
        str(batch.id), timeout=timeout, poll_interval=poll_interval, on_progress=on_progress
    )
    results: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    if batch.output_file_id:
        results = _parse_lines(await (await client.files.content(str(batch.output_file_id))).read())
    if batch.error_file_id:
        errors = _parse_lines(await (await client.files.content(str(batch.error_file_id))).read())
    return BatchRun(batch, results, errors)
