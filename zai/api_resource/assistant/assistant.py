"""zai-sdk's `zai.api_resource.assistant.assistant`: aliases of our generated resources."""

from zai.core import StreamResponse
from zai.core._base_type import Body, Headers
from zai.types.assistant import assistant_conversation_params, assistant_create_params
from zai.types.assistant.assistant_completion import AssistantCompletion
from zai.types.assistant.assistant_conversation_resp import ConversationUsageListResp
from zai.types.assistant.assistant_support_resp import AssistantSupportResp
from zai_api.api.assistant import Assistant
from zai_api.types import NOT_GIVEN, NotGiven

__all__ = [
    "Assistant",
    "AssistantCompletion",
    "AssistantSupportResp",
    "Body",
    "ConversationUsageListResp",
    "Headers",
    "NOT_GIVEN",
    "NotGiven",
    "StreamResponse",
    "assistant_conversation_params",
    "assistant_create_params",
]
