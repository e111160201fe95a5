"""zai-sdk's `zai.types.tools`: aliases of our generated models."""

from . import tools_web_search_params, web_search, web_search_chunk
from .tools_web_search_params import WebSearchParams
from .web_search import (
    SearchIntent,
    SearchRecommend,
    SearchResult,
    WebSearch,
    WebSearchChoice,
    WebSearchMessage,
    WebSearchMessageToolCall,
)
from .web_search_chunk import Choice, ChoiceDelta, ChoiceDeltaToolCall, WebSearchChunk

__all__ = [
    "Choice",
    "ChoiceDelta",
    "ChoiceDeltaToolCall",
    "SearchIntent",
    "SearchRecommend",
    "SearchResult",
    "WebSearch",
    "WebSearchChoice",
    "WebSearchChunk",
    "WebSearchMessage",
    "WebSearchMessageToolCall",
    "WebSearchParams",
    "tools_web_search_params",
    "web_search",
    "web_search_chunk",
]
