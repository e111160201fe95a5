"""zai-sdk's `zai.types.moderation.moderation_completion`: aliases of our generated models."""

from zai_api.models.moderation_response import ModerationResponse as Completion
from zai_api.types import BaseModel

__all__ = ["BaseModel", "Completion"]
