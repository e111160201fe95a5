"""zai-sdk's `zai.types.audio`: aliases of our generated models."""

from . import audio_customization_param, audio_speech_chunk, audio_speech_params, transcriptions_create_param
from .audio_customization_param import AudioCustomizationParam
from .audio_speech_chunk import AudioSpeechChunk
from .audio_speech_params import AudioSpeechParams
from .transcriptions_create_param import TranscriptionsParam

__all__ = [
    "AudioCustomizationParam",
    "AudioSpeechChunk",
    "AudioSpeechParams",
    "TranscriptionsParam",
    "audio_customization_param",
    "audio_speech_chunk",
    "audio_speech_params",
    "transcriptions_create_param",
]
