"""zai-sdk's `zai.api_resource.chat.completions`: aliases of our generated resources."""

from zai.core import StreamResponse
from zai.core._base_type import Body, Headers
from zai.types.chat.chat_completion import Completion
from zai.types.chat.chat_completion_chunk import ChatCompletionChunk
from zai.types.chat.code_geex import code_geex_params
from zai.types.sensitive_word_check.sensitive_word_check import SensitiveWordCheckRequest
from zai_api.api.chat import ChatCompletions as Completions
from zai_api.types import NOT_GIVEN, BaseModel, NotGiven

__all__ = [
    "BaseModel",
    "Body",
    "ChatCompletionChunk",
    "Completion",
    "Completions",
    "Headers",
    "NOT_GIVEN",
    "NotGiven",
    "SensitiveWordCheckRequest",
    "StreamResponse",
    "code_geex_params",
]
