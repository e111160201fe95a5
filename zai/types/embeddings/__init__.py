"""zai-sdk's `zai.types.embeddings`: aliases of our generated models."""

from . import embeddings
from .embeddings import Embedding, EmbeddingsResponded

__all__ = ["Embedding", "EmbeddingsResponded", "embeddings"]
