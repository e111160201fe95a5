"""The Z.ai Python SDK: typed sync and async clients for the Z.ai / Zhipu BigModel platform.

from zai import ZaiClient

client = ZaiClient()  # reads ZAI_API_KEY
reply = client.chat.completions.create(model="glm-5.2", messages=[{"role": "user", "content": "Hi"}])
"""

from typing import TYPE_CHECKING, Any

from zai_api.types import NOT_GIVEN, BaseModel, NotGiven

from ._client import AsyncZaiClient, AsyncZhipuAiClient, ZaiClient, ZhipuAiClient
from ._exceptions import (
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
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    WaitTimeoutError,
    ZaiError,
)
from ._version import __version__

if TYPE_CHECKING:
    from . import api_resource as api_resource
    from . import core as core
    from . import types as types
    from . import version as version
    from ._streaming import AsyncStream, Stream

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
    "AsyncZaiClient",
    "AsyncZhipuAiClient",
    "AuthenticationError",
    "BadRequestError",
    "BaseModel",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "RateLimitError",
    "Stream",
    "UnprocessableEntityError",
    "ZaiClient",
    "WaitTimeoutError",
    "ZaiError",
    "ZhipuAiClient",
    "__version__",
]


# zai-sdk's subpackages, reachable as attributes after a bare `import zai` (`zai.core._errors...`).
_SUBMODULES = frozenset({"api_resource", "core", "types", "version"})

if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        # Imported when first asked for, like every part a call may not need.
        if name in ("Stream", "AsyncStream"):
            from . import _streaming  # noqa: PLC0415

            return getattr(_streaming, name)
        if name in _SUBMODULES:
            from importlib import import_module  # noqa: PLC0415

            return import_module(f"{__name__}.{name}")
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
