"""zai-sdk's `zai.types.chat.chat_completions_create_param`: aliases of our generated models."""

from zai_api.models.web_search_tool_config import WebSearchToolConfigParam as Reference

__all__ = ["Reference"]
