"""zai-sdk's `zai.types.video.video_create_params`: aliases of our generated models."""

from zai.types.sensitive_word_check.sensitive_word_check import SensitiveWordCheckRequest
from zai_api.models.video_generation_request import VideoGenerationRequestParam as VideoCreateParams

__all__ = ["SensitiveWordCheckRequest", "VideoCreateParams"]
