"""zai-sdk's `zai.api_resource.voice.voice`: aliases of our generated resources."""

from zai.core._base_type import Body, Headers
from zai.types.voiceclone.voice_clone_params import VoiceCloneParams
from zai.types.voiceclone.voice_delete_params import VoiceDeleteParams
from zai.types.voiceclone.voice_list_params import VoiceListParams
from zai.types.voiceclone.voice_object import VoiceCloneResult, VoiceDeleteResult, VoiceListResult
from zai_api.api.voice import Voice
from zai_api.types import NOT_GIVEN, NotGiven

__all__ = [
    "Body",
    "Headers",
    "NOT_GIVEN",
    "NotGiven",
    "Voice",
    "VoiceCloneParams",
    "VoiceCloneResult",
    "VoiceDeleteParams",
    "VoiceDeleteResult",
    "VoiceListParams",
    "VoiceListResult",
]
