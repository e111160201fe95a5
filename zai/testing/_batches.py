"""Batches: validated from the uploaded input file, run line by line, with real output and error files.

A batch is `validating` when created. Its first poll checks every input line (a JSON object with a
unique `custom_id`, `method` POST, the batch's `url` and a `body`): a bad line fails the whole batch,
with one entry per bad line in `errors`. Otherwise it is `in_progress` with its `total`, for as many
polls as the server's `pending_polls`; the next poll runs every line through the server's own
handlers (the chat simulation, or the document's example for other endpoints) and completes the
batch with an output file (answers with a 2xx status) and, when some failed, an error file, both
in input order and keyed by `custom_id`. Lines are read and written one at a time.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Callable, cast

from ._actions import Action, RecordedRequest, Reply, error_reply
from ._files import FileStore, StoredFile
from ._tasks import new_id, path_segment

if TYPE_CHECKING:
    from ._server import FakeZai

__all__ = ["BatchStore"]

WINDOW = 24 * 3600
PENDING = ("validating", "in_progress", "finalizing", "cancelling")
MAX_REPORTED_ERRORS = 100


def _operation_path(endpoint: str) -> str | None:
    """The API path a batch endpoint names (`/v4/chat/completions` and `/v1/...` alike)."""
    for prefix in ("/v4/", "/v1/"):
        if endpoint.startswith(prefix):
            return "/paas/v4/" + endpoint[len(prefix) :]
    return None


class _Batch:
    def __init__(self, state: dict[str, Any], source: StoredFile) -> None:
        self.state = state
        self.source = source
        self.polls = 0
        self.lock = threading.Lock()  # one poll at a time moves a batch on


class BatchStore:
    """The batches of one server."""

    def __init__(
        self,
        files: FileStore,
        answer: Callable[[RecordedRequest], Action | None],
        pending_polls: int,
        direct: dict[str, Callable[[dict[str, Any]], tuple[int, Any]]] | None = None,
    ) -> None:
        self.files = files
        self.answer = answer  # the server's built-in answer to a request (no scripts, no user routes)
        self.pending_polls = pending_polls
        # Paths answered without an HTTP round trip in memory (chat: no JSON encoding and decoding twice).
        self.direct = direct or {}
        self._batches: dict[str, _Batch] = {}
        self._lock = threading.Lock()

    def install(self, server: FakeZai) -> None:
        server.builtin("POST", "/paas/v4/batches", self.create)
        server.builtin("GET", "/paas/v4/batches", self.listing)
        server.builtin("GET", "/paas/v4/batches/{batch_id}", self.retrieve)
        server.builtin("POST", "/paas/v4/batches/{batch_id}/cancel", self.cancel)

    def reset(self) -> None:
        with self._lock:
            self._batches.clear()

    def _get(self, request: RecordedRequest) -> _Batch | Reply:
        batch_id = path_segment(request, 3)
        with self._lock:
            batch = self._batches.get(batch_id)
        return batch if batch is not None else error_reply(404, "1214", f"No batch with id {batch_id!r}")

    # ------------------------------------------------------------------ routes

    def create(self, request: RecordedRequest) -> Reply:
        body = request.json_object() or {}
        endpoint = body.get("endpoint")
        source = self.files.get(str(body.get("input_file_id") or ""))
        if not isinstance(endpoint, str) or _operation_path(endpoint) is None:
            return error_reply(
                400, "1214", f"endpoint {endpoint!r} is not a batch endpoint (e.g. /v4/chat/completions)"
            )
        if source is None:
            return error_reply(400, "1214", f"input_file_id {body.get('input_file_id')!r} is not an uploaded file")
        now = int(time.time())
        state: dict[str, Any] = {
            "id": new_id("batch_"),
            "object": "batch",
            "endpoint": endpoint,
            "input_file_id": source.id,
            "completion_window": body.get("completion_window") or "24h",
            "status": "validating",
            "output_file_id": None,
            "error_file_id": None,
            "errors": None,
            "created_at": now,
            "expires_at": now + WINDOW,
            "request_counts": {"total": 0, "completed": 0, "failed": 0},
            "metadata": body.get("metadata"),
        }
        with self._lock:
            self._batches[state["id"]] = _Batch(state, source)
        return Reply(200, state)

    def listing(self, request: RecordedRequest) -> Reply:
        after = request.query.get("after", [""])[0]
        try:
            limit = int(request.query.get("limit", ["20"])[0])
        except ValueError:
            return error_reply(400, "1214", "limit must be an integer")
        with self._lock:
            states = [batch.state for batch in reversed(self._batches.values())]
        if after:
            ids = [state["id"] for state in states]
            states = states[ids.index(after) + 1 :] if after in ids else []
        page = states[: max(1, limit)]
        body = {
            "object": "list",
            "data": page,
            "first_id": page[0]["id"] if page else None,
            "last_id": page[-1]["id"] if page else None,
            "has_more": len(states) > len(page),
        }
        return Reply(200, body)

    def retrieve(self, request: RecordedRequest) -> Reply:
        batch = self._get(request)
        if isinstance(batch, Reply):
            return batch
        with batch.lock:
            batch.polls += 1
            state = batch.state
            if state["status"] == "validating":
                self._validate(batch)
            elif state["status"] == "in_progress" and batch.polls > self.pending_polls:
                self._run(batch)
            elif state["status"] == "cancelling":
                state.update(status="cancelled", cancelled_at=int(time.time()))
            return Reply(200, state)

    def cancel(self, request: RecordedRequest) -> Reply:
        batch = self._get(request)
        if isinstance(batch, Reply):
            return batch
        with batch.lock:
            if batch.state["status"] not in ("validating", "in_progress"):
                return error_reply(400, "1214", f"batch {batch.state['id']} is {batch.state['status']}")
            batch.state.update(status="cancelling", cancelling_at=int(time.time()))
            return Reply(200, batch.state)

    # ------------------------------------------------------------------ work

    def _lines(self, batch: _Batch) -> Iterator[tuple[int, bytes]]:
        """The input's non-blank lines, numbered from 1."""
        for number, line in enumerate(batch.source.lines(), start=1):
            if line.strip():
                yield number, line

    def _check(self, line: bytes, endpoint: str, seen: set[str]) -> tuple[str, str] | None:
        """(code, message) when an input line is unusable."""
        try:
            record: Any = json.loads(line)
        except ValueError:
            return "invalid_json_line", "the line is not JSON"
        if not isinstance(record, dict):
            return "invalid_json_line", "the line is not a JSON object"
        request = cast("dict[str, Any]", record)
        custom_id = request.get("custom_id")
        if not isinstance(custom_id, str) or not custom_id:
            return "missing_custom_id", "custom_id is required (a non-empty string)"
        if custom_id in seen:
            return "duplicate_custom_id", f"custom_id {custom_id!r} is used twice"
        seen.add(custom_id)
        if request.get("method") != "POST":
            return "invalid_method", "method must be POST"
        if request.get("url") != endpoint:
            return "mismatched_url", f"url {request.get('url')!r} is not the batch's endpoint {endpoint!r}"
        if not isinstance(request.get("body"), dict):
            return "missing_body", "body is required (a JSON object)"
        return None

    def _validate(self, batch: _Batch) -> None:
        state = batch.state
        seen: set[str] = set()
        errors: list[dict[str, Any]] = []
        total = 0
        for number, line in self._lines(batch):
            total += 1
            problem = self._check(line, state["endpoint"], seen)
            if problem is not None and len(errors) < MAX_REPORTED_ERRORS:
                errors.append({"code": problem[0], "message": problem[1], "line": number, "param": None})
        now = int(time.time())
        state["request_counts"] = {"total": total, "completed": 0, "failed": 0}
        if errors:
            state.update(status="failed", failed_at=now, errors={"object": "list", "data": errors})
        elif total == 0:
            message = {"code": "empty_file", "message": "the input file has no requests", "line": None, "param": None}
            state.update(status="failed", failed_at=now, errors={"object": "list", "data": [message]})
        else:
            state.update(status="in_progress", in_progress_at=now)
            if self.pending_polls == 0:
                self._run(batch)

    def _run(self, batch: _Batch) -> None:
        """Answer every line, writing the output and error files as it goes."""
        state = batch.state
        path = _operation_path(state["endpoint"]) or ""
        output_path, error_path = self.files.new_path(), self.files.new_path()
        completed = failed = 0
        with open(output_path, "wb") as output, open(error_path, "wb") as errors:
            for _, line in self._lines(batch):
                request = json.loads(line)
                status, body = self._answer(path, request["body"])
                record = {
                    "id": new_id("batch_req_"),
                    "custom_id": request["custom_id"],
                    "response": {"status_code": status, "request_id": _request_id(body), "body": body},
                    "error": None,
                }
                encoded = (json.dumps(record, ensure_ascii=False) + "\n").encode()
                if status < 400:
                    completed += 1
                    output.write(encoded)
                else:
                    failed += 1
                    errors.write(encoded)
        name = state["id"]
        state["output_file_id"] = self.files.add(f"{name}_output.jsonl", "batch", output_path).id
        if failed:
            state["error_file_id"] = self.files.add(f"{name}_error.jsonl", "batch", error_path).id
        else:
            self.files.discard(error_path)
        now = int(time.time())
        state["request_counts"] = {"total": completed + failed, "completed": completed, "failed": failed}
        state.update(status="completed", finalizing_at=now, completed_at=now)

    def _answer(self, path: str, body: dict[str, Any]) -> tuple[int, Any]:
        """The status and JSON body the server gives `POST path` with `body`."""
        if body.get("stream"):
            return 400, {"error": {"code": "1214", "message": "stream is not supported in a batch"}}
        direct = self.direct.get(path)
        if direct is not None:
            return direct(body)
        request = RecordedRequest("POST", path, {}, {"content-type": "application/json"}, json.dumps(body).encode())
        action = self.answer(request)
        if not isinstance(action, Reply) or not isinstance(action.body, bytes):
            return 500, {"error": {"code": "500", "message": f"the fake server cannot answer {path} in a batch"}}
        try:
            return action.status, action.json()
        except ValueError:
            return action.status, action.body.decode("utf-8", "replace")


def _request_id(body: Any) -> str:
    if isinstance(body, dict):
        found = cast("dict[str, Any]", body).get("request_id")
        if isinstance(found, str):
            return found
    return new_id("req-")
