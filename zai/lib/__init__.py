"""Helpers built on the client: accumulating chat streams, running batches end to end."""

from ._batches import BatchRun, arun_batch, run_batch
from ._chat_stream import ChatStreamAccumulator, aaccumulate, accumulate, content_text

__all__ = ["BatchRun", "ChatStreamAccumulator", "aaccumulate", "accumulate", "arun_batch", "content_text", "run_batch"]
