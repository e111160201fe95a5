"""zai-sdk's `zai.types.assistant.message.text_content_block`: aliases of our generated models."""

from zai_api.models.assistant_text_delta import AssistantTextDelta as TextContentBlock
from zai_api.types import BaseModel

__all__ = ["BaseModel", "TextContentBlock"]
