"""zai-sdk's `zai.types.batch.batch_error`: aliases of our generated models."""

from zai_api.models.batch_error import BatchError
from zai_api.types import BaseModel

__all__ = ["BaseModel", "BatchError"]
