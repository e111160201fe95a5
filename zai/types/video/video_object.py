"""zai-sdk 0.2.3's import path for the models of videos."""

from zai_api.models.async_result import AsyncResult as VideoObject
from zai_api.models.video_result_item import VideoResultItem as VideoResult

__all__ = ["VideoObject", "VideoResult"]
