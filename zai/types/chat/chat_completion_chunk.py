"""zai-sdk's `zai.types.chat.chat_completion_chunk`: aliases of our generated models."""

from zai_api.models.chat_completion_chunk import ChatCompletionChunk
from zai_api.models.chat_completion_chunk_choice import ChatCompletionChunkChoice as Choice
from zai_api.models.choice_delta import ChoiceDelta
from zai_api.models.choice_delta_tool_call import ChoiceDeltaToolCall
from zai_api.models.choice_delta_tool_call_function import ChoiceDeltaToolCallFunction
from zai_api.models.choice_delta_tool_call_function import ChoiceDeltaToolCallFunction as ChoiceDeltaFunctionCall
from zai_api.models.completion_usage import CompletionUsage
from zai_api.models.completion_usage_completion_tokens_details import (
    CompletionUsageCompletionTokensDetails as CompletionTokensDetails,
)
from zai_api.models.completion_usage_prompt_tokens_details import (
    CompletionUsagePromptTokensDetails as PromptTokensDetails,
)
from zai_api.models.reply_audio import ReplyAudio as AudioCompletionChunk
from zai_api.types import BaseModel

__all__ = [
    "AudioCompletionChunk",
    "BaseModel",
    "ChatCompletionChunk",
    "Choice",
    "ChoiceDelta",
    "ChoiceDeltaFunctionCall",
    "ChoiceDeltaToolCall",
    "ChoiceDeltaToolCallFunction",
    "CompletionTokensDetails",
    "CompletionUsage",
    "PromptTokensDetails",
]
