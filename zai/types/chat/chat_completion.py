"""zai-sdk 0.2.3's import path for the models of chat completions."""

from zai_api.models.chat_completion import ChatCompletion as Completion
from zai_api.models.chat_completion_choice import ChatCompletionChoice as CompletionChoice
from zai_api.models.chat_completion_message import ChatCompletionMessage as CompletionMessage
from zai_api.models.chat_completion_message_tool_call import ChatCompletionMessageToolCall as CompletionMessageToolCall
from zai_api.models.completion_usage import CompletionUsage
from zai_api.models.function_call import FunctionCall as Function

__all__ = [
    "Completion",
    "CompletionChoice",
    "CompletionMessage",
    "CompletionMessageToolCall",
    "CompletionUsage",
    "Function",
]
