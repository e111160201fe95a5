"""zai-sdk 0.2.3's import path for the models of layout parsing."""

from zai_api.models.layout_detail import LayoutDetail
from zai_api.models.layout_parsing_response import LayoutParsingResponse as LayoutParsingResp

__all__ = ["LayoutDetail", "LayoutParsingResp"]
