"""zai-sdk's `zai.types.files.file_create_params`: aliases of our generated models."""

from zai.core._base_type import FileTypes
from zai.types.files.upload_detail import UploadDetail
from zai_api.models.file_create_request import FileCreateRequestParam as FileCreateParams

__all__ = ["FileCreateParams", "FileTypes", "UploadDetail"]
