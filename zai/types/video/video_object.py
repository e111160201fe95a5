"""zai-sdk's `zai.types.video.video_object`: aliases of our generated models."""

from zai_api.models.async_result import AsyncResult as VideoObject
from zai_api.models.video_result_item import VideoResultItem as VideoResult
from zai_api.types import BaseModel

__all__ = ["BaseModel", "VideoObject", "VideoResult"]
