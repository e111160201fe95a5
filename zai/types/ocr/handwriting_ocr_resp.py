"""zai-sdk's `zai.types.ocr.handwriting_ocr_resp`: aliases of our generated models."""

from zai_api.models.ocr_handwriting_result import OcrHandwritingResult as HandwritingOCRResp
from zai_api.models.ocr_location import OcrLocation as Location
from zai_api.models.ocr_probability import OcrProbability as Probability
from zai_api.models.ocr_words_result import OcrWordsResult as WordsResult
from zai_api.types import BaseModel

__all__ = ["BaseModel", "HandwritingOCRResp", "Location", "Probability", "WordsResult"]
