"""zai-sdk's `zai.types.chat.async_chat_completion`: aliases of our generated models."""

from zai.types.chat.chat_completion import CompletionChoice, CompletionUsage
from zai_api.models.async_result import AsyncResult as AsyncCompletion
from zai_api.models.async_task_status import AsyncTaskStatus
from zai_api.types import BaseModel

__all__ = ["AsyncCompletion", "AsyncTaskStatus", "BaseModel", "CompletionChoice", "CompletionUsage"]
