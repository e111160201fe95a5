"""zai-sdk's `zai.types.moderation`: aliases of our generated models."""

from . import moderation_completion
from .moderation_completion import Completion

__all__ = ["Completion", "moderation_completion"]
