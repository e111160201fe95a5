"""zai-sdk 0.2.3's import path for the models of embeddings."""

from zai_api.models.embedding_item import EmbeddingItem as Embedding
from zai_api.models.embedding_response import EmbeddingResponse as EmbeddingsResponded

__all__ = ["Embedding", "EmbeddingsResponded"]
