"""zai-sdk's `zai.types.audio.transcriptions_create_param`: aliases of our generated models."""

from zai.types.sensitive_word_check.sensitive_word_check import SensitiveWordCheckRequest
from zai_api.models.audio_transcription_request import AudioTranscriptionRequestParam as TranscriptionsParam

__all__ = ["SensitiveWordCheckRequest", "TranscriptionsParam"]
