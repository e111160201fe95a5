"""zai-sdk's `zai.types.web_search.web_search_resp`: aliases of our generated models."""

from zai_api.models.web_search_intent import WebSearchIntent as SearchIntentResp
from zai_api.models.web_search_response import WebSearchResponse as WebSearchResp
from zai_api.models.web_search_result_item import WebSearchResultItem as SearchResultResp
from zai_api.types import BaseModel

__all__ = ["BaseModel", "SearchIntentResp", "SearchResultResp", "WebSearchResp"]
