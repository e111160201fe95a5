"""zai-sdk 0.2.3's import path for the models of the legacy web-search tool's stream."""

from zai_api.models.tools_web_search_chunk import ToolsWebSearchChunk as WebSearchChunk

__all__ = ["WebSearchChunk"]
