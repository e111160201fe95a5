"""Correct programs: request models built by hand, the low-level layer, and response models."""

from __future__ import annotations

from zai import ZaiClient
from zai_api import Client
from zai_api.api.chat import create_chat_completion
from zai_api.models import (
    ChatCompletion,
    ChatCompletionRequest,
    ErrorResponse,
    ResponseFormat,
    SystemMessage,
    ThinkingConfig,
    UserMessage,
    UserMessageParam,
)
from zai_api.models.chat_completion_choice import ChatCompletionChoice
from zai_api.models.finish_reason import FinishReason

client = ZaiClient()

request = ChatCompletionRequest(
    model="glm-5.2",
    messages=[SystemMessage(content="Be brief."), UserMessage(content="Hello")],
    thinking=ThinkingConfig(type="disabled"),
    response_format=ResponseFormat(type="json_object"),
    reasoning_effort="high",
    temperature=0.5,
)
low_level: Client = client.low_level
result = create_chat_completion.sync(client=low_level, body=request)
if isinstance(result, ChatCompletion):
    print(result.choices[0].message.content)
else:
    print(result.error.code, result.error.message)
error_or_completion: ChatCompletion | ErrorResponse = result

detailed = create_chat_completion.sync_detailed(client=client.low_level, body=request)
print(detailed.status_code, detailed.parsed)

# Models of the request side can be passed to the resources too.
user: UserMessageParam = {"role": "user", "content": "Hi"}
client.chat.completions.create(
    model="glm-5.2",
    messages=[UserMessage(content="Hi"), user],
    thinking=ThinkingConfig(type="enabled"),
    response_format=ResponseFormat(type="text"),
)

# Response models: attribute access, dict-style access, conversions.
choice = ChatCompletionChoice.from_dict({"index": 0, "finish_reason": "stop", "message": {"role": "assistant"}})
known: FinishReason = "length"
if choice.finish_reason == known or choice.finish_reason == "model_context_window_exceeded":
    print(choice.to_dict(), choice["finish_reason"], choice.get("index"), choice.to_json())
print(choice.model_dump(), dict(choice), choice.model_extra)
