"""Helpers built on the client: accumulating chat streams, running batches of any size end to end."""

from ._batch_errors import BatchError, BatchLineProblem, BatchShardError, BatchStateError, BatchValidationError
from ._batch_results import BatchResult
from ._batch_state import BatchProgress, BatchShard
from ._batches import (
    MAX_BYTES_PER_BATCH,
    MAX_CONCURRENT_BATCHES,
    MAX_REQUESTS_PER_BATCH,
    AsyncBatchRun,
    BatchRun,
    arun_batch,
    run_batch,
)
from ._chat_stream import ChatStreamAccumulator, aaccumulate, accumulate, content_text

__all__ = [
    "MAX_BYTES_PER_BATCH",
    "MAX_CONCURRENT_BATCHES",
    "MAX_REQUESTS_PER_BATCH",
    "AsyncBatchRun",
    "BatchError",
    "BatchLineProblem",
    "BatchProgress",
    "BatchResult",
    "BatchRun",
    "BatchShard",
    "BatchShardError",
    "BatchStateError",
    "BatchValidationError",
    "ChatStreamAccumulator",
    "aaccumulate",
    "accumulate",
    "arun_batch",
    "content_text",
    "run_batch",
]
