"""zai-sdk 0.2.3's import path for the models of web search."""

from zai_api.models.web_search_response import WebSearchResponse as WebSearchResp

__all__ = ["WebSearchResp"]
