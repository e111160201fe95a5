"""zai-sdk 0.2.3's import path for the models of batch request counts."""

from zai_api.models.batch_request_counts import BatchRequestCounts

__all__ = ["BatchRequestCounts"]
