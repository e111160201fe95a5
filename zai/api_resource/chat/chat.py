"""zai-sdk's `zai.api_resource.chat.chat`: aliases of our generated resources."""

from zai.api_resource.chat.async_completions import AsyncCompletions
from zai.api_resource.chat.completions import Completions
from zai_api.api.chat import Chat

__all__ = ["AsyncCompletions", "Chat", "Completions"]
