"""zai-sdk's `zai.api_resource.tools.tools`: aliases of our generated resources."""

from zai.core import StreamResponse
from zai.core._base_type import Body, Headers
from zai.types.tools import tools_web_search_params
from zai.types.tools.web_search import WebSearch
from zai.types.tools.web_search_chunk import WebSearchChunk
from zai_api.api.tools import Tools
from zai_api.types import NOT_GIVEN, NotGiven

__all__ = [
    "Body",
    "Headers",
    "NOT_GIVEN",
    "NotGiven",
    "StreamResponse",
    "Tools",
    "WebSearch",
    "WebSearchChunk",
    "tools_web_search_params",
]
