"""zai-sdk's `zai.api_resource.chat`: aliases of our generated resources."""

from . import async_completions, chat, completions
from .async_completions import AsyncCompletions
from .chat import Chat
from .completions import Completions

__all__ = ["AsyncCompletions", "Chat", "Completions", "async_completions", "chat", "completions"]
