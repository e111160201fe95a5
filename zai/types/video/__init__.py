"""zai-sdk's `zai.types.video`: aliases of our generated models."""

from . import video_create_params, video_object
from .video_create_params import VideoCreateParams
from .video_object import VideoObject, VideoResult

__all__ = ["VideoCreateParams", "VideoObject", "VideoResult", "video_create_params", "video_object"]
