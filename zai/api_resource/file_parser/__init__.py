"""zai-sdk's `zai.api_resource.file_parser`: aliases of our generated resources."""

from . import file_parser
from .file_parser import FileParser

__all__ = ["FileParser", "file_parser"]
