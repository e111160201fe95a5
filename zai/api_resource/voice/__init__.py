"""zai-sdk's `zai.api_resource.voice`: aliases of our generated resources."""

from . import voice
from .voice import Voice

__all__ = ["Voice", "voice"]
