"""zai-sdk 0.2.3's import path for the models of batch errors."""

from zai_api.models.batch_error import BatchError
from zai_api.models.batch_errors import BatchErrors as Errors

__all__ = ["BatchError", "Errors"]
