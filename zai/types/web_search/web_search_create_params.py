"""zai-sdk's `zai.types.web_search.web_search_create_params`: aliases of our generated models."""

from zai.types.sensitive_word_check.sensitive_word_check import SensitiveWordCheckRequest
from zai_api.models.web_search_request import WebSearchRequestParam as WebSearchCreatParams

__all__ = ["SensitiveWordCheckRequest", "WebSearchCreatParams"]
