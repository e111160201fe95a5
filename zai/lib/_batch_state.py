"""The shards of a batch run, what is reported about them, and the state file that lets a run resume.

A shard is one batch job: a slice of the requests, the file it was uploaded as, and the batch
created from that file. The state file records, for every shard, what identifies its requests
(count, size, digest) and the ids the platform gave (file, batch, output and error files). It is
rewritten (atomically) each time one of those changes, so a run that stops (a crash, Ctrl-C, a
timeout) can be started again with the same requests and the same state file: it adopts the files
and batches already made and waits for them instead of uploading and paying a second time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._batch_errors import BatchStateError

if TYPE_CHECKING:
    from zai_api.models import Batch

__all__ = ["FINISHED", "BatchProgress", "BatchShard", "ShardTotals", "StateFile"]

FINISHED = frozenset({"completed", "failed", "expired", "cancelled"})
UNSUCCESSFUL = frozenset({"failed", "expired", "cancelled"})
_FORMAT = "zai-batch-run"
_VERSION = 1
# What is saved of a shard; the rest (its batch object, its spooled files) lives in this process only.
_IDENTITY = ("index", "first", "requests", "bytes", "digest")
_SAVED = (*_IDENTITY, "file_id", "batch_id", "status", "completed", "failed", "output_file_id", "error_file_id")


class BatchShard:
    """One batch job of a run: a slice of the requests, its uploaded file and its batch.

    `first` is the position in the input of its first request (0-based) and `requests` how many it
    holds; `bytes` is the size of its file. `file_id` and `batch_id` are set once it is uploaded and
    created; `status`, `completed` and `failed` follow the last state polled (`batch`), and
    `output_file_id` / `error_file_id` are set when the batch has them. Read these; the runner
    updates them.
    """

    def __init__(self, index: int, first: int, requests: int, size: int, digest: str | None = None) -> None:
        self.index = index
        self.first = first
        self.requests = requests
        self.bytes = size
        self.digest = digest
        self.file_id: str | None = None
        self.batch_id: str | None = None
        self.status: str | None = None
        self.completed = 0
        self.failed = 0
        self.output_file_id: str | None = None
        self.error_file_id: str | None = None
        self.batch: Batch | None = None
        self.path = ""  # the spooled requests, until uploaded
        self.ids_path = ""  # the custom_ids in input order, one per line, unless all are request-<position>

    @property
    def finished(self) -> bool:
        """Whether its batch reached `completed`, `failed`, `expired` or `cancelled`."""
        return self.status in FINISHED

    def update(self, batch: Batch) -> bool:
        """Take in a polled state of the batch; whether the status changed."""
        self.batch = batch
        status: str | None = str(batch.status) if batch.status is not None else None  # pyright: ignore[reportUnnecessaryComparison]  (a server may leave it out)
        changed = status != self.status
        self.status = status
        counts = batch.request_counts
        if counts is not None:
            self.completed = counts.completed or 0
            self.failed = counts.failed or 0
        # Some answers carry "" for a file that does not exist (yet).
        self.output_file_id = batch.output_file_id or self.output_file_id
        self.error_file_id = batch.error_file_id or self.error_file_id
        return changed

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _SAVED}

    def __repr__(self) -> str:
        names = ("index", "requests", "batch_id", "status", "completed", "failed")
        fields = ", ".join(f"{name}={getattr(self, name, None)!r}" for name in names)
        return f"BatchShard({fields})"


class ShardTotals:
    """Request counts summed over `shards`, as the platform counted them when last polled."""

    __slots__ = ()
    shards: Sequence[BatchShard]

    @property
    def total(self) -> int:
        """Requests in the whole run."""
        return sum(shard.requests for shard in self.shards)

    @property
    def completed(self) -> int:
        """Requests done successfully, over every shard."""
        return sum(shard.completed for shard in self.shards)

    @property
    def failed(self) -> int:
        """Requests that failed, over every shard."""
        return sum(shard.failed for shard in self.shards)


class BatchProgress(ShardTotals):
    """What `on_progress` receives: every shard of the run, the one this report is about, and totals.

    `event` is what just happened: ``"spooled"`` (the requests were read and checked; `shard` is
    None), ``"resumed"`` (a state file was adopted), ``"uploaded"``, ``"created"``, ``"polled"``
    or ``"finished"`` (a shard's batch reached a final status).
    """

    __slots__ = ("event", "shard", "shards")

    def __init__(self, event: str, shard: BatchShard | None, shards: Sequence[BatchShard]) -> None:
        self.event = event
        self.shard = shard
        self.shards = shards

    @property
    def finished_shards(self) -> int:
        """Shards whose batch reached a final status."""
        return sum(1 for shard in self.shards if shard.finished)

    def __repr__(self) -> str:
        if not hasattr(self, "shards"):
            return "BatchProgress()"
        return (
            f"BatchProgress(event={getattr(self, 'event', None)!r}, "
            f"shards={self.finished_shards}/{len(self.shards)} finished, "
            f"requests={self.completed + self.failed}/{self.total} done, failed={self.failed})"
        )


class StateFile:
    """The JSON file that records a run's shards, for resuming it."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)

    def adopt(self, shards: Sequence[BatchShard], endpoint: str) -> bool:
        """Copy into `shards` what a previous run recorded; whether there was one.

        Raises `BatchStateError` if the file records other requests (or another endpoint).
        """
        try:
            with open(self.path, encoding="utf-8") as handle:
                text = handle.read()
        except FileNotFoundError:
            return False
        try:
            state = json.loads(text)
        except ValueError:
            state = None
        if not isinstance(state, dict) or state.get("format") != _FORMAT:  # pyright: ignore[reportUnknownMemberType]
            raise BatchStateError(f"{self.path} is not a batch run state file")
        recorded = _check(self.path, state, shards, endpoint)  # pyright: ignore[reportUnknownArgumentType]
        for shard, saved in zip(shards, recorded):
            for name in _SAVED:
                if name not in _IDENTITY and name in saved:
                    setattr(shard, name, saved[name])
        return True

    def save(self, shards: Sequence[BatchShard], endpoint: str) -> None:
        """Write the state of `shards` (to a temporary file first, so a crash never leaves half a file)."""
        state: dict[str, Any] = {"format": _FORMAT, "version": _VERSION, "endpoint": endpoint}
        state["shards"] = [shard.to_dict() for shard in shards]
        temporary = f"{self.path}.tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(state, handle, indent=1)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)


def _check(path: str, state: dict[str, Any], shards: Sequence[BatchShard], endpoint: str) -> list[dict[str, Any]]:
    again = "; delete it to start a new run, or run again with the requests it was written for"
    if state.get("version") != _VERSION:
        raise BatchStateError(f"{path} has state format version {state.get('version')!r}, not {_VERSION}")
    if state.get("endpoint") != endpoint:
        raise BatchStateError(f"{path} records a run on {state.get('endpoint')!r}, not {endpoint!r}{again}")
    recorded = state.get("shards")
    if not isinstance(recorded, list) or len(recorded) != len(shards):  # pyright: ignore[reportUnknownArgumentType]
        count = len(recorded) if isinstance(recorded, list) else 0  # pyright: ignore[reportUnknownArgumentType]
        raise BatchStateError(f"{path} records {count} shards, these requests make {len(shards)}{again}")
    saved_shards: list[dict[str, Any]] = []
    for shard, saved in zip(shards, recorded):  # pyright: ignore[reportUnknownVariableType, reportUnknownArgumentType]
        if not isinstance(saved, dict):
            raise BatchStateError(f"{path} is not a batch run state file")
        for name in _IDENTITY:
            if saved.get(name) != getattr(shard, name):  # pyright: ignore[reportUnknownMemberType]
                raise BatchStateError(
                    f"{path} was written for other requests: shard {shard.index} differs in {name}{again}"
                )
        saved_shards.append(saved)  # pyright: ignore[reportUnknownArgumentType]
    return saved_shards
