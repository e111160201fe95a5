"""zai-sdk's `zai.types.voiceclone.voice_list_params`: aliases of our generated models."""

from typing import TypedDict


class VoiceListParams(TypedDict, total=False):
    """The keyword arguments of `client.voice.list`, as a dict (query parameters, not a request body)."""

    voice_type: str
    voice_name: str
    request_id: str


__all__ = ["VoiceListParams"]
