"""A local batch flow for the batch benchmark, run in its own process so its CPU is not the client's.

It answers the five operations a batch run uses, under ``/api/paas/v4``:

- ``POST /files``: the multipart upload is streamed to disk as it arrives (never held in memory);
- ``POST /batches``: a batch over an uploaded file. A worker thread reads the file's lines and writes
  the output file (a chat completion per request) and the error file (every `FAIL_EVERY`-th request
  fails with a 400);
- ``GET /batches/{id}``: the batch, ``in_progress`` for its first `POLLS_TO_FINISH - 1` polls; the
  `POLLS_TO_FINISH`-th poll waits until its files are written and answers ``completed`` with
  them. So every client polls each batch exactly `POLLS_TO_FINISH` times, whatever its pace (were
  a batch done as soon as its files are written, a client whose rounds of polls are quicker, such
  as an async one polling its batches concurrently, would fit more rounds into the server's work
  and pay for more polls);
- ``GET /files/{id}/content``: a file, streamed from disk with a ``Content-Length``;
- ``GET /stats``: how many times batches were polled and files uploaded (so a benchmark can tell
  polling apart, and see retried uploads).

Run it as a script: it prints its port on the first line of stdout, then serves until its stdin is
closed (the parent exited). Files live in a temporary directory removed on exit.
"""

from __future__ import annotations

import argparse
import itertools
import json
import mmap
import os
import shutil
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FAIL_EVERY", "POLLS_TO_FINISH", "completion_body"]

PREFIX = "/api/paas/v4"
FAIL_EVERY = 1000  # one request in a thousand fails, so error files and their merge are measured too
POLLS_TO_FINISH = 3  # the poll of a batch that says it is done (see the module docstring)
_CHUNK = 1 << 20
_ERROR = {"code": "1214", "message": "invalid request"}


def completion_body(number: int) -> dict[str, Any]:
    """A chat completion of a realistic size (about 600 bytes as a batch output line)."""
    return {
        "id": f"2025092619054{number:010d}",
        "request_id": f"req-{number}",
        "created": 1758884740,
        "model": "glm-4-flash",
        "object": "chat.completion",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {
                    "role": "assistant",
                    "content": "The quick brown fox jumps over the lazy dog while seven owls watch from an old oak.",
                },
            }
        ],
        "usage": {"prompt_tokens": 18, "completion_tokens": 21, "total_tokens": 39},
    }


def _template(record: dict[str, Any]) -> bytes:
    """`record` as a JSON line for `bytes % {b"id": ..., b"n": ...}`: the string "\0C" becomes the
    (JSON) custom_id, "\0N" inside strings the request number."""
    text = json.dumps(record, separators=(",", ":")).replace("%", "%%")
    return (text.replace('"\\u0000C"', "%(id)s").replace("\\u0000N", "%(n)s") + "\n").encode()


_OUTPUT_LINE = _template(
    {
        "id": "batch_req_\0N",
        "custom_id": "\0C",
        "response": {"status_code": 200, "request_id": "req-\0N", "body": completion_body(0)},
        "error": None,
    }
)
_ERROR_LINE = _template(
    {"custom_id": "\0C", "response": {"status_code": 400, "body": {"error": _ERROR}}, "error": _ERROR}
)


class Store:
    """Uploaded and produced files on disk, and the batches."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.files: dict[str, tuple[str, int, int]] = {}  # id -> (path, start, end) of the content
        self.batches: dict[str, dict[str, Any]] = {}
        self.polls = 0
        self.uploads = 0
        self._seen: dict[str, int] = {}  # batch id -> polls
        self._done: dict[str, threading.Event] = {}  # set once the batch's files are written
        self._results: dict[str, dict[str, Any]] = {}  # batch id -> its fields once done
        self.lock = threading.RLock()
        self._ids = itertools.count(1)

    def new_id(self, kind: str) -> str:
        return f"{kind}-{next(self._ids)}"

    def add_file(self, path: str, start: int, end: int) -> str:
        with self.lock:
            file_id = self.new_id("file")
            self.files[file_id] = (path, start, end)
        return file_id

    def create(self, endpoint: str, input_file_id: str) -> dict[str, Any]:
        """A new batch (its files are written by a worker thread), as created."""
        with self.lock:
            batch_id = self.new_id("batch")
            batch = {
                "id": batch_id,
                "object": "batch",
                "endpoint": endpoint,
                "input_file_id": input_file_id,
                "status": "in_progress",
                "request_counts": {"total": 0, "completed": 0, "failed": 0},
            }
            self.batches[batch_id] = batch
            self._seen[batch_id] = 0
            self._done[batch_id] = threading.Event()
            answer = dict(batch)
        threading.Thread(target=self.run, args=(batch_id,), daemon=True).start()
        return answer

    def poll(self, batch_id: str) -> dict[str, Any] | None:
        """The batch as its next poll sees it (see the module docstring), or None."""
        with self.lock:
            self.polls += 1
            batch = self.batches.get(batch_id)
            if batch is None:
                return None
            self._seen[batch_id] += 1
            finishing = self._seen[batch_id] >= POLLS_TO_FINISH
        if finishing:
            self._done[batch_id].wait()
        with self.lock:
            if finishing:
                batch.update(self._results[batch_id])
            answer: dict[str, Any] = json.loads(json.dumps(batch))
        return answer

    def run(self, batch_id: str) -> None:
        """Answer every request of the batch's input file (in a worker thread)."""
        batch = self.batches[batch_id]
        path, start, end = self.files[batch["input_file_id"]]
        output_path = os.path.join(self.directory, f"{batch_id}.output.jsonl")
        error_path = os.path.join(self.directory, f"{batch_id}.error.jsonl")
        completed = failed = 0
        with open(path, "rb") as source, open(output_path, "wb") as output, open(error_path, "wb") as errors:
            source.seek(start)
            remaining = end - start
            for line in source:
                remaining -= len(line)
                if remaining < 0:
                    line = line[: len(line) + remaining]
                if line.strip():
                    custom_id = json.dumps(json.loads(line)["custom_id"], ensure_ascii=False).encode()
                    number = completed + failed
                    if number % FAIL_EVERY == FAIL_EVERY - 1:
                        errors.write(_ERROR_LINE % {b"id": custom_id, b"n": b"%d" % number})
                        failed += 1
                    else:
                        output.write(_OUTPUT_LINE % {b"id": custom_id, b"n": b"%d" % number})
                        completed += 1
                if remaining <= 0:
                    break
        result: dict[str, Any] = {
            "status": "completed",
            "request_counts": {"total": completed + failed, "completed": completed, "failed": failed},
            "output_file_id": self.add_file(output_path, 0, os.path.getsize(output_path)),
        }
        if failed:
            result["error_file_id"] = self.add_file(error_path, 0, os.path.getsize(error_path))
        with self.lock:
            self._results[batch_id] = result
        self._done[batch_id].set()


def _file_part(path: str, boundary: bytes) -> tuple[int, int]:
    """Where the `file` part's content lies in a multipart body saved at `path`."""
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as body:
        header = body.find(b'name="file"')
        start = body.find(b"\r\n\r\n", header) + 4
        end = body.find(b"\r\n--" + boundary, start)
        return start, end


def handler(store: Store) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:
            return

        def _json(self, status: int, value: Any) -> None:
            body = json.dumps(value).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _body_to(self, handle: Any) -> None:
            if self.headers.get("transfer-encoding", "").lower() == "chunked":
                while True:
                    size = int(self.rfile.readline().split(b";")[0], 16)
                    if size == 0:
                        self.rfile.readline()
                        return
                    while size:
                        piece = self.rfile.read(min(size, _CHUNK))
                        handle.write(piece)
                        size -= len(piece)
                    self.rfile.readline()
            remaining = int(self.headers.get("content-length") or 0)
            while remaining:
                piece = self.rfile.read(min(remaining, _CHUNK))
                handle.write(piece)
                remaining -= len(piece)

        def do_POST(self) -> None:
            path = self.path[len(PREFIX) :]
            if path == "/files":
                with store.lock:
                    store.uploads += 1
                saved = os.path.join(store.directory, store.new_id("upload"))
                with open(saved, "wb") as handle:
                    self._body_to(handle)
                boundary = self.headers["content-type"].split("boundary=")[1].strip('"').encode()
                start, end = _file_part(saved, boundary)
                file_id = store.add_file(saved, start, end)
                self._json(200, {"id": file_id, "object": "file", "bytes": end - start, "purpose": "batch"})
            elif path == "/batches":
                length = int(self.headers.get("content-length") or 0)
                request = json.loads(self.rfile.read(length))
                self._json(200, store.create(request["endpoint"], request["input_file_id"]))
            else:
                self._json(404, {"error": {"code": "1222", "message": "no such API"}})

        def do_GET(self) -> None:
            path = self.path[len(PREFIX) :]
            parts = path.strip("/").split("/")
            if parts == ["stats"]:
                self._json(200, {"polls": store.polls, "uploads": store.uploads})
            elif len(parts) == 2 and parts[0] == "batches":
                answer = store.poll(parts[1])
                if answer is None:
                    self._json(404, {"error": {"code": "1222", "message": "no such batch"}})
                else:
                    self._json(200, answer)
            elif len(parts) == 3 and parts[0] == "files" and parts[2] == "content" and parts[1] in store.files:
                file_path, start, end = store.files[parts[1]]
                self.send_response(200)
                self.send_header("Content-Type", "application/jsonl")
                self.send_header("Content-Length", str(end - start))
                self.end_headers()
                with open(file_path, "rb") as handle:
                    handle.seek(start)
                    remaining = end - start
                    while remaining:
                        piece = handle.read(min(remaining, _CHUNK))
                        self.wfile.write(piece)
                        remaining -= len(piece)
            else:
                self._json(404, {"error": {"code": "1222", "message": "no such file"}})

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # The listen backlog: the async kinds connect once per shard at the same time (20 at 1M
    # requests), and socketserver's default of 5 makes the kernel turn some of them away.
    request_queue_size = 128


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    directory = tempfile.mkdtemp(prefix="zai-bench-batch-server-")
    store = Store(directory)
    server = _Server(("127.0.0.1", args.port), handler(store))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    try:
        sys.stdin.read()  # until the parent closes our stdin (or exits)
    finally:
        server.shutdown()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
