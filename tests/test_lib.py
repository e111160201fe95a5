"""The helpers in `zai.lib`: stream accumulation and end-to-end batches."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import Api, user
from zai.lib import accumulate
from zai.testing import SSE
from zai_api.models import ChatCompletion, ChatCompletionChunk

CHAT = "/paas/v4/chat/completions"
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        },
    }
]


def chunk(**delta: Any) -> dict[str, Any]:
    return {"id": "c1", "model": "glm-5.2", "choices": [{"index": 0, "delta": delta}]}


def test_accumulate_merges_text_reasoning_and_tool_calls_by_index() -> None:
    chunks = [
        chunk(role="assistant", reasoning_content="Think"),
        chunk(reasoning_content="ing."),
        chunk(content="Calling "),
        chunk(content="tools."),
        chunk(
            tool_calls=[
                {"index": 0, "id": "call_a", "type": "function", "function": {"name": "f", "arguments": '{"x"'}}
            ]
        ),
        chunk(
            tool_calls=[{"index": 1, "id": "call_b", "type": "function", "function": {"name": "g", "arguments": ""}}]
        ),
        chunk(
            tool_calls=[{"index": 0, "function": {"arguments": ": 1}"}}, {"index": 1, "function": {"arguments": "{}"}}]
        ),
        {
            "id": "c1",
            "choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}],
            "usage": {"prompt_tokens": 3, "completion_tokens": 4, "total_tokens": 7},
        },
    ]
    completion = accumulate(ChatCompletionChunk.from_dict(c) for c in chunks)
    assert isinstance(completion, ChatCompletion)
    message = completion.choices[0].message
    assert message.content == "Calling tools."
    assert message.reasoning_content == "Thinking."
    assert [(c.id, c.function.name, c.function.arguments) for c in message.tool_calls] == [
        ("call_a", "f", '{"x": 1}'),
        ("call_b", "g", "{}"),
    ]
    assert completion.choices[0].finish_reason == "tool_calls"
    assert completion.usage.total_tokens == 7
    assert (completion.id, completion.model) == ("c1", "glm-5.2")
    assert accumulate(chunks).to_dict() == completion.to_dict()  # plain dicts work too


def test_get_final_completion_of_a_live_stream(api: Api) -> None:
    def final(client: Any) -> Any:
        stream = client.chat.completions.create(
            model="m", messages=user("Weather in Paris"), tools=TOOLS, tool_stream=True, stream=True
        )
        if hasattr(stream, "__await__"):

            async def run() -> Any:
                return await (await stream).get_final_completion()

            return run()
        return stream.get_final_completion()

    completion = api.run(final)
    call = completion.choices[0].message.tool_calls[0]
    assert json.loads(call.function.arguments) == {"city": "Paris"}
    assert completion.choices[0].finish_reason == "tool_calls"


def test_text_deltas(api: Api) -> None:
    api.server.script("POST", CHAT, SSE([chunk(content="He"), chunk(reasoning_content="x"), chunk(content="llo")]))

    def text(client: Any) -> Any:
        stream = client.chat.completions.create(model="m", messages=user(), stream=True)
        if hasattr(stream, "__await__"):

            async def run() -> Any:
                return [piece async for piece in (await stream).text_deltas()]

            return run()
        return list(stream.text_deltas())

    assert api.run(text) == ["He", "llo"]
