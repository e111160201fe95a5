"""The schedule of a batch run, shared by the sync and async runners: which shards to start, which to
poll, when to stop waiting, and what to record and report on the way. The runners do the I/O."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Callable

from zai._exceptions import WaitTimeoutError

from ._batch_errors import BatchError, BatchShardError
from ._batch_state import UNSUCCESSFUL, BatchProgress, BatchShard, StateFile

if TYPE_CHECKING:
    from zai_api.models import Batch, FileObject

    from ._batches import AsyncBatchRun, BatchRun

__all__ = ["Plan"]

ProgressCallback = Callable[[BatchProgress], object]


class Plan:
    """What a run does next, and the bookkeeping of what it did (see the module docstring).

    At most `max_concurrent` batches are running at a time. Once a batch ends `failed` (the
    platform refused its file) no further shard is started: the others would most likely fail the
    same way; the run ends with `BatchShardError` and can be resumed from its state file.
    """

    def __init__(
        self,
        shards: Sequence[BatchShard],
        *,
        endpoint: str,
        completion_window: str,
        metadata: Mapping[str, str] | None,
        max_concurrent: int,
        poll_interval: float,
        timeout: float | None,
        state: StateFile | None,
        on_progress: ProgressCallback | None,
    ) -> None:
        if max_concurrent < 1:
            raise ValueError("max_concurrent_batches must be at least 1")
        if poll_interval < 0:
            raise ValueError("poll_interval must not be negative")
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must not be negative")
        self.shards = list(shards)
        self.endpoint = endpoint
        self.completion_window = completion_window
        self.metadata = dict(metadata) if metadata else None
        self.max_concurrent = max_concurrent
        self.poll_interval = poll_interval
        self.timeout = timeout
        self.state = state
        self.on_progress = on_progress
        self._deadline: float | None = None
        self._stopped = False

    # ------------------------------------------------------------------ decisions

    def begin(self) -> None:
        """Start the clock of `timeout` (the waiting, not the reading of the requests)."""
        if self.timeout is not None:
            self._deadline = time.monotonic() + self.timeout

    def to_start(self) -> list[BatchShard]:
        """The shards to upload (if not uploaded yet) and create batches for, now."""
        if self._stopped:
            return []
        running = sum(1 for shard in self.shards if shard.batch_id is not None and not shard.finished)
        room = self.max_concurrent - running
        return [shard for shard in self.shards if shard.batch_id is None][: max(room, 0)]

    def to_poll(self) -> list[BatchShard]:
        """The shards whose batch may still change (and those resumed, polled once for their state)."""
        return [shard for shard in self.shards if shard.batch_id and (shard.batch is None or not shard.finished)]

    def pause(self) -> float:
        """How long to sleep before polling again; raises `WaitTimeoutError` once the timeout is reached."""
        if self.timeout is None or self._deadline is None:
            return self.poll_interval
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            running = [shard.batch_id for shard in self.shards if shard.batch_id and not shard.finished]
            raise WaitTimeoutError(
                f"Batches {', '.join(str(batch_id) for batch_id in running)} are not done after waiting "
                f"{self.timeout:g} s; they keep running (run again with the same state file to resume)",
                last=self.progress("polled", None),
            )
        return min(self.poll_interval, remaining)

    def create_arguments(self, shard: BatchShard) -> dict[str, Any]:
        arguments: dict[str, Any] = {
            "endpoint": self.endpoint,
            "input_file_id": shard.file_id,
            "completion_window": self.completion_window,
        }
        if self.metadata:
            arguments["metadata"] = self.metadata
        return arguments

    # ------------------------------------------------------------------ bookkeeping

    def progress(self, event: str, shard: BatchShard | None) -> BatchProgress:
        return BatchProgress(event, shard, self.shards)

    def report(self, event: str, shard: BatchShard | None = None) -> None:
        if self.on_progress is not None:
            self.on_progress(self.progress(event, shard))

    def save(self) -> None:
        if self.state is not None:
            self.state.save(self.shards, self.endpoint)

    def uploaded(self, shard: BatchShard, uploaded: FileObject) -> None:
        if not uploaded.id:
            raise BatchError(f"the upload of shard {shard.index} returned no file id")
        shard.file_id = str(uploaded.id)
        self.save()
        # The spooled file is not needed any more (a rerun spools the requests again).
        if shard.path:
            os.unlink(shard.path)
            shard.path = ""
        self.report("uploaded", shard)

    def created(self, shard: BatchShard, batch: Batch) -> None:
        if not batch.id:
            raise BatchError(f"the batch of shard {shard.index} was created without an id")
        shard.batch_id = str(batch.id)
        shard.update(batch)
        self.save()
        self.report("created", shard)

    def polled(self, shard: BatchShard, batch: Batch) -> None:
        changed = shard.update(batch)
        if changed:
            self.save()
        if shard.status == "failed":
            self._stopped = True
        self.report("finished" if changed and shard.finished else "polled", shard)

    def check(self, run: BatchRun | AsyncBatchRun) -> None:
        """Raise `BatchShardError` (carrying `run`) if batches failed, expired, were cancelled or never started."""
        bad = [shard for shard in self.shards if shard.status in UNSUCCESSFUL or shard.batch_id is None]
        if not bad:
            return
        parts = [
            f"shard {shard.index} (batch {shard.batch_id}) ended {shard.status}{_reason(shard)}"
            if shard.batch_id
            else f"shard {shard.index} was not started"
            for shard in bad[:5]
        ]
        more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        raise BatchShardError(
            f"{len(bad)} of {len(self.shards)} batches did not complete: {'; '.join(parts)}{more}", shards=bad, run=run
        )


def _reason(shard: BatchShard) -> str:
    errors = shard.batch.errors.data if shard.batch is not None and shard.batch.errors is not None else None
    for error in errors or []:
        if error.message:
            line = f" (line {error.line})" if error.line is not None else ""
            return f": {error.message}{line}"
    return ""
