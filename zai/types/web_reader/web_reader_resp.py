"""zai-sdk 0.2.3's import path for the models of the web reader."""

from zai_api.models.web_reader_response import WebReaderResponse as WebReaderResult
from zai_api.models.web_reader_result import WebReaderResult as ReaderData

__all__ = ["ReaderData", "WebReaderResult"]
