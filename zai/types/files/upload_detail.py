"""zai-sdk 0.2.3's import path for the models of upload details."""

from zai_api.models.file_upload_detail import FileUploadDetail as UploadDetail

__all__ = ["UploadDetail"]
