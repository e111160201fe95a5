"""zai-sdk's `zai.types.voiceclone.voice_clone_params`: aliases of our generated models."""

from zai_api.models.voice_clone_request import VoiceCloneRequestParam as VoiceCloneParams

__all__ = ["VoiceCloneParams"]
