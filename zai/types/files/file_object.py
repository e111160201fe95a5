"""zai-sdk 0.2.3's import path for the models of files."""

from zai_api.models.file_list import FileList as ListOfFileObject
from zai_api.models.file_object import FileObject

__all__ = ["FileObject", "ListOfFileObject"]
