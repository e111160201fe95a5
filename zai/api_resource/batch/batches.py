"""zai-sdk's `zai.api_resource.batch.batches`: aliases of our generated resources."""

from zai.core._base_type import Body, Headers
from zai.core.pagination import SyncCursorPage
from zai.types.batch.batch import Batch
from zai.types.batch.batch_create_params import BatchCreateParams
from zai.types.batch.batch_list_params import BatchListParams
from zai_api.api.batches import Batches
from zai_api.types import NOT_GIVEN, NotGiven

__all__ = [
    "Batch",
    "BatchCreateParams",
    "BatchListParams",
    "Batches",
    "Body",
    "Headers",
    "NOT_GIVEN",
    "NotGiven",
    "SyncCursorPage",
]
