"""zai-sdk 0.2.3's import path for the models of assistant lists."""

from zai_api.models.assistant_info import AssistantInfo as AssistantSupport
from zai_api.models.assistant_support_response import AssistantSupportResponse as AssistantSupportResp

__all__ = ["AssistantSupport", "AssistantSupportResp"]
