"""zai-sdk's `zai.types.chat.chat_completion`: aliases of our generated models."""

from zai_api.models.chat_completion import ChatCompletion as Completion
from zai_api.models.chat_completion_choice import ChatCompletionChoice as CompletionChoice
from zai_api.models.chat_completion_message import ChatCompletionMessage as CompletionMessage
from zai_api.models.chat_completion_message_tool_call import ChatCompletionMessageToolCall as CompletionMessageToolCall
from zai_api.models.completion_usage import CompletionUsage
from zai_api.models.completion_usage_completion_tokens_details import (
    CompletionUsageCompletionTokensDetails as CompletionTokensDetails,
)
from zai_api.models.completion_usage_prompt_tokens_details import (
    CompletionUsagePromptTokensDetails as PromptTokensDetails,
)
from zai_api.models.function_call import FunctionCall as Function
from zai_api.types import BaseModel

__all__ = [
    "BaseModel",
    "Completion",
    "CompletionChoice",
    "CompletionMessage",
    "CompletionMessageToolCall",
    "CompletionTokensDetails",
    "CompletionUsage",
    "Function",
    "PromptTokensDetails",
]
