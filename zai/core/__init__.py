"""zai-sdk's `zai.core`: errors, `StreamResponse`, `BaseModel`, `NOT_GIVEN` and the request type names.

`zai.core._errors` holds the same error classes; every error is also exported from `zai` itself.
"""

from zai_api.types import NOT_GIVEN, BaseModel, NotGiven

from .._base_client import DEFAULT_LIMITS as ZAI_DEFAULT_LIMITS
from .._base_client import DEFAULT_MAX_RETRIES as ZAI_DEFAULT_MAX_RETRIES
from .._base_client import DEFAULT_TIMEOUT as ZAI_DEFAULT_TIMEOUT
from .._streaming import AsyncStream, Stream
from .._sync_client import SyncAPIClient as HttpClient
from . import pagination
from ._base_type import Body, FileTypes, Headers, IncEx, ModelT, Query, is_given
from ._errors import (
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

StreamResponse = Stream
"""zai-sdk's name for a stream of parsed events (`Stream`)."""

__all__ = [
    "NOT_GIVEN",
    "ZAI_DEFAULT_LIMITS",
    "ZAI_DEFAULT_MAX_RETRIES",
    "ZAI_DEFAULT_TIMEOUT",
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
    "Body",
    "FileTypes",
    "Headers",
    "HttpClient",
    "IncEx",
    "ModelT",
    "NotGiven",
    "Query",
    "Stream",
    "StreamResponse",
    "WaitTimeoutError",
    "ZaiError",
    "is_given",
    "pagination",
]
