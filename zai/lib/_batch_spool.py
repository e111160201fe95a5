"""Reading the requests of a batch run into shard files on disk, checking each one on the way.

Requests come from any iterable (a generator, a list) of request bodies or whole batch lines, or
from a JSONL file. They are read one at a time, checked, and written to the current shard's file; a
new shard starts when the current one would pass the platform's limits (requests per batch, bytes
per file). Memory does not grow with the number of requests: what stays in memory is one shard's
set of the callers' `custom_id`s (to refuse duplicates within a file) and the problems found so far (at most
`BatchValidationError.KEPT` of them).

What puts results back in input order later is each shard's sequence of `custom_id`s. While a
shard holds only ids made up here (``request-<position>``) the sequence is implied by its first
position and count; once a caller's own id comes, the shard gets a file of its ids, one per line
(an id holding a line break or starting with a quote is written as a JSON string).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any, Union, cast

from zai_api.types import BaseModel

from ._batch_errors import BatchLineProblem, BatchValidationError
from ._batch_json import dumps, dumps_string, loads
from ._batch_state import BatchShard
from ._batch_validate import BodyChecker

__all__ = ["BatchRequests", "Spooler", "expected_ids"]

# What a run accepts: a path to a JSONL file, or an iterable of request bodies / batch lines.
BatchRequests = Union[str, "os.PathLike[str]", Iterable[Union[Mapping[str, Any], BaseModel]]]

_LINE_KEYS = frozenset({"custom_id", "method", "url", "body"})
_BUFFER = 1 << 20


def encode_id(custom_id: str) -> str:
    """A `custom_id` as one line of an ids file."""
    if "\n" in custom_id or "\r" in custom_id or custom_id.startswith('"'):
        return json.dumps(custom_id) + "\n"
    return custom_id + "\n"


def expected_ids(shard: BatchShard) -> Iterator[str]:
    """A shard's `custom_id`s in input order."""
    if not shard.ids_path:
        for position in range(shard.first, shard.first + shard.requests):
            yield f"request-{position}"
        return
    with open(shard.ids_path, encoding="utf-8", newline="\n") as handle:
        for line in handle:
            yield json.loads(line) if line.startswith('"') else line[:-1]


def _as_dict(value: object) -> dict[str, Any] | None:
    """A request or body given as a model or a mapping, as a dict; None for anything else."""
    if type(value) is dict:
        return cast("dict[str, Any]", value)
    if isinstance(value, BaseModel):
        return value.to_dict()
    if isinstance(value, Mapping):
        return dict(cast("Mapping[str, Any]", value))
    return None


class _Refused(Exception):
    """A request that cannot go into the batch (internal: becomes a `BatchLineProblem`)."""

    def __init__(self, message: str, custom_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.custom_id = custom_id


class Spooler:
    """Writes requests into shard files under `directory` (see the module docstring).

    `validate=False` skips the check of bodies against the endpoint's operation (the shape of each
    line and the limits are always checked). `digest=True` records a digest of each shard's
    content, which the state file uses to recognise the same requests on a rerun.
    """

    def __init__(
        self,
        directory: str,
        *,
        endpoint: str,
        max_requests: int,
        max_bytes: int,
        validate: bool = True,
        digest: bool = False,
    ) -> None:
        if max_requests < 1:
            raise ValueError("max_requests_per_batch must be at least 1")
        if max_bytes < 1:
            raise ValueError("max_bytes_per_batch must be at least 1")
        self.directory = directory
        self.endpoint = endpoint
        self.max_requests = max_requests
        self.max_bytes = max_bytes
        self.digest = digest
        checker = BodyChecker(endpoint)
        self._check = checker.problem if validate and checker.known else None
        self._middle = ',"method":"POST","url":' + json.dumps(endpoint, ensure_ascii=False) + ',"body":'
        self.shards: list[BatchShard] = []
        self._problems: list[BatchLineProblem] = []
        self._problem_count = 0
        self._file: IO[bytes] | None = None
        self._ids: IO[str] | None = None
        self._hash: Any = None
        self._seen: set[str] = set()
        self._count = 0
        self._size = 0

    # ------------------------------------------------------------------ input

    def spool(self, requests: BatchRequests) -> list[BatchShard]:
        """Read, check and write every request; the shards. Raises `BatchValidationError` on bad requests."""
        try:
            if isinstance(requests, (str, os.PathLike)):
                self._spool_file(os.fspath(requests))
            elif isinstance(requests, (bytes, Mapping, BaseModel)):
                kind = type(cast(object, requests)).__name__
                raise TypeError(f"requests must be a path to a JSONL file or an iterable of requests, not {kind}")
            else:
                self._spool_items(requests)
            self._close_shard()
        except BaseException:
            self._close_files()
            raise
        if self._problem_count:
            raise BatchValidationError(self._problems, self._problem_count)
        return self.shards

    def _spool_items(self, requests: Iterable[Any]) -> None:
        for number, given in enumerate(requests):
            try:
                item: dict[str, Any] | None = given if given.__class__ is dict else _as_dict(given)
                if item is None:
                    raise _Refused(f"a request must be a mapping, not {type(given).__name__}")
                self._write(number, *self._line(number, item, None))
            except _Refused as refused:
                self._refuse(number, refused)

    def _spool_file(self, path: str) -> None:
        number = 0
        with open(path, "rb") as handle:
            for raw in handle:
                raw = raw.strip()
                if not raw:
                    continue
                try:
                    try:
                        parsed: Any = loads(raw)
                    except ValueError as exc:
                        raise _Refused(f"not valid JSON ({exc})") from None
                    if parsed.__class__ is not dict:
                        raise _Refused("a line must be a JSON object")
                    self._write(number, *self._line(number, parsed, raw))
                except _Refused as refused:
                    self._refuse(number, refused)
                number += 1

    # ------------------------------------------------------------------ one request

    def _line(self, number: int, item: dict[str, Any], raw: bytes | None) -> tuple[str, bytes, bool]:
        """The custom_id, the batch line of one request (a body, or a batch line with `body`), and
        whether the id was made up here."""
        is_line = "body" in item
        given = None
        if not is_line:
            body: Any = item
            custom_id = f"request-{number}"
        else:
            body = item["body"]
            given = item.get("custom_id")
            if given is None:
                custom_id = f"request-{number}"
            elif type(given) is str and given:
                custom_id = given
            else:
                raise _Refused(f"custom_id must be a non-empty string, not {given!r}")
            method = item.get("method", "POST")
            if method != "POST":
                raise _Refused(f"method must be POST, not {method!r}", custom_id)
            url = item.get("url", self.endpoint)
            if url != self.endpoint:
                raise _Refused(f"url {url!r} is not the batch's endpoint {self.endpoint!r}", custom_id)
            if type(body) is not dict:
                body = _as_dict(body) or body  # anything else is refused by the check below
        check = self._check
        if check is not None:
            problem = check(body)
            if problem is not None:
                raise _Refused(problem, custom_id)
        try:
            if is_line:
                if raw is not None and item.keys() >= _LINE_KEYS:
                    return custom_id, raw + b"\n", False  # a complete line read from a file goes as it was read
                if not _LINE_KEYS.issuperset(item):
                    # Fields of the line the runner does not know are kept (the platform may use them).
                    line: dict[str, Any] = {**item, "custom_id": custom_id, "method": "POST", "url": self.endpoint}
                    line["body"] = body
                    return custom_id, (dumps(line) + "\n").encode("utf-8"), given is None
            # A generated id needs no escaping.
            quoted = '"' + custom_id + '"' if given is None else dumps_string(custom_id)
            data = ('{"custom_id":' + quoted + self._middle + dumps(body) + "}\n").encode("utf-8")
            return custom_id, data, given is None
        except UnicodeEncodeError as exc:
            raise _Refused(f"the request holds text that is not valid Unicode ({exc.reason})", custom_id) from None
        except (TypeError, ValueError, RecursionError) as exc:
            raise _Refused(f"the request cannot be written as JSON ({exc})", custom_id) from None

    def _write(self, number: int, custom_id: str, data: bytes, generated: bool) -> None:
        size = len(data)
        if size > self.max_bytes:
            raise _Refused(f"the request is {size} bytes, over the limit of {self.max_bytes} bytes per file", custom_id)
        if self._file is None or self._count >= self.max_requests or self._size + size > self.max_bytes:
            self._close_shard()
            self._open_shard(number)
        ids = self._ids
        if ids is None and not generated:
            # Until now the shard held only generated ids (request-<first> ... request-<number - 1>),
            # which need neither a set nor a file; from this caller's id on, it keeps both.
            self._keep_ids(number)
            ids = self._ids
        if ids is not None:
            if custom_id in self._seen:
                raise _Refused("this custom_id is already used in the same batch file", custom_id)
            self._seen.add(custom_id)
        self._count += 1
        self._size += size
        if self._problem_count:
            return  # the run will not be sent: the rest is only checked
        assert self._file is not None
        self._file.write(data)
        if ids is not None:
            ids.write(encode_id(custom_id))
        if self._hash is not None:
            self._hash.update(data)

    def _keep_ids(self, number: int) -> None:
        shard = self.shards[-1]
        shard.ids_path = os.path.join(self.directory, f"batch-{shard.index:05d}.ids")
        self._ids = open(shard.ids_path, "w", encoding="utf-8", newline="\n", buffering=_BUFFER)  # noqa: SIM115
        generated = [f"request-{position}" for position in range(shard.first, number)]
        self._seen = set(generated)
        self._ids.writelines(f"{custom_id}\n" for custom_id in generated)

    def _refuse(self, number: int, refused: _Refused) -> None:
        self._problem_count += 1
        if len(self._problems) < BatchValidationError.KEPT:
            self._problems.append(BatchLineProblem(number + 1, refused.custom_id, refused.message))

    # ------------------------------------------------------------------ shard files

    def _open_shard(self, first: int) -> None:
        index = len(self.shards)
        shard = BatchShard(index, first, 0, 0)
        shard.path = os.path.join(self.directory, f"batch-{index:05d}.jsonl")
        self.shards.append(shard)
        self._file = open(shard.path, "wb", buffering=_BUFFER)  # noqa: SIM115  (closed in _close_shard)
        self._ids = None
        self._hash = hashlib.blake2b(digest_size=16) if self.digest else None
        self._seen = set()
        self._count = 0
        self._size = 0

    def _close_shard(self) -> None:
        if self._file is None:
            return
        shard = self.shards[-1]
        shard.requests = self._count
        shard.bytes = self._size
        if self._hash is not None:
            shard.digest = self._hash.hexdigest()
        self._close_files()

    def _close_files(self) -> None:
        for handle in (self._file, self._ids):
            if handle is not None:
                handle.close()
        self._file = self._ids = None
