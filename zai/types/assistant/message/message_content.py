"""zai-sdk's `zai.types.assistant.message.message_content`: the delta of an assistant stream choice."""

from typing import Union

from zai_api.models.assistant_text_delta import AssistantTextDelta as TextContentBlock
from zai_api.models.assistant_tool_calls_delta import AssistantToolCallsDelta as ToolsDeltaBlock

MessageContent = Union[ToolsDeltaBlock, TextContentBlock]
"""Text, or tool calls the assistant made (told apart by `type`: `content` or `tool_calls`)."""

__all__ = ["MessageContent", "TextContentBlock", "ToolsDeltaBlock"]
