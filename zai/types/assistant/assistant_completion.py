"""zai-sdk 0.2.3's import path for the models of assistant answers."""

from zai_api.models.assistant_completion import AssistantCompletion

__all__ = ["AssistantCompletion"]
