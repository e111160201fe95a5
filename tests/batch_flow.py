"""A batch flow on top of `FakeZai` for the runner's tests: uploads kept, batches that run and finish
with output and error files made from the uploaded lines.

Each batch answers `validating` when created, then `in_progress` for `polls_to_finish - 1` polls, then
its final status. What the flow does can be tuned per batch (by creation order): a final status other
than `completed`, requests that fail (by `custom_id`), lines left out, outputs written in reverse.
Creating a flow makes it the one `server` answers with (the previous flow is forgotten).
"""

from __future__ import annotations

import itertools
import json
import threading
import weakref
from collections.abc import Container
from typing import Any, Callable, ClassVar

from zai.testing import FakeZai, RecordedRequest, Reply

__all__ = ["BatchFlow"]


def _upload(request: RecordedRequest) -> tuple[str, bytes]:
    """The filename and content of the `file` part of a multipart upload."""
    boundary = request.headers["content-type"].split("boundary=")[1].encode()
    for part in request.body.split(b"--" + boundary):
        head, _, content = part.partition(b"\r\n\r\n")
        if b'name="file"' in head:
            filename = head.split(b'filename="')[1].split(b'"')[0].decode()
            return filename, content[: -len(b"\r\n")]
    raise AssertionError("no file part in the upload")


class _Slot:
    """The flow a server currently answers with: routes are installed once per server (a server keeps
    its routes), and each test puts its own flow in the slot."""

    _slots: ClassVar[weakref.WeakKeyDictionary[FakeZai, _Slot]] = weakref.WeakKeyDictionary()

    def __init__(self) -> None:
        self.flow: BatchFlow | None = None

    @classmethod
    def of(cls, server: FakeZai) -> _Slot:
        slot = cls._slots.get(server)
        if slot is None:
            slot = cls._slots[server] = cls()
            server.route("POST", "/paas/v4/files", slot._call("_create_file"))
            server.route("POST", "/paas/v4/batches", slot._call("_create_batch"))
            server.route("GET", "/paas/v4/batches", slot._call("_list_batches"))
            server.route("GET", "/paas/v4/batches/", slot._call("_retrieve_batch"), prefix=True)
            server.route("GET", "/paas/v4/files/", slot._call("_content"), prefix=True)
        return slot

    def _call(self, name: str) -> Callable[[RecordedRequest], Reply]:
        def handle(request: RecordedRequest) -> Reply:
            if self.flow is None:
                return Reply(404, {"error": {"code": "1222", "message": "no batch flow in this test"}})
            handler: Callable[[RecordedRequest], Reply] = getattr(self.flow, name)
            return handler(request)

        return handle


class BatchFlow:
    """Installs the files and batches routes on `server` (see the module docstring)."""

    def __init__(
        self,
        server: FakeZai,
        *,
        polls_to_finish: int = 2,
        final: dict[int, str] | None = None,
        failing: Container[str] = (),
        dropped: Container[str] = (),
        reverse: bool = False,
        error_field: bool = True,
    ) -> None:
        self.polls_to_finish = polls_to_finish
        self.final = final or {}
        self.failing = failing
        self.dropped = dropped
        self.reverse = reverse
        self.error_field = error_field
        self.files: dict[str, bytes] = {}
        self.filenames: dict[str, str] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.polls: dict[str, int] = {}
        self.created: list[str] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        _Slot.of(server).flow = self

    def lines(self, file_id: str) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.files[file_id].splitlines()]

    def _create_file(self, request: RecordedRequest) -> Reply:
        filename, content = _upload(request)
        with self._lock:
            file_id = f"file-{next(self._ids)}"
            self.files[file_id] = content
            self.filenames[file_id] = filename
        return Reply(200, {"id": file_id, "object": "file", "bytes": len(content), "purpose": "batch"})

    def _create_batch(self, request: RecordedRequest) -> Reply:
        body = request.json()
        with self._lock:
            batch_id = f"batch-{next(self._ids)}"
            lines = self.lines(body["input_file_id"])
            batch = {
                "id": batch_id,
                "object": "batch",
                "endpoint": body["endpoint"],
                "input_file_id": body["input_file_id"],
                "completion_window": body.get("completion_window"),
                "status": "validating",
                "created_at": len(self.created),
                "metadata": body.get("metadata"),
                "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
            }
            self.batches[batch_id] = batch
            self.polls[batch_id] = 0
            self.created.append(batch_id)
        return Reply(200, batch)

    def _list_batches(self, request: RecordedRequest) -> Reply:
        with self._lock:
            data = [self.batches[batch_id] for batch_id in reversed(self.created)]
        return Reply(200, {"object": "list", "data": [] if "after" in request.query else data, "has_more": False})

    def _retrieve_batch(self, request: RecordedRequest) -> Reply:
        batch_id = request.path.rsplit("/", 1)[1]
        with self._lock:
            batch = self.batches.get(batch_id)
            if batch is None:
                return Reply(404, {"error": {"code": "1222", "message": "no such batch"}})
            if batch["status"] in ("validating", "in_progress"):
                self.polls[batch_id] += 1
                if self.polls[batch_id] >= self.polls_to_finish:
                    self._finish(batch)
                else:
                    batch["status"] = "in_progress"
                    batch["request_counts"]["completed"] = 1
            return Reply(200, dict(batch))

    def _finish(self, batch: dict[str, Any]) -> None:
        status = self.final.get(self.created.index(batch["id"]), "completed")
        batch["status"] = status
        if status == "failed":
            batch["errors"] = {"object": "list", "data": [{"code": "1214", "message": "bad file", "line": 1}]}
            return
        outputs: list[bytes] = []
        errors: list[bytes] = []
        lines = self.lines(batch["input_file_id"])
        if status != "completed":
            lines = lines[: len(lines) // 2]  # an expired or cancelled batch finished only some requests
        for line in lines:
            custom_id = line["custom_id"]
            if custom_id in self.dropped:
                continue
            if custom_id in self.failing:
                error = {"code": "1214", "message": f"bad request {custom_id}"}
                record = {"custom_id": custom_id, "response": {"status_code": 400, "body": {"error": error}}}
                record["error"] = error if self.error_field else None
                errors.append(json.dumps(record).encode())
            else:
                content = json.dumps(line["body"], sort_keys=True)
                body = {"id": f"chat-{custom_id}", "choices": [{"index": 0, "message": {"content": content}}]}
                record = {"custom_id": custom_id, "response": {"status_code": 200, "body": body}, "error": None}
                outputs.append(json.dumps(record).encode())
        if self.reverse:
            outputs.reverse()
        batch["request_counts"] = {"total": len(self.lines(batch["input_file_id"])), "completed": len(outputs)}
        batch["request_counts"]["failed"] = len(errors)
        if outputs:
            batch["output_file_id"] = self._store(outputs)
        if errors:
            batch["error_file_id"] = self._store(errors)

    def _store(self, lines: list[bytes]) -> str:
        file_id = f"file-{next(self._ids)}"
        self.files[file_id] = b"\n".join(lines) + b"\n"
        return file_id

    def _content(self, request: RecordedRequest) -> Reply:
        file_id = request.path.split("/")[-2]
        with self._lock:
            content = self.files.get(file_id)
        if content is None:
            return Reply(404, {"error": {"code": "1222", "message": "no such file"}})
        return Reply(200, body=content, content_type="application/jsonl")
