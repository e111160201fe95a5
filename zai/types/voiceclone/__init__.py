"""zai-sdk's `zai.types.voiceclone`: aliases of our generated models."""

from . import voice_clone_params, voice_delete_params, voice_list_params, voice_object
from .voice_clone_params import VoiceCloneParams
from .voice_delete_params import VoiceDeleteParams
from .voice_list_params import VoiceListParams
from .voice_object import VoiceCloneResult, VoiceData, VoiceDeleteResult, VoiceListResult

__all__ = [
    "VoiceCloneParams",
    "VoiceCloneResult",
    "VoiceData",
    "VoiceDeleteParams",
    "VoiceDeleteResult",
    "VoiceListParams",
    "VoiceListResult",
    "voice_clone_params",
    "voice_delete_params",
    "voice_list_params",
    "voice_object",
]
