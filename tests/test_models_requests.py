"""Models inside request bodies serialize as zai-sdk sends them (`by_alias`, `exclude_unset`); sync and async.

The expected bodies were captured from zai-sdk 0.2.3 running the same two-turn tool-call exchange
against an `httpx.MockTransport` answering with the same payloads.
"""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import Api
from zai.testing import Reply
from zai_api.models import ChatCompletionMessage, ChatCompletionMessageToolCall, FunctionCall, WebReaderResult

CHAT = "/paas/v4/chat/completions"
ARGUMENTS = '{"city": "Paris"}'
FIRST = {
    "id": "c-1",
    "created": 1,
    "model": "glm-4.5",
    "request_id": "r-1",
    "object": "chat.completion",
    "choices": [
        {
            "index": 0,
            "finish_reason": "tool_calls",
            "message": {
                "role": "assistant",
                "content": None,
                "reasoning_content": "Need the weather.",
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "index": 0,
                        "function": {"name": "get_weather", "arguments": ARGUMENTS},
                    }
                ],
            },
        }
    ],
    "usage": {
        "prompt_tokens": 5,
        "completion_tokens": 7,
        "total_tokens": 12,
        "prompt_tokens_details": {"cached_tokens": 0},
    },
}
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
        },
    }
]
# zai-sdk 0.2.3's second request, `messages` (captured side by side).
ZAI_SDK_MESSAGES = [
    {"content": "Weather in Paris?", "role": "user"},
    {
        "content": None,
        "reasoning_content": "Need the weather.",
        "role": "assistant",
        "tool_calls": [
            {
                "function": {"arguments": ARGUMENTS, "name": "get_weather"},
                "id": "call_1",
                "index": 0,
                "type": "function",
            }
        ],
    },
    {"content": "sunny", "role": "tool", "tool_call_id": "call_1"},
]


def two_turns(api: Api, first: dict[str, Any]) -> list[Any]:
    api.server.script("POST", CHAT, Reply(200, first), Reply(200, first))
    messages: list[Any] = [{"role": "user", "content": "Weather in Paris?"}]

    def run(client: Any) -> Any:
        return client.chat.completions.create(model="glm-4.5", messages=messages, tools=TOOLS)

    message = api.run(run).choices[0].message
    messages.append(message)
    messages.append({"role": "tool", "tool_call_id": message.tool_calls[0].id, "content": "sunny"})
    api.run(run)
    sent: list[Any] = api.server.last("POST", CHAT).json()["messages"]
    return sent


def test_a_tool_call_round_trip_sends_what_zai_sdk_sends(api: Api) -> None:
    assert two_turns(api, FIRST) == ZAI_SDK_MESSAGES


def test_fields_the_server_left_out_stay_out(api: Api) -> None:
    first = json.loads(json.dumps(FIRST))
    del first["choices"][0]["message"]["content"]
    sent = two_turns(api, first)
    assert sent[1] == {key: value for key, value in ZAI_SDK_MESSAGES[1].items() if key != "content"}


def test_models_built_in_code_send_the_fields_given_a_value(api: Api) -> None:
    call = ChatCompletionMessageToolCall(
        id="call_1", type="function", function=FunctionCall(name="get_weather", arguments=ARGUMENTS)
    )
    message = ChatCompletionMessage(role="assistant", tool_calls=[call])
    api.server.script("POST", CHAT, Reply(200, FIRST))
    api.run(lambda c: c.chat.completions.create(model="glm-4.5", messages=[message]))
    assert api.server.last("POST", CHAT).json()["messages"] == [
        {
            "role": "assistant",
            "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": ARGUMENTS}}
            ],
        }
    ]


def test_models_in_bodies_use_wire_names(api: Api) -> None:
    page = WebReaderResult.from_dict({"publishedTime": "2024"})
    api.server.script("POST", CHAT, Reply(200, FIRST))
    api.run(
        lambda c: c.chat.completions.create(
            model="m", messages=[{"role": "user", "content": "x"}], extra_body={"page": page}
        )
    )
    assert api.server.last("POST", CHAT).json()["page"] == {"publishedTime": "2024"}
