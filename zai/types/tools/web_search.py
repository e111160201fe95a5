"""zai-sdk 0.2.3's import path for the models of the legacy web-search tool."""

from zai_api.models.tools_web_search_response import ToolsWebSearchResponse as WebSearch

__all__ = ["WebSearch"]
