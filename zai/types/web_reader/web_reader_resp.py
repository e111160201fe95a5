"""zai-sdk's `zai.types.web_reader.web_reader_resp`: aliases of our generated models."""

from zai_api.models.web_reader_response import WebReaderResponse as WebReaderResult
from zai_api.models.web_reader_result import WebReaderResult as ReaderData
from zai_api.types import BaseModel

__all__ = ["BaseModel", "ReaderData", "WebReaderResult"]
