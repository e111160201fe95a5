"""zai-sdk's `zai.types.assistant`: aliases of our generated models."""

from . import (
    assistant_completion,
    assistant_conversation_params,
    assistant_conversation_resp,
    assistant_create_params,
    assistant_support_resp,
    message,
)
from .assistant_completion import AssistantChoice, AssistantCompletion, CompletionUsage, ErrorInfo
from .assistant_conversation_params import ConversationParameters
from .assistant_conversation_resp import ConversationUsage, ConversationUsageList, ConversationUsageListResp, Usage
from .assistant_create_params import (
    AssistantAttachments,
    AssistantParameters,
    ConversationMessage,
    ExtraParameters,
    MessageTextContent,
    TranslateParameters,
)
from .assistant_create_params import MessageTextContent as MessageContent
from .assistant_support_resp import AssistantSupport, AssistantSupportResp

__all__ = [
    "AssistantAttachments",
    "AssistantChoice",
    "AssistantCompletion",
    "AssistantParameters",
    "AssistantSupport",
    "AssistantSupportResp",
    "CompletionUsage",
    "ConversationMessage",
    "ConversationParameters",
    "ConversationUsage",
    "ConversationUsageList",
    "ConversationUsageListResp",
    "ErrorInfo",
    "ExtraParameters",
    "MessageContent",
    "MessageTextContent",
    "TranslateParameters",
    "Usage",
    "assistant_completion",
    "assistant_conversation_params",
    "assistant_conversation_resp",
    "assistant_create_params",
    "assistant_support_resp",
    "message",
]
