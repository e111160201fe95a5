"""zai-sdk's `zai.api_resource.audio.transcriptions`: aliases of our generated resources."""

from zai.core import StreamResponse
from zai.core._base_type import Body, FileTypes, Headers
from zai.types.audio import transcriptions_create_param
from zai.types.chat.chat_completion import Completion
from zai.types.chat.chat_completion_chunk import ChatCompletionChunk
from zai.types.sensitive_word_check.sensitive_word_check import SensitiveWordCheckRequest
from zai_api.api.audio import AudioTranscriptions as Transcriptions
from zai_api.types import NOT_GIVEN, NotGiven

__all__ = [
    "Body",
    "ChatCompletionChunk",
    "Completion",
    "FileTypes",
    "Headers",
    "NOT_GIVEN",
    "NotGiven",
    "SensitiveWordCheckRequest",
    "StreamResponse",
    "Transcriptions",
    "transcriptions_create_param",
]
