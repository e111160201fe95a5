"""zai-sdk's `zai.api_resource.batch`: aliases of our generated resources."""

from . import batches
from .batches import Batches

__all__ = ["Batches", "batches"]
