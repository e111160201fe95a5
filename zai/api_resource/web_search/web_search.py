"""zai-sdk's `zai.api_resource.web_search.web_search`: aliases of our generated resources."""

from zai.core._base_type import Body, Headers
from zai.types.sensitive_word_check.sensitive_word_check import SensitiveWordCheckRequest
from zai.types.web_search import web_search_create_params
from zai.types.web_search.web_search_resp import WebSearchResp
from zai_api.api.web_search import WebSearch as WebSearchApi
from zai_api.types import NOT_GIVEN, NotGiven

__all__ = [
    "Body",
    "Headers",
    "NOT_GIVEN",
    "NotGiven",
    "SensitiveWordCheckRequest",
    "WebSearchApi",
    "WebSearchResp",
    "web_search_create_params",
]
