"""zai-sdk's `zai.types.embeddings.embeddings`: aliases of our generated models."""

from zai.types.chat.chat_completion import CompletionUsage
from zai_api.models.embedding_item import EmbeddingItem as Embedding
from zai_api.models.embedding_response import EmbeddingResponse as EmbeddingsResponded
from zai_api.types import BaseModel

__all__ = ["BaseModel", "CompletionUsage", "Embedding", "EmbeddingsResponded"]
