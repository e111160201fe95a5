"""zai-sdk's `zai.api_resource.web_reader.web_reader`: aliases of our generated resources."""

from zai.core._base_type import Body, Headers
from zai.types.web_reader.web_reader_params import WebReaderParams
from zai.types.web_reader.web_reader_resp import WebReaderResult
from zai_api.api.web_reader import WebReader as WebReaderApi
from zai_api.types import NOT_GIVEN, NotGiven

__all__ = ["Body", "Headers", "NOT_GIVEN", "NotGiven", "WebReaderApi", "WebReaderParams", "WebReaderResult"]
