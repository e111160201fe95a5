"""zai-sdk's `zai.api_resource.images`: aliases of our generated resources."""

from . import images
from .images import Images

__all__ = ["Images", "images"]
