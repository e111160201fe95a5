"""zai-sdk's `zai.api_resource.audio`: aliases of our generated resources."""

from . import audio, transcriptions
from .audio import Audio
from .transcriptions import Transcriptions

__all__ = ["Audio", "Transcriptions", "audio", "transcriptions"]
