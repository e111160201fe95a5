"""zai-sdk's `zai.types.assistant.assistant_conversation_resp`: aliases of our generated models."""

from zai_api.models.assistant_conversation_usage import AssistantConversationUsage as ConversationUsage
from zai_api.models.assistant_conversation_usage_page import AssistantConversationUsagePage as ConversationUsageList
from zai_api.models.assistant_conversation_usage_response import (
    AssistantConversationUsageResponse as ConversationUsageListResp,
)
from zai_api.models.completion_usage import CompletionUsage as Usage
from zai_api.types import BaseModel

__all__ = ["BaseModel", "ConversationUsage", "ConversationUsageList", "ConversationUsageListResp", "Usage"]
