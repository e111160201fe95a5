"""zai-sdk's `zai.types.voiceclone.voice_object`: aliases of our generated models."""

from zai_api.models.voice_clone_response import VoiceCloneResponse as VoiceCloneResult
from zai_api.models.voice_delete_response import VoiceDeleteResponse as VoiceDeleteResult
from zai_api.models.voice_info import VoiceInfo as VoiceData
from zai_api.models.voice_list_response import VoiceListResponse as VoiceListResult
from zai_api.types import BaseModel

__all__ = ["BaseModel", "VoiceCloneResult", "VoiceData", "VoiceDeleteResult", "VoiceListResult"]
