"""zai-sdk 0.2.3's import path for the models of deleted files."""

from zai_api.models.file_deleted import FileDeleted

__all__ = ["FileDeleted"]
