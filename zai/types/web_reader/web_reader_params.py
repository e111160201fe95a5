"""zai-sdk's `zai.types.web_reader.web_reader_params`: aliases of our generated models."""

from zai_api.models.web_reader_request import WebReaderRequestParam as WebReaderParams

__all__ = ["WebReaderParams"]
