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

import os
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any, TypeVar

from ._batch_errors import BatchError
from ._batch_json import loads

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

    # `x.__class__ is dict` rather than `type(x) is dict`: the values are JSON (`Any`), and the type
    # checkers would narrow them to dicts of unknown types.

    @property
    def response(self) -> dict[str, Any] | None:
        """The line's `response` (`status_code`, `request_id`, `body`), if it has one."""
        response: Any = self.line.get("response")
        return response if response.__class__ is dict else None

    @property
    def status_code(self) -> int | None:
        response: Any = self.line.get("response")
        code = response.get("status_code") if response.__class__ is dict else None
        return code if code.__class__ is int else None

    @property
    def body(self) -> Any:
        """The response body (a dict for JSON operations), or None."""
        response: Any = self.line.get("response")
        return response.get("body") if response.__class__ is dict else None

    @property
    def ok(self) -> bool:
        """Whether the request succeeded: a response with a 2xx status (or none, and no error body), no error."""
        line = self.line
        if line.get("error"):
            return False
        response: Any = line.get("response")
        if response.__class__ is not dict:
            return False
        status = response.get("status_code")
        if status.__class__ is int:
            return 200 <= status < 300  # type: ignore[no-any-return]
        body: Any = response.get("body")
        return status is None and not (body.__class__ is dict and "error" in body)

    @property
    def error(self) -> dict[str, Any] | None:
        """Why the request failed (`code`, `message`, ...), or None if it succeeded."""
        if self.ok:
            return None
        error: Any = self.line.get("error")
        if error:
            return error if error.__class__ is dict else {"message": str(error)}
        response = self.response
        if response is None:
            return {"code": "no_response", "message": "the line holds neither a response nor an error"}
        body: Any = response.get("body")
        if body.__class__ is dict and body.get("error").__class__ is dict:
            return body["error"]  # type: ignore[no-any-return]
        status = self.status_code
        return {"code": str(status), "message": f"status {status}", "body": body}

    def parse(self, model: type[M]) -> M:
        """The body as a generated model, e.g. ``result.parse(ChatCompletion)``."""
        body = self.body
        if not isinstance(body, dict):
            raise BatchError(f"request {self.custom_id!r} has no response body to parse: {self.error}")
        return model.from_dict(body)  # pyright: ignore[reportUnknownArgumentType]

    def __repr__(self) -> str:
        if not hasattr(self, "line"):
            return f"BatchResult(custom_id={getattr(self, 'custom_id', None)!r})"
        state = "ok" if self.ok else f"error={self.error!r}"
        return f"BatchResult(custom_id={getattr(self, 'custom_id', None)!r}, {state})"


def parse_line(line: bytes, where: str) -> BatchResult:
    """One line of an output or error file."""
    try:
        record: Any = loads(line)
        custom_id: Any = record["custom_id"]  # a JSON value other than an object raises TypeError
    except (ValueError, TypeError, KeyError):
        record = custom_id = None
    if custom_id.__class__ is not str:
        raise _unreadable(line, where)
    return BatchResult(custom_id, record)


def _unreadable(line: bytes, where: str) -> BatchError:
    return BatchError(f"{where} holds a line that is not a JSON object with a custom_id: {line[:200]!r}")


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
        return [line for line in lines if line and not line.isspace()]

    def end(self) -> list[bytes]:
        rest, self._rest = self._rest, b""
        return [rest] if rest and not rest.isspace() else []


class InputOrder:
    """Puts one shard's lines back in input order (see the module docstring).

    `expected` are the shard's custom_ids in input order. `hold()` takes the lines of the error
    file (read first), `push()` those of the output file and
    returns the results whose turn has come; `end()` returns the rest once both files are read.
    `missing_code` / `missing_message` describe requests that got no line.
    """

    def __init__(
        self, expected: Iterator[str], stash_path: str, where: str, missing_code: str, missing_message: str
    ) -> None:
        self._expected = expected
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
        self._next = next(self._expected, None)

    def hold(self, lines: list[bytes]) -> None:
        """Set lines aside until their turn."""
        for line in lines:
            self._put(parse_line(line, self._where).custom_id, line)

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

    def push(self, lines: list[bytes]) -> list[BatchResult]:
        """Take lines of the output file; the results now ready, in input order."""
        # The loop runs once per request of the run: parse_line and _advance are written out here.
        ready: list[BatchResult] = []
        held = self._held
        expected = self._expected
        for line in lines:
            if held and self._next in held:
                self._drain(ready)
            try:
                record: Any = loads(line)
                custom_id: Any = record["custom_id"]
            except (ValueError, TypeError, KeyError):
                record = custom_id = None
            if custom_id.__class__ is not str:
                raise _unreadable(line, self._where)
            if custom_id == self._next:
                ready.append(BatchResult(custom_id, record))
                self._next = next(expected, None)
            else:
                self._put(custom_id, line)
        if held and self._next in held:
            self._drain(ready)
        return ready

    def _drain(self, ready: list[BatchResult]) -> None:
        held = self._held
        while self._next is not None and self._next in held:
            ready.append(self._take(self._next))
            self._advance()

    def end(self, size: int = 1024) -> Iterator[list[BatchResult]]:
        """Once both files are read: the remaining requests in order, then lines for ids not requested
        (in lists of at most `size`)."""
        ready: list[BatchResult] = []
        while self._next is not None:
            if self._next in self._held:
                ready.append(self._take(self._next))
            else:
                ready.append(missing(self._next, self._code, self._message))
            self._advance()
            if len(ready) >= size:
                yield ready
                ready = []
        for key in list(self._held):
            ready.append(self._take(key))
            if len(ready) >= size:
                yield ready
                ready = []
        if ready:
            yield ready

    def close(self) -> None:
        close = getattr(self._expected, "close", None)
        if close is not None:
            close()  # a generator reading a file closes it
        if self._stash is not None:
            self._stash.close()
            self._stash = None
            os.unlink(self._stash_path)
