"""zai-sdk's `zai.api_resource.ocr.layout_parsing`: aliases of our generated resources."""

from zai.core._base_type import Body, Headers
from zai.types.ocr.layout_parsing_resp import LayoutParsingResp
from zai_api.api.layout_parsing import LayoutParsing
from zai_api.types import NOT_GIVEN, NotGiven

__all__ = ["Body", "Headers", "LayoutParsing", "LayoutParsingResp", "NOT_GIVEN", "NotGiven"]
