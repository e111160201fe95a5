"""Reading the results of a batch run: output and error files, parsed line by line as they download.

Two orders are offered. ``"arrival"`` yields each line as it is read: a shard's output file, then
its error file, shard after shard. ``"input"`` yields one result per request in the order of the
input, merging each shard's output and error files against the shard's ids file: a line that comes
when expected is yielded at once; one that comes early is set aside in a file on disk (only its
offset stays in memory) until its turn. Error files are read first and set aside, so when the
platform writes outputs in input order (the usual case) nothing else is set aside. A request with no
line in either file still gets a result, carrying an error; lines for ids that were not requested
are yielded at the end of their shard. Memory stays bounded by one shard (50,000 requests at most
with the platform's limits), whatever the size of the run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any, TypeVar, cast

from ._batch_errors import BatchError
from ._batch_spool import decode_id

if TYPE_CHECKING:
    from zai_api.types import BaseModel

__all__ = ["BatchResult", "InputOrder", "LineSplitter", "parse_line"]

M = TypeVar("M", bound="BaseModel")


class BatchResult:
    """The result of one request of a batch: its `custom_id` and its line of the output or error file.

    `ok` is true for a response with a 2xx status and no error. `error` is the line's `error`, or
    the error body of a failed response, or the runner's own error for a request that got no line
    (``{"code": "missing", ...}``, or ``"batch_failed"`` / ``"batch_expired"`` / ``"batch_cancelled"``
    / ``"batch_not_started"`` when its batch did not complete). `body` is the response body: for
    chat, a chat completion as a dict (``result.parse(ChatCompletion)`` for the typed model).
    """

    __slots__ = ("custom_id", "line")

    def __init__(self, custom_id: str, line: dict[str, Any]) -> None:
        self.custom_id = custom_id
        self.line = line

    @property
    def response(self) -> dict[str, Any] | None:
        """The line's `response` (`status_code`, `request_id`, `body`), if it has one."""
        response = self.line.get("response")
        return response if isinstance(response, dict) else None  # pyright: ignore[reportUnknownVariableType]

    @property
    def status_code(self) -> int | None:
        response = self.response
        code = response.get("status_code") if response is not None else None
        return code if isinstance(code, int) else None

    @property
    def body(self) -> Any:
        """The response body (a dict for JSON operations), or None."""
        response = self.response
        return response.get("body") if response is not None else None

    @property
    def error(self) -> dict[str, Any] | None:
        """Why the request failed (`code`, `message`, ...), or None if it succeeded."""
        error = self.line.get("error")
        if error:
            return error if isinstance(error, dict) else {"message": str(error)}  # pyright: ignore[reportUnknownVariableType]
        status = self.status_code
        if status is not None and 200 <= status < 300:
            return None
        body = self.body
        if isinstance(body, dict) and isinstance(body.get("error"), dict):  # pyright: ignore[reportUnknownMemberType]
            return body["error"]  # type: ignore[no-any-return]  # pyright: ignore[reportUnknownVariableType]
        if status is None:
            return {"code": "no_response", "message": "the line holds neither a response nor an error"}
        return {"code": str(status), "message": f"status {status}", "body": body}

    @property
    def ok(self) -> bool:
        return self.error is None

    def parse(self, model: type[M]) -> M:
        """The body as a generated model, e.g. ``result.parse(ChatCompletion)``."""
        body = self.body
        if not isinstance(body, dict):
            raise BatchError(f"request {self.custom_id!r} has no response body to parse: {self.error}")
        return model.from_dict(body)  # pyright: ignore[reportUnknownArgumentType]

    def __repr__(self) -> str:
        state = "ok" if self.ok else f"error={self.error!r}"
        return f"BatchResult(custom_id={self.custom_id!r}, {state})"


def parse_line(line: bytes, where: str) -> BatchResult:
    """One line of an output or error file."""
    try:
        parsed: Any = json.loads(line)
    except ValueError:
        parsed = None
    if type(parsed) is not dict:
        raise BatchError(f"{where} holds a line that is not a JSON object: {line[:200]!r}")
    record = cast("dict[str, Any]", parsed)
    custom_id = record.get("custom_id")
    if type(custom_id) is not str:
        raise BatchError(f"{where} holds a line without a custom_id: {line[:200]!r}")
    return BatchResult(custom_id, record)


def missing(custom_id: str, code: str, message: str) -> BatchResult:
    """The result of a request that got no line: the runner's own error."""
    error = {"code": code, "message": message}
    return BatchResult(custom_id, {"custom_id": custom_id, "response": None, "error": error})


class LineSplitter:
    """Cuts a body that arrives in chunks into lines (without their line breaks; empty lines dropped)."""

    __slots__ = ("_rest",)

    def __init__(self) -> None:
        self._rest = b""

    def feed(self, chunk: bytes) -> list[bytes]:
        if self._rest:
            chunk = self._rest + chunk
        lines = chunk.split(b"\n")
        self._rest = lines.pop()
        return [line for line in lines if line.strip()]

    def end(self) -> list[bytes]:
        rest, self._rest = self._rest, b""
        return [rest] if rest.strip() else []


class InputOrder:
    """Puts one shard's lines back in input order (see the module docstring).

    `hold()` takes the lines of the error file (read first), `push()` those of the output file and
    returns the results whose turn has come; `end()` returns the rest once both files are read.
    `missing_code` / `missing_message` describe requests that got no line.
    """

    def __init__(self, ids_path: str, stash_path: str, where: str, missing_code: str, missing_message: str) -> None:
        self._ids: IO[str] = open(ids_path, encoding="utf-8", newline="\n")  # noqa: SIM115  (closed in close())
        self._stash_path = stash_path
        self._stash: IO[bytes] | None = None
        self._end = 0
        self._held: dict[str, tuple[int, int]] = {}
        self._where = where
        self._code = missing_code
        self._message = missing_message
        self._next: str | None = None
        self._advance()

    def _advance(self) -> None:
        line = self._ids.readline()
        self._next = decode_id(line) if line else None

    def hold(self, line: bytes) -> None:
        """Set a line aside until its turn."""
        custom_id = parse_line(line, self._where).custom_id
        self._put(custom_id, line)

    def _put(self, custom_id: str, line: bytes) -> None:
        if self._stash is None:
            self._stash = open(self._stash_path, "w+b")  # noqa: SIM115  (closed in close())
        if custom_id in self._held:  # a second line for the same id: keep both, the later under a new key
            custom_id = f"{custom_id}\x00{self._end}"
        self._stash.seek(self._end)
        self._stash.write(line)
        self._held[custom_id] = (self._end, len(line))
        self._end += len(line)

    def _take(self, key: str) -> BatchResult:
        offset, size = self._held.pop(key)
        assert self._stash is not None
        self._stash.flush()
        self._stash.seek(offset)
        return parse_line(self._stash.read(size), self._where)

    def push(self, line: bytes) -> list[BatchResult]:
        """Take a line of the output file; the results now ready, in input order."""
        result = parse_line(line, self._where)
        ready: list[BatchResult] = []
        if self._held:
            self._drain(ready)
        if result.custom_id == self._next:
            ready.append(result)
            self._advance()
            if self._held:
                self._drain(ready)
        else:
            self._put(result.custom_id, line)
        return ready

    def _drain(self, ready: list[BatchResult]) -> None:
        held = self._held
        while self._next is not None and self._next in held:
            ready.append(self._take(self._next))
            self._advance()

    def end(self) -> Iterator[BatchResult]:
        """Once both files are read: the remaining requests in order, then lines for ids not requested."""
        while self._next is not None:
            if self._next in self._held:
                yield self._take(self._next)
            else:
                yield missing(self._next, self._code, self._message)
            self._advance()
        for key in list(self._held):
            yield self._take(key)

    def close(self) -> None:
        self._ids.close()
        if self._stash is not None:
            self._stash.close()
            self._stash = None
            os.unlink(self._stash_path)
