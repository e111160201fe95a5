"""zai-sdk's `zai.types.ocr.handwriting_ocr_params`: aliases of our generated models."""

from zai.core._base_type import FileTypes
from zai_api.models.ocr_handwriting_request import OcrHandwritingRequestParam as HandwritingOCRParams

__all__ = ["FileTypes", "HandwritingOCRParams"]
