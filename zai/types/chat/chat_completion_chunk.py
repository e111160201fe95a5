"""zai-sdk 0.2.3's import path for the models of streamed chat completions."""

from zai_api.models.chat_completion_chunk import ChatCompletionChunk
from zai_api.models.chat_completion_chunk_choice import ChatCompletionChunkChoice as Choice
from zai_api.models.choice_delta import ChoiceDelta
from zai_api.models.choice_delta_tool_call import ChoiceDeltaToolCall
from zai_api.models.choice_delta_tool_call_function import ChoiceDeltaToolCallFunction
from zai_api.models.completion_usage import CompletionUsage

__all__ = [
    "ChatCompletionChunk",
    "Choice",
    "ChoiceDelta",
    "ChoiceDeltaToolCall",
    "ChoiceDeltaToolCallFunction",
    "CompletionUsage",
]
