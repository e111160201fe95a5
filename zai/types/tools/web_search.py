"""zai-sdk's `zai.types.tools.web_search`: aliases of our generated models."""

from zai_api.models.tools_search_intent import ToolsSearchIntent as SearchIntent
from zai_api.models.tools_search_recommend import ToolsSearchRecommend as SearchRecommend
from zai_api.models.tools_search_result import ToolsSearchResult as SearchResult
from zai_api.models.tools_web_search_choice import ToolsWebSearchChoice as WebSearchChoice
from zai_api.models.tools_web_search_message import ToolsWebSearchMessage as WebSearchMessage
from zai_api.models.tools_web_search_response import ToolsWebSearchResponse as WebSearch
from zai_api.models.tools_web_search_tool_call import ToolsWebSearchToolCall as WebSearchMessageToolCall
from zai_api.types import BaseModel

__all__ = [
    "BaseModel",
    "SearchIntent",
    "SearchRecommend",
    "SearchResult",
    "WebSearch",
    "WebSearchChoice",
    "WebSearchMessage",
    "WebSearchMessageToolCall",
]
