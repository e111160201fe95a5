"""zai-sdk's `zai.api_resource.embeddings.embeddings`: aliases of our generated resources."""

from zai.core._base_type import Body, Headers
from zai.types.embeddings.embeddings import EmbeddingsResponded
from zai_api.api.embeddings import Embeddings
from zai_api.types import NOT_GIVEN, NotGiven

__all__ = ["Body", "Embeddings", "EmbeddingsResponded", "Headers", "NOT_GIVEN", "NotGiven"]
