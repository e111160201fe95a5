"""zai-sdk's `zai.types.image`: aliases of our generated models."""

from . import image
from .image import AsyncImagesResponded, GeneratedImage, ImagesResponded

__all__ = ["AsyncImagesResponded", "GeneratedImage", "ImagesResponded", "image"]
