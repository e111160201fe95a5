"""zai-sdk's `zai.types.chat`: aliases of our generated models, and the request-side message and tool types."""

from . import async_chat_completion, chat_completion, chat_completion_chunk, chat_completions_create_param, code_geex
from .async_chat_completion import AsyncCompletion, AsyncTaskStatus
from .chat_completion import (
    Completion,
    CompletionChoice,
    CompletionMessage,
    CompletionMessageToolCall,
    CompletionUsage,
    Function,
)
from .chat_completion_chunk import (
    AudioCompletionChunk,
    ChatCompletionChunk,
    Choice,
    ChoiceDelta,
    ChoiceDeltaFunctionCall,
    ChoiceDeltaToolCall,
    ChoiceDeltaToolCallFunction,
)
from .chat_completion_chunk import CompletionUsage as CompletionChunkUsage
from .chat_completion_message_param import ChatCompletionMessageParam, ChatCompletionToolParam
from .chat_completions_create_param import Reference
from .code_geex.code_geex_params import CodeGeexContext, CodeGeexExtra, CodeGeexTarget

__all__ = [
    "AsyncCompletion",
    "AsyncTaskStatus",
    "AudioCompletionChunk",
    "ChatCompletionChunk",
    "ChatCompletionMessageParam",
    "ChatCompletionToolParam",
    "Choice",
    "ChoiceDelta",
    "ChoiceDeltaFunctionCall",
    "ChoiceDeltaToolCall",
    "ChoiceDeltaToolCallFunction",
    "CodeGeexContext",
    "CodeGeexExtra",
    "CodeGeexTarget",
    "Completion",
    "CompletionChoice",
    "CompletionChunkUsage",
    "CompletionMessage",
    "CompletionMessageToolCall",
    "CompletionUsage",
    "Function",
    "Reference",
    "async_chat_completion",
    "chat_completion",
    "chat_completion_chunk",
    "chat_completions_create_param",
    "code_geex",
]
