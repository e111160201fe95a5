"""zai-sdk 0.2.3's import path for the models of deferred chat completions."""

from zai_api.models.async_result import AsyncResult as AsyncCompletion
from zai_api.models.async_task_status import AsyncTaskStatus

__all__ = ["AsyncCompletion", "AsyncTaskStatus"]
