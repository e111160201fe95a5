"""zai-sdk's `zai.types.tools.tools_web_search_params`: aliases of our generated models."""

from zai_api.models.tools_web_search_request import ToolsWebSearchRequestParam as WebSearchParams

__all__ = ["WebSearchParams"]
