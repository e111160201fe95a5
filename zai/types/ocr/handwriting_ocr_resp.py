"""zai-sdk 0.2.3's import path for the models of handwriting OCR."""

from zai_api.models.ocr_handwriting_result import OcrHandwritingResult as HandwritingOCRResp

__all__ = ["HandwritingOCRResp"]
