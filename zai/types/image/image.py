"""zai-sdk 0.2.3's import path for the models of images."""

from zai_api.models.async_result import AsyncResult as AsyncImagesResponded
from zai_api.models.image_generation_response import ImageGenerationResponse as ImagesResponded
from zai_api.models.image_generation_result_item import ImageGenerationResultItem as GeneratedImage

__all__ = ["AsyncImagesResponded", "GeneratedImage", "ImagesResponded"]
