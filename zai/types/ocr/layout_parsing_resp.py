"""zai-sdk's `zai.types.ocr.layout_parsing_resp`: aliases of our generated models."""

from zai_api.models.completion_usage import CompletionUsage as Usage
from zai_api.models.layout_data_info import LayoutDataInfo as DataInfo
from zai_api.models.layout_detail import LayoutDetail
from zai_api.models.layout_page_info import LayoutPageInfo as PageInfo
from zai_api.models.layout_parsing_response import LayoutParsingResponse as LayoutParsingResp
from zai_api.types import BaseModel

__all__ = ["BaseModel", "DataInfo", "LayoutDetail", "LayoutParsingResp", "PageInfo", "Usage"]
