"""zai-sdk's `zai.types.assistant.assistant_support_resp`: aliases of our generated models."""

from zai_api.models.assistant_info import AssistantInfo as AssistantSupport
from zai_api.models.assistant_support_response import AssistantSupportResponse as AssistantSupportResp
from zai_api.types import BaseModel

__all__ = ["AssistantSupport", "AssistantSupportResp", "BaseModel"]
