"""zai-sdk's `zai.api_resource.videos.videos`: aliases of our generated resources."""

from zai.core._base_type import Body, Headers
from zai.types.sensitive_word_check.sensitive_word_check import SensitiveWordCheckRequest
from zai.types.video import video_create_params
from zai.types.video.video_object import VideoObject
from zai_api.api.videos import Videos
from zai_api.types import NOT_GIVEN, NotGiven

__all__ = [
    "Body",
    "Headers",
    "NOT_GIVEN",
    "NotGiven",
    "SensitiveWordCheckRequest",
    "VideoObject",
    "Videos",
    "video_create_params",
]
