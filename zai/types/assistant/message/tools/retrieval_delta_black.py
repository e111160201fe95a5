"""zai-sdk's `zai.types.assistant.message.tools.retrieval_delta_black`: aliases of our generated models."""

from zai_api.models.assistant_retrieval_call import AssistantRetrievalCall as RetrievalToolBlock
from zai_api.models.assistant_retrieval_call_retrieval import AssistantRetrievalCallRetrieval as RetrievalTool
from zai_api.models.assistant_retrieval_call_retrieval_outputs_item import (
    AssistantRetrievalCallRetrievalOutputsItem as RetrievalToolOutput,
)
from zai_api.types import BaseModel

__all__ = ["BaseModel", "RetrievalTool", "RetrievalToolBlock", "RetrievalToolOutput"]
