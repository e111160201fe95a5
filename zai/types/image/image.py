"""zai-sdk's `zai.types.image.image`: aliases of our generated models."""

from zai_api.models.async_result import AsyncResult as AsyncImagesResponded
from zai_api.models.image_generation_response import ImageGenerationResponse as ImagesResponded
from zai_api.models.image_generation_result_item import ImageGenerationResultItem as GeneratedImage
from zai_api.types import BaseModel

__all__ = ["AsyncImagesResponded", "BaseModel", "GeneratedImage", "ImagesResponded"]
