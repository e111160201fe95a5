"""zai-sdk's `zai.types.batch.batch`: aliases of our generated models."""

from zai.types.batch.batch_error import BatchError
from zai.types.batch.batch_request_counts import BatchRequestCounts
from zai_api.models.batch import Batch
from zai_api.models.batch_errors import BatchErrors as Errors
from zai_api.types import BaseModel

__all__ = ["BaseModel", "Batch", "BatchError", "BatchRequestCounts", "Errors"]
