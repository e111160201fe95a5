"""zai-sdk's `zai.types.assistant.message.tools.function_delta_block`: aliases of our generated models."""

from zai_api.models.assistant_function_call import AssistantFunctionCall as FunctionToolBlock
from zai_api.models.assistant_function_call_function import AssistantFunctionCallFunction as FunctionTool
from zai_api.models.assistant_function_call_function_outputs_item import (
    AssistantFunctionCallFunctionOutputsItem as FunctionToolOutput,
)
from zai_api.types import BaseModel

__all__ = ["BaseModel", "FunctionTool", "FunctionToolBlock", "FunctionToolOutput"]
