"""zai-sdk's `zai.types.batch.batch_create_params`: aliases of our generated models."""

from zai_api.models.batch_create_request import BatchCreateRequestParam as BatchCreateParams

__all__ = ["BatchCreateParams"]
