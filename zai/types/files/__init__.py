"""zai-sdk's `zai.types.files`: aliases of our generated models."""

from . import file_create_params, file_deleted, file_object, upload_detail
from .file_create_params import FileCreateParams
from .file_deleted import FileDeleted
from .file_object import FileObject, ListOfFileObject
from .upload_detail import UploadDetail

__all__ = [
    "FileCreateParams",
    "FileDeleted",
    "FileObject",
    "ListOfFileObject",
    "UploadDetail",
    "file_create_params",
    "file_deleted",
    "file_object",
    "upload_detail",
]
