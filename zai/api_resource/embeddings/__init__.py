"""zai-sdk's `zai.api_resource.embeddings`: aliases of our generated resources."""

from . import embeddings
from .embeddings import Embeddings

__all__ = ["Embeddings", "embeddings"]
