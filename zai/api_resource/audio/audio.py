"""zai-sdk's `zai.api_resource.audio.audio`: aliases of our generated resources."""

from zai._binary import BinaryResponse as HttpxBinaryResponseContent
from zai.api_resource.audio.transcriptions import Transcriptions
from zai.core import StreamResponse
from zai.core._base_type import Body, FileTypes, Headers
from zai.types.audio import audio_customization_param
from zai.types.audio.audio_speech_chunk import AudioSpeechChunk
from zai.types.audio.audio_speech_params import AudioSpeechParams
from zai.types.sensitive_word_check.sensitive_word_check import SensitiveWordCheckRequest
from zai_api.api.audio import Audio
from zai_api.types import NOT_GIVEN, NotGiven

__all__ = [
    "Audio",
    "AudioSpeechChunk",
    "AudioSpeechParams",
    "Body",
    "FileTypes",
    "Headers",
    "HttpxBinaryResponseContent",
    "NOT_GIVEN",
    "NotGiven",
    "SensitiveWordCheckRequest",
    "StreamResponse",
    "Transcriptions",
    "audio_customization_param",
]
