"""Files: uploads kept on disk, listed, downloaded as they were sent, deleted.

An upload's `file` part is copied from the request body to the server's own directory as it is
read (a multipart parser that works line by line), so its size does not matter; a download streams
the stored file back. Batch output and error files are stored the same way (see `_batches`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any, Callable

from ._actions import RecordedRequest, Reply, error_reply
from ._tasks import path_segment

if TYPE_CHECKING:
    from ._server import FakeZai

__all__ = ["FileStore", "StoredFile", "read_form"]

CHUNK = 64 * 1024
_FIELD_LIMIT = 1024 * 1024  # form fields that are not files are small


class StoredFile:
    """A file the server holds: its metadata and where its bytes are."""

    def __init__(self, file_id: str, filename: str, purpose: str, path: str) -> None:
        self.id = file_id
        self.filename = filename
        self.purpose = purpose
        self.path = path
        self.bytes = os.path.getsize(path)
        self.created_at = int(time.time())

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "file",
            "bytes": self.bytes,
            "created_at": self.created_at,
            "filename": self.filename,
            "purpose": self.purpose,
        }

    def lines(self) -> Iterator[bytes]:
        """The file's lines (with their line ends), read as they are needed."""
        with open(self.path, "rb") as handle:
            yield from handle


def _boundary(content_type: str) -> bytes | None:
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.strip().partition("=")
        if name.lower() == "boundary" and value:
            return value.strip('"').encode()
    return None


def _disposition(headers: list[bytes]) -> dict[str, str]:
    """The parameters of a part's Content-Disposition header (`name`, `filename`)."""
    for header in headers:
        name, _, value = header.decode("utf-8", "replace").partition(":")
        if name.strip().lower() == "content-disposition":
            found: dict[str, str] = {}
            for parameter in value.split(";")[1:]:
                key, _, text = parameter.strip().partition("=")
                found[key.lower()] = text.strip().strip('"')
            return found
    return {}


def read_form(
    body: IO[bytes], content_type: str, open_file: Callable[[str], IO[bytes]]
) -> tuple[dict[str, str], dict[str, str]]:
    """Read a multipart/form-data body line by line.

    Returns (fields, files): the text fields by name, and for each file part its filename by field
    name; a file part's content is written to `open_file(field name)` as it is read.
    Raises `ValueError` for a body that is not multipart.
    """
    boundary = _boundary(content_type)
    if not content_type.lower().startswith("multipart/form-data") or boundary is None:
        raise ValueError("the body is not multipart/form-data")
    delimiter = b"--" + boundary
    fields: dict[str, str] = {}
    files: dict[str, str] = {}
    lines = iter(lambda: body.readline(CHUNK), b"")
    for line in lines:  # the preamble, up to the first delimiter
        if line.rstrip(b"\r\n") == delimiter:
            break
    else:
        raise ValueError("no multipart delimiter in the body")
    while True:
        headers: list[bytes] = []
        for line in lines:
            if line in (b"\r\n", b"\n"):
                break
            headers.append(line)
        disposition = _disposition(headers)
        name = disposition.get("name", "")
        target: IO[bytes] | None = None
        value = bytearray()
        if "filename" in disposition:
            target = open_file(name)
            files[name] = disposition["filename"]
        held = b""  # the previous line: its line end belongs to the delimiter if a delimiter follows
        last = b""
        for line in lines:
            if held.endswith(b"\n") and line.rstrip(b"\r\n") in (delimiter, delimiter + b"--"):
                held = held[:-2] if held.endswith(b"\r\n") else held[:-1]
                last = line.rstrip(b"\r\n")
            if target is not None:
                target.write(held)
            elif len(value) < _FIELD_LIMIT:
                value += held
            held = line
            if last:
                break
        if target is not None:
            target.close()
        else:
            fields[name] = bytes(value).decode("utf-8", "replace")
        if not last or last == delimiter + b"--":
            return fields, files


class FileStore:
    """The files of one server, kept in a temporary directory until `reset()` or `close()`."""

    def __init__(self) -> None:
        self._files: dict[str, StoredFile] = {}
        self._lock = threading.Lock()
        self._directory: str | None = None

    def install(self, server: FakeZai) -> None:
        server.builtin("POST", "/paas/v4/files", self.upload)
        server.builtin("GET", "/paas/v4/files", self.listing)
        server.builtin("DELETE", "/paas/v4/files/{file_id}", self.delete)
        server.builtin("GET", "/paas/v4/files/{file_id}/content", self.content)

    # ------------------------------------------------------------------ storage

    def new_path(self) -> str:
        """A fresh path in the store's directory (created on first use)."""
        with self._lock:
            if self._directory is None:
                self._directory = tempfile.mkdtemp(prefix="fakezai-")
            return os.path.join(self._directory, uuid.uuid4().hex)

    def add(self, filename: str, purpose: str, path: str) -> StoredFile:
        """Keep the file written at `path` (from `new_path()`) under a new id."""
        stored = StoredFile(f"{int(time.time())}-{uuid.uuid4().hex}", filename, purpose, path)
        with self._lock:
            self._files[stored.id] = stored
        return stored

    @staticmethod
    def discard(path: str) -> None:
        """Remove a file from `new_path()` that is not kept after all."""
        with contextlib.suppress(OSError):
            os.remove(path)

    def get(self, file_id: str) -> StoredFile | None:
        with self._lock:
            return self._files.get(file_id)

    def reset(self) -> None:
        """Forget every file and remove them from disk."""
        with self._lock:
            self._files.clear()
            directory, self._directory = self._directory, None
        if directory is not None:
            shutil.rmtree(directory, ignore_errors=True)

    close = reset

    # ------------------------------------------------------------------ routes

    def upload(self, request: RecordedRequest) -> Reply:
        paths: dict[str, str] = {}

        def open_file(name: str) -> IO[bytes]:
            paths[name] = self.new_path()
            return open(paths[name], "wb")

        try:
            fields, files = read_form(request.open_body(), request.headers.get("content-type", ""), open_file)
        except ValueError as error:
            return error_reply(400, "1214", str(error))
        for name, path in paths.items():
            if name != "file":
                self.discard(path)
        if "file" not in files and "upload_detail" in fields:  # legacy knowledge uploads: documents by URL
            paths["file"] = self.new_path()
            files["file"] = "upload_detail.json"
            with open(paths["file"], "w", encoding="utf-8") as handle:
                handle.write(fields["upload_detail"])
        if "file" not in files:
            return error_reply(400, "1214", "the file field is required")
        if not fields.get("purpose"):
            self.discard(paths["file"])
            return error_reply(400, "1214", "the purpose field is required")
        return Reply(200, self.add(files["file"] or "upload", fields["purpose"], paths["file"]).to_json())

    def listing(self, request: RecordedRequest) -> Reply:
        purpose = request.query.get("purpose", [""])[0]
        after = request.query.get("after", [""])[0]
        try:
            limit = int(request.query.get("limit", ["20"])[0])
        except ValueError:
            return error_reply(400, "1214", "limit must be an integer")
        with self._lock:
            files = [f for f in reversed(self._files.values()) if not purpose or f.purpose == purpose]
        if after:
            ids = [f.id for f in files]
            files = files[ids.index(after) + 1 :] if after in ids else []
        page = files[: max(1, limit)]
        body = {"object": "list", "data": [f.to_json() for f in page], "has_more": len(files) > len(page)}
        return Reply(200, body)

    def delete(self, request: RecordedRequest) -> Reply:
        file_id = path_segment(request, 3)
        with self._lock:
            stored = self._files.pop(file_id, None)
        if stored is None:
            return error_reply(404, "1214", f"No file with id {file_id!r}")
        os.remove(stored.path)
        return Reply(200, {"id": file_id, "object": "file", "deleted": True})

    def content(self, request: RecordedRequest) -> Reply:
        stored = self.get(path_segment(request, 3))
        if stored is None:
            return error_reply(404, "1214", f"No file with id {path_segment(request, 3)!r}")
        path = stored.path

        def chunks() -> Iterator[bytes]:
            with open(path, "rb") as handle:
                yield from iter(lambda: handle.read(CHUNK), b"")

        return Reply(
            200, body=chunks(), headers={"Content-Length": str(stored.bytes)}, content_type="application/octet-stream"
        )
