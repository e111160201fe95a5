"""zai-sdk's `zai.types.assistant.assistant_conversation_params`: aliases of our generated models."""

from zai_api.models.assistant_conversation_usage_request import (
    AssistantConversationUsageRequestParam as ConversationParameters,
)

__all__ = ["ConversationParameters"]
