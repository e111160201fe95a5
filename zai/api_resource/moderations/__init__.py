"""zai-sdk's `zai.api_resource.moderations`: aliases of our generated resources."""

from . import moderations
from .moderations import Moderations

__all__ = ["Moderations", "moderations"]
