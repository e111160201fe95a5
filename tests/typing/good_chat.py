"""Correct programs: chat completions, streams, tool calls and responses, as users write them."""

from __future__ import annotations

import json
from collections.abc import Iterator

import zai
from zai import Stream, ZaiClient
from zai.lib import content_text
from zai.types.chat import ChatCompletionMessageParam, ChatCompletionToolParam
from zai_api.models import ChatCompletion, ChatCompletionChunk, ChatCompletionMessage

client = ZaiClient(api_key="id.secret", timeout=10, max_retries=2)

completion = client.chat.completions.create(
    model="glm-5.2",
    messages=[
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Name three primary colours."},
    ],
    temperature=0.3,
    max_tokens=200,
    stop=["\n\n"],
    thinking={"type": "disabled"},
    response_format={"type": "json_object"},
    reasoning_effort="high",
    timeout=30.0,
    extra_body={"custom": 1},
)
content = completion.choices[0].message.content
text: str | None = content if isinstance(content, str) else None  # a list of parts for GLM-4V models
print(text, completion.usage and completion.usage.total_tokens)

# Tool calls: the returned message goes back into the conversation as it is.
tools: list[ChatCompletionToolParam] = [
    {
        "type": "function",
        "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {}}},
    }
]
history: list[ChatCompletionMessageParam] = [{"role": "user", "content": "Weather in Paris?"}]
first = client.chat.completions.create(model="glm-5.2", messages=history, tools=tools, tool_choice="auto")
reply: ChatCompletionMessage = first.choices[0].message
history.append(reply)
for call in reply.tool_calls or []:
    if call.function is not None:
        arguments = json.loads(call.function.arguments)
        history.append({"role": "tool", "tool_call_id": call.id, "content": json.dumps(arguments)})
# An assistant message written by hand may quote the tool calls the model returned.
history.append({"role": "assistant", "content": None, "tool_calls": reply.tool_calls or []})
final = client.chat.completions.create(model="glm-5.2", messages=history, tools=tools)
print(final.choices[0].message.content)

# A response message directly in a literal list.
again = client.chat.completions.create(model="glm-5.2", messages=[reply, {"role": "user", "content": "Thanks"}])
print(again.id)

# Streaming: the stream flag picks the return type.
stream: Stream[ChatCompletionChunk] = client.chat.completions.create(
    model="glm-5.2", messages=[{"role": "user", "content": "Hi"}], stream=True
)
with stream:
    for chunk in stream:
        delta = chunk.choices[0].delta
        print(delta.reasoning_content or delta.content or "", end="")


def ask(prompt: str, streaming: bool) -> ChatCompletion | Stream[ChatCompletionChunk]:
    return client.chat.completions.create(
        model="glm-5.2", messages=[{"role": "user", "content": prompt}], stream=streaming
    )


def chunks(prompt: str) -> Iterator[str]:
    for chunk in client.chat.completions.create(
        model="glm-5.2", messages=[{"role": "user", "content": prompt}], stream=True
    ):
        for choice in chunk.choices:
            yield content_text(choice.delta.content)


# Multimodal content parts.
vision = client.chat.completions.create(
    model="glm-4.5v",
    messages=[
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "What is in this picture?"},
                {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}},
            ],
        }
    ],
)

# Finish reasons and statuses are the Literal of their known values: compare with the strings.
choice = completion.choices[0]
if choice.finish_reason == "sensitive":
    print("filtered")
elif choice.finish_reason in ("stop", "length"):
    print("done")
if choice.finish_reason == "tool_calls" or choice.finish_reason == "network_error":
    print("tools")
# A value the SDK does not know (a newer one, another platform's) is a plain str: compare as str.
if str(choice.finish_reason) == "content_filter":
    print(repr(choice))

# Errors, including the ones loaded lazily.
try:
    client.chat.completions.create(model="glm-5.2", messages=[{"role": "user", "content": "Hi"}])
except zai.RateLimitError as error:
    print(error.status_code, error.code, error.message)
except zai.APIStatusError as error:
    print(error.status_code, error.request_id)
except zai.APIConnectionError:
    pass

print(zai.Stream, zai.AsyncStream, zai.NOT_GIVEN)
