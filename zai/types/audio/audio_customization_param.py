"""zai-sdk's `zai.types.audio.audio_customization_param`: aliases of our generated models."""

from zai.types.sensitive_word_check.sensitive_word_check import SensitiveWordCheckRequest
from zai_api.models.audio_customization_request import AudioCustomizationRequestParam as AudioCustomizationParam

__all__ = ["AudioCustomizationParam", "SensitiveWordCheckRequest"]
