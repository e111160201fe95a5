"""zai-sdk's `zai.api_resource.web_reader`: aliases of our generated resources."""

from . import web_reader
from .web_reader import WebReaderApi

__all__ = ["WebReaderApi", "web_reader"]
