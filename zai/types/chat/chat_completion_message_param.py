"""Request-side types for chat messages and tools, for annotating your own lists.

messages: list[ChatCompletionMessageParam] = [{"role": "user", "content": "Hello"}]
messages.append(completion.choices[0].message)  # response messages are accepted as they are
"""

from typing import Union

from zai_api.models.assistant_message import AssistantMessage, AssistantMessageParam
from zai_api.models.chat_completion_message import ChatCompletionMessage
from zai_api.models.function_tool import FunctionTool, FunctionToolParam
from zai_api.models.mcp_tool import McpTool, McpToolParam
from zai_api.models.retrieval_tool import RetrievalTool, RetrievalToolParam
from zai_api.models.system_message import SystemMessage, SystemMessageParam
from zai_api.models.tool_message import ToolMessage, ToolMessageParam
from zai_api.models.user_message import UserMessage, UserMessageParam
from zai_api.models.web_search_tool import WebSearchTool, WebSearchToolParam

# What `messages=` takes: a dict of a message's shape, a message model, or a returned message.
ChatCompletionMessageParam = Union[
    SystemMessageParam,
    UserMessageParam,
    AssistantMessageParam,
    ToolMessageParam,
    SystemMessage,
    UserMessage,
    AssistantMessage,
    ToolMessage,
    ChatCompletionMessage,
]
ChatCompletionToolParam = Union[
    FunctionToolParam,
    RetrievalToolParam,
    WebSearchToolParam,
    McpToolParam,
    FunctionTool,
    RetrievalTool,
    WebSearchTool,
    McpTool,
]

__all__ = [
    "AssistantMessageParam",
    "ChatCompletionMessageParam",
    "ChatCompletionToolParam",
    "FunctionToolParam",
    "SystemMessageParam",
    "ToolMessageParam",
    "UserMessageParam",
]
