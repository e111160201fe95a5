"""zai-sdk's `zai.api_resource.web_search`: aliases of our generated resources."""

from . import web_search
from .web_search import WebSearchApi

__all__ = ["WebSearchApi", "web_search"]
