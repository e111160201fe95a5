"""zai-sdk 0.2.3's import path for the models of cloned voices."""

from zai_api.models.voice_clone_response import VoiceCloneResponse as VoiceCloneResult
from zai_api.models.voice_delete_response import VoiceDeleteResponse as VoiceDeleteResult
from zai_api.models.voice_info import VoiceInfo as VoiceData
from zai_api.models.voice_list_response import VoiceListResponse as VoiceListResult

__all__ = ["VoiceCloneResult", "VoiceData", "VoiceDeleteResult", "VoiceListResult"]
