"""zai-sdk's `zai.types.assistant.assistant_completion`: aliases of our generated models."""

from zai.types.assistant.message.message_content import MessageContent
from zai_api.models.assistant_choice import AssistantChoice
from zai_api.models.assistant_completion import AssistantCompletion
from zai_api.models.assistant_error import AssistantError as ErrorInfo
from zai_api.models.completion_usage import CompletionUsage
from zai_api.types import BaseModel

__all__ = ["AssistantChoice", "AssistantCompletion", "BaseModel", "CompletionUsage", "ErrorInfo", "MessageContent"]
