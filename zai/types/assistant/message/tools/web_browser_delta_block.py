"""zai-sdk's `zai.types.assistant.message.tools.web_browser_delta_block`: aliases of our generated models."""

from zai_api.models.assistant_web_browser_call import AssistantWebBrowserCall as WebBrowserToolBlock
from zai_api.models.assistant_web_browser_call_web_browser import AssistantWebBrowserCallWebBrowser as WebBrowser
from zai_api.models.assistant_web_browser_call_web_browser_outputs_item import (
    AssistantWebBrowserCallWebBrowserOutputsItem as WebBrowserOutput,
)
from zai_api.types import BaseModel

__all__ = ["BaseModel", "WebBrowser", "WebBrowserOutput", "WebBrowserToolBlock"]
