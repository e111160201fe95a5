"""zai-sdk's `zai.api_resource.chat.async_completions`: aliases of our generated resources."""

from zai.core._base_type import Body, Headers
from zai.types.chat.async_chat_completion import AsyncCompletion, AsyncTaskStatus
from zai.types.chat.code_geex import code_geex_params
from zai.types.sensitive_word_check.sensitive_word_check import SensitiveWordCheckRequest
from zai_api.api.chat import ChatAsyncCompletions as AsyncCompletions
from zai_api.types import NOT_GIVEN, NotGiven

__all__ = [
    "AsyncCompletion",
    "AsyncCompletions",
    "AsyncTaskStatus",
    "Body",
    "Headers",
    "NOT_GIVEN",
    "NotGiven",
    "SensitiveWordCheckRequest",
    "code_geex_params",
]
