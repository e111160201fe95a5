"""zai-sdk's `zai.api_resource.files`: aliases of our generated resources."""

from . import files
from .files import Files, FilesWithRawResponse

__all__ = ["Files", "FilesWithRawResponse", "files"]
