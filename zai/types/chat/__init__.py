"""zai-sdk 0.2.3's `zai.types.chat` import path, and the request-side message and tool types."""

from .chat_completion_message_param import ChatCompletionMessageParam, ChatCompletionToolParam

__all__ = ["ChatCompletionMessageParam", "ChatCompletionToolParam"]
