"""zai-sdk's `zai.types.assistant.message.tools.drawing_tool_delta_block`: aliases of our generated models."""

from zai_api.models.assistant_drawing_tool_call import AssistantDrawingToolCall as DrawingToolBlock
from zai_api.models.assistant_drawing_tool_call_drawing_tool import AssistantDrawingToolCallDrawingTool as DrawingTool
from zai_api.models.assistant_drawing_tool_call_drawing_tool_outputs_item import (
    AssistantDrawingToolCallDrawingToolOutputsItem as DrawingToolOutput,
)
from zai_api.types import BaseModel

__all__ = ["BaseModel", "DrawingTool", "DrawingToolBlock", "DrawingToolOutput"]
