"""zai-sdk's `zai.types.voiceclone.voice_delete_params`: aliases of our generated models."""

from zai_api.models.voice_delete_request import VoiceDeleteRequestParam as VoiceDeleteParams

__all__ = ["VoiceDeleteParams"]
