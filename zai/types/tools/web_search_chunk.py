"""zai-sdk's `zai.types.tools.web_search_chunk`: aliases of our generated models."""

from zai.types.tools.web_search import SearchIntent, SearchRecommend, SearchResult
from zai_api.models.tools_web_search_chunk import ToolsWebSearchChunk as WebSearchChunk
from zai_api.models.tools_web_search_chunk_choice import ToolsWebSearchChunkChoice as Choice
from zai_api.models.tools_web_search_delta import ToolsWebSearchDelta as ChoiceDelta
from zai_api.models.tools_web_search_tool_call import ToolsWebSearchToolCall as ChoiceDeltaToolCall
from zai_api.types import BaseModel

__all__ = [
    "BaseModel",
    "Choice",
    "ChoiceDelta",
    "ChoiceDeltaToolCall",
    "SearchIntent",
    "SearchRecommend",
    "SearchResult",
    "WebSearchChunk",
]
