"""zai-sdk's `zai.types.batch.batch_request_counts`: aliases of our generated models."""

from zai_api.models.batch_request_counts import BatchRequestCounts
from zai_api.types import BaseModel

__all__ = ["BaseModel", "BatchRequestCounts"]
