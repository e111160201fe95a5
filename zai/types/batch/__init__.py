"""zai-sdk's `zai.types.batch`: aliases of our generated models."""

from . import batch, batch_create_params, batch_error, batch_list_params, batch_request_counts
from .batch import Batch, Errors
from .batch_create_params import BatchCreateParams
from .batch_error import BatchError
from .batch_list_params import BatchListParams
from .batch_request_counts import BatchRequestCounts

__all__ = [
    "Batch",
    "BatchCreateParams",
    "BatchError",
    "BatchListParams",
    "BatchRequestCounts",
    "Errors",
    "batch",
    "batch_create_params",
    "batch_error",
    "batch_list_params",
    "batch_request_counts",
]
