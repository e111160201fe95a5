"""The errors of the batch runner: bad request lines, a state file for other requests, shards that fail."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from zai._exceptions import ZaiError

if TYPE_CHECKING:
    from ._batch_state import BatchShard
    from ._batches import AsyncBatchRun, BatchRun

__all__ = ["BatchError", "BatchLineProblem", "BatchShardError", "BatchStateError", "BatchValidationError"]


class BatchError(ZaiError):
    """Base class of the batch runner's errors."""


class BatchLineProblem:
    """One request the runner refused: its place in the input (1-based), its `custom_id` and why."""

    __slots__ = ("custom_id", "line", "message")

    def __init__(self, line: int, custom_id: str | None, message: str) -> None:
        self.line = line
        self.custom_id = custom_id
        self.message = message

    def __str__(self) -> str:
        custom_id = getattr(self, "custom_id", None)
        named = f" ({custom_id!r})" if custom_id is not None else ""
        return f"request {getattr(self, 'line', '?')}{named}: {getattr(self, 'message', '')}"

    def __repr__(self) -> str:
        line, custom_id, message = (getattr(self, name, None) for name in ("line", "custom_id", "message"))
        return f"BatchLineProblem(line={line}, custom_id={custom_id!r}, message={message!r})"


class BatchValidationError(BatchError, ValueError):
    """Requests that would be refused by the platform, found before anything was uploaded.

    `problems` holds the first problems found (at most `BatchValidationError.KEPT`), `count` how
    many there were in all.
    """

    KEPT = 20

    def __init__(self, problems: Sequence[BatchLineProblem], count: int) -> None:
        self.problems = list(problems)
        self.count = count
        shown = "\n".join(f"  {problem}" for problem in self.problems)
        more = f"\n  ... and {count - len(self.problems)} more" if count > len(self.problems) else ""
        noun = "request is" if count == 1 else "requests are"
        super().__init__(f"{count} {noun} invalid; nothing was uploaded:\n{shown}{more}")


class BatchStateError(BatchError, ValueError):
    """The state file cannot be used for this run (it records other requests, or is not a state file)."""


class BatchShardError(BatchError):
    """Batch jobs of the run ended `failed`, `expired` or `cancelled`.

    `shards` are those shards (each with its `batch`, `status` and ids). `run` is the whole run:
    the results of the shards that completed, and what an expired shard finished, can still be read
    from it (``for result in error.run: ...``).
    """

    def __init__(self, message: str, *, shards: Sequence[BatchShard], run: BatchRun | AsyncBatchRun) -> None:
        super().__init__(message)
        self.shards = list(shards)
        self.run = run
