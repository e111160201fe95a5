"""zai-sdk's `zai.types.web_reader`: aliases of our generated models."""

from . import web_reader_params, web_reader_resp
from .web_reader_params import WebReaderParams
from .web_reader_resp import ReaderData, WebReaderResult

__all__ = ["ReaderData", "WebReaderParams", "WebReaderResult", "web_reader_params", "web_reader_resp"]
