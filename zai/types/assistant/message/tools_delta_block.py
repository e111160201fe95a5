"""zai-sdk's `zai.types.assistant.message.tools_delta_block`: aliases of our generated models."""

from zai.types.assistant.message.tools.tools_type import ToolsType
from zai_api.models.assistant_tool_calls_delta import AssistantToolCallsDelta as ToolsDeltaBlock
from zai_api.types import BaseModel

__all__ = ["BaseModel", "ToolsDeltaBlock", "ToolsType"]
