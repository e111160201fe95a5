"""zai-sdk's `zai.types.ocr`: aliases of our generated models."""

from . import handwriting_ocr_params, handwriting_ocr_resp, layout_parsing_resp

__all__ = ["handwriting_ocr_params", "handwriting_ocr_resp", "layout_parsing_resp"]
