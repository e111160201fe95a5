"""zai-sdk's `zai.api_resource.videos`: aliases of our generated resources."""

from . import videos
from .videos import Videos

__all__ = ["Videos", "videos"]
