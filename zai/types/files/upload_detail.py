"""zai-sdk's `zai.types.files.upload_detail`: aliases of our generated models."""

from zai_api.models.file_upload_detail import FileUploadDetail as UploadDetail
from zai_api.types import BaseModel

__all__ = ["BaseModel", "UploadDetail"]
