"""zai-sdk's `zai.api_resource.images.images`: aliases of our generated resources."""

from zai.core._base_type import Body, Headers
from zai.types.image.image import AsyncImagesResponded, ImagesResponded
from zai.types.sensitive_word_check.sensitive_word_check import SensitiveWordCheckRequest
from zai_api.api.images import Images
from zai_api.types import NOT_GIVEN, NotGiven

__all__ = [
    "AsyncImagesResponded",
    "Body",
    "Headers",
    "Images",
    "ImagesResponded",
    "NOT_GIVEN",
    "NotGiven",
    "SensitiveWordCheckRequest",
]
