"""zai-sdk's `zai.api_resource.assistant`: aliases of our generated resources."""

from . import assistant
from .assistant import Assistant

__all__ = ["Assistant", "assistant"]
