"""zai-sdk's `zai.types.files.file_deleted`: aliases of our generated models."""

from zai_api.models.file_deleted import FileDeleted
from zai_api.types import BaseModel

__all__ = ["BaseModel", "FileDeleted"]
