"""zai-sdk's `zai.types.web_search`: aliases of our generated models."""

from . import web_search_create_params, web_search_resp
from .web_search_create_params import WebSearchCreatParams
from .web_search_resp import SearchIntentResp, SearchResultResp, WebSearchResp

__all__ = [
    "SearchIntentResp",
    "SearchResultResp",
    "WebSearchCreatParams",
    "WebSearchResp",
    "web_search_create_params",
    "web_search_resp",
]
