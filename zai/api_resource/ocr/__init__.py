"""zai-sdk's `zai.api_resource.ocr`: aliases of our generated resources."""

from . import handwriting_ocr, layout_parsing
from .handwriting_ocr import HandwritingOCR
from .layout_parsing import LayoutParsing

__all__ = ["HandwritingOCR", "LayoutParsing", "handwriting_ocr", "layout_parsing"]
