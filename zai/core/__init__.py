"""zai-sdk 0.2.3's `zai.core` import path: errors, `StreamResponse`, `BaseModel`, `NOT_GIVEN`."""

from zai_api.types import NOT_GIVEN, BaseModel, NotGiven

from .._exceptions import (
    APIAuthenticationError,
    APIBusinessError,
    APIConflictError,
    APIConnectionError,
    APIError,
    APIInternalError,
    APINotFoundError,
    APIPaginationError,
    APIPermissionDeniedError,
    APIReachLimitError,
    APIRequestFailedError,
    APIResponseError,
    APIResponseValidationError,
    APIServerError,
    APIServerFlowExceedError,
    APIStatusError,
    APIStreamError,
    APITimeoutError,
    APIUnprocessableEntityError,
    WaitTimeoutError,
    ZaiError,
)
from .._streaming import AsyncStream, Stream

# zai-sdk's name for a stream of parsed events.
StreamResponse = Stream

__all__ = [
    "NOT_GIVEN",
    "APIAuthenticationError",
    "APIBusinessError",
    "APIConflictError",
    "APIConnectionError",
    "APIError",
    "APIInternalError",
    "APINotFoundError",
    "APIPaginationError",
    "APIPermissionDeniedError",
    "APIReachLimitError",
    "APIRequestFailedError",
    "APIResponseError",
    "APIResponseValidationError",
    "APIServerError",
    "APIServerFlowExceedError",
    "APIStatusError",
    "APIStreamError",
    "APITimeoutError",
    "APIUnprocessableEntityError",
    "AsyncStream",
    "BaseModel",
    "NotGiven",
    "Stream",
    "StreamResponse",
    "WaitTimeoutError",
    "ZaiError",
]
