"""zai-sdk 0.2.3's import path for the models of moderations."""

from zai_api.models.moderation_response import ModerationResponse as Completion

__all__ = ["Completion"]
