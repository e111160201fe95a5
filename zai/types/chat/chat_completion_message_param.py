"""Request-side types for chat messages and tools, for annotating your own lists.

messages: list[ChatCompletionMessageParam] = [{"role": "user", "content": "Hello"}]
messages.append(completion.choices[0].message)  # response messages are accepted as they are
"""

from typing import Union

from zai_api.models.assistant_message import AssistantMessageParam
from zai_api.models.function_tool import FunctionToolParam
from zai_api.models.mcp_tool import McpToolParam
from zai_api.models.retrieval_tool import RetrievalToolParam
from zai_api.models.system_message import SystemMessageParam
from zai_api.models.tool_message import ToolMessageParam
from zai_api.models.user_message import UserMessageParam
from zai_api.models.web_search_tool import WebSearchToolParam
from zai_api.types import BaseModel

ChatCompletionMessageParam = Union[
    SystemMessageParam, UserMessageParam, AssistantMessageParam, ToolMessageParam, BaseModel
]
ChatCompletionToolParam = Union[FunctionToolParam, RetrievalToolParam, WebSearchToolParam, McpToolParam]

__all__ = [
    "AssistantMessageParam",
    "ChatCompletionMessageParam",
    "ChatCompletionToolParam",
    "FunctionToolParam",
    "SystemMessageParam",
    "ToolMessageParam",
    "UserMessageParam",
]
