"""zai-sdk's `zai.types.assistant.message.tools`: aliases of our generated models."""

from . import (
    code_interpreter_delta_block,
    drawing_tool_delta_block,
    function_delta_block,
    retrieval_delta_black,
    tools_type,
    web_browser_delta_block,
)
from .code_interpreter_delta_block import CodeInterpreterToolBlock
from .drawing_tool_delta_block import DrawingToolBlock
from .function_delta_block import FunctionToolBlock
from .retrieval_delta_black import RetrievalToolBlock
from .tools_type import ToolsType
from .web_browser_delta_block import WebBrowserToolBlock

__all__ = [
    "CodeInterpreterToolBlock",
    "DrawingToolBlock",
    "FunctionToolBlock",
    "RetrievalToolBlock",
    "ToolsType",
    "WebBrowserToolBlock",
    "code_interpreter_delta_block",
    "drawing_tool_delta_block",
    "function_delta_block",
    "retrieval_delta_black",
    "tools_type",
    "web_browser_delta_block",
]
