"""zai-sdk's `zai.types.files.file_object`: aliases of our generated models."""

from zai_api.models.file_list import FileList as ListOfFileObject
from zai_api.models.file_object import FileObject
from zai_api.types import BaseModel

__all__ = ["BaseModel", "FileObject", "ListOfFileObject"]
