"""zai-sdk's `zai.types.audio.audio_speech_params`: aliases of our generated models."""

from zai.types.sensitive_word_check.sensitive_word_check import SensitiveWordCheckRequest
from zai_api.models.audio_speech_request import AudioSpeechRequestParam as AudioSpeechParams

__all__ = ["AudioSpeechParams", "SensitiveWordCheckRequest"]
