"""zai-sdk's `zai.types.batch.batch_list_params`: aliases of our generated models."""

from typing import TypedDict


class BatchListParams(TypedDict, total=False):
    """The keyword arguments of `client.batches.list`, as a dict (query parameters, not a request body)."""

    after: str
    limit: int


__all__ = ["BatchListParams"]
