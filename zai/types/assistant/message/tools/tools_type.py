"""zai-sdk's `zai.types.assistant.message.tools.tools_type`: one tool call of an assistant stream."""

from typing import Union

from zai_api.models.assistant_code_interpreter_call import AssistantCodeInterpreterCall as CodeInterpreterToolBlock
from zai_api.models.assistant_drawing_tool_call import AssistantDrawingToolCall as DrawingToolBlock
from zai_api.models.assistant_function_call import AssistantFunctionCall as FunctionToolBlock
from zai_api.models.assistant_retrieval_call import AssistantRetrievalCall as RetrievalToolBlock
from zai_api.models.assistant_web_browser_call import AssistantWebBrowserCall as WebBrowserToolBlock

ToolsType = Union[
    DrawingToolBlock, CodeInterpreterToolBlock, WebBrowserToolBlock, RetrievalToolBlock, FunctionToolBlock
]
"""A tool call, told apart by `type`."""

__all__ = [
    "CodeInterpreterToolBlock",
    "DrawingToolBlock",
    "FunctionToolBlock",
    "RetrievalToolBlock",
    "ToolsType",
    "WebBrowserToolBlock",
]
