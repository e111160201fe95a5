"""zai-sdk's `zai.types.assistant.message`: aliases of our generated models."""

from . import message_content, text_content_block, tools, tools_delta_block
from .message_content import MessageContent
from .text_content_block import TextContentBlock
from .tools_delta_block import ToolsDeltaBlock

__all__ = [
    "MessageContent",
    "TextContentBlock",
    "ToolsDeltaBlock",
    "message_content",
    "text_content_block",
    "tools",
    "tools_delta_block",
]
