"""zai-sdk's `zai.api_resource.files.files`: aliases of our generated resources."""

from zai.core._base_type import Body, FileTypes, Headers
from zai.types.files import file_create_params
from zai.types.files.file_deleted import FileDeleted
from zai.types.files.file_object import FileObject, ListOfFileObject
from zai.types.files.upload_detail import UploadDetail
from zai_api.api.files import Files, FilesWithRawResponse
from zai_api.types import NOT_GIVEN, NotGiven

__all__ = [
    "Body",
    "FileDeleted",
    "FileObject",
    "FileTypes",
    "Files",
    "FilesWithRawResponse",
    "Headers",
    "ListOfFileObject",
    "NOT_GIVEN",
    "NotGiven",
    "UploadDetail",
    "file_create_params",
]
