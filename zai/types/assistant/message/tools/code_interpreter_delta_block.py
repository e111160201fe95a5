"""zai-sdk's `zai.types.assistant.message.tools.code_interpreter_delta_block`: aliases of our generated models."""

from zai_api.models.assistant_code_interpreter_call import AssistantCodeInterpreterCall as CodeInterpreterToolBlock
from zai_api.models.assistant_code_interpreter_call_code_interpreter import (
    AssistantCodeInterpreterCallCodeInterpreter as CodeInterpreter,
)
from zai_api.models.assistant_code_interpreter_call_code_interpreter_outputs_item import (
    AssistantCodeInterpreterCallCodeInterpreterOutputsItem as CodeInterpreterToolOutput,
)
from zai_api.types import BaseModel

__all__ = ["BaseModel", "CodeInterpreter", "CodeInterpreterToolBlock", "CodeInterpreterToolOutput"]
