"""zai-sdk's `zai.api_resource.ocr.handwriting_ocr`: aliases of our generated resources."""

from zai.core._base_type import Body, FileTypes, Headers
from zai.types.ocr.handwriting_ocr_params import HandwritingOCRParams
from zai.types.ocr.handwriting_ocr_resp import HandwritingOCRResp
from zai_api.api.ocr import Ocr as HandwritingOCR
from zai_api.types import NOT_GIVEN, NotGiven

__all__ = [
    "Body",
    "FileTypes",
    "HandwritingOCR",
    "HandwritingOCRParams",
    "HandwritingOCRResp",
    "Headers",
    "NOT_GIVEN",
    "NotGiven",
]
