"""zai-sdk's `zai.api_resource.moderations.moderations`: aliases of our generated resources."""

from zai.types.moderation.moderation_completion import Completion
from zai_api.api.moderations import Moderations

__all__ = ["Completion", "Moderations"]
