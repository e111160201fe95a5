"""zai-sdk's `zai.types.audio.audio_speech_chunk`: aliases of our generated models."""

from zai_api.models.audio_speech_chunk import AudioSpeechChunk
from zai_api.models.audio_speech_chunk_choice import AudioSpeechChunkChoice as AudioSpeechChoice
from zai_api.models.audio_speech_delta import AudioSpeechDelta
from zai_api.models.error_detail import ErrorDetail as AudioError
from zai_api.types import BaseModel

__all__ = ["AudioError", "AudioSpeechChoice", "AudioSpeechChunk", "AudioSpeechDelta", "BaseModel"]
