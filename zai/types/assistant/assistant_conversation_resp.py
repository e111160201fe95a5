"""zai-sdk 0.2.3's import path for the models of assistant conversation usage."""

from zai_api.models.assistant_conversation_usage import AssistantConversationUsage as ConversationUsage
from zai_api.models.assistant_conversation_usage_response import (
    AssistantConversationUsageResponse as ConversationUsageListResp,
)

__all__ = ["ConversationUsage", "ConversationUsageListResp"]
