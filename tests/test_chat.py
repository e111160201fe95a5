"""The chat operations at the HTTP level: method, URL, headers, JSON body, parsing; sync and async."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import Api, user
from zai import NOT_GIVEN
from zai.testing import SSE, Reply
from zai_api.models import ChatCompletion, ChatCompletionChunk, ChatCompletionMessage, UserMessage

CHAT = "/paas/v4/chat/completions"

FULL_COMPLETION = {
    "id": "20250926190540c29952ed24ae4570",
    "request_id": "req-123456",
    "created": 1758884740,
    "model": "glm-5.2",
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
                        "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'},
                    }
                ],
            },
        }
    ],
    "usage": {
        "prompt_tokens": 18,
        "completion_tokens": 20,
        "total_tokens": 38,
        "prompt_tokens_details": {"cached_tokens": 4},
    },
    "web_search": [{"title": "Weather", "link": "https://example.com", "refer": "ref_1"}],
}


def test_create_sends_only_given_fields(api: Api) -> None:
    api.server.script("POST", CHAT, Reply(200, FULL_COMPLETION))
    completion = api.run(lambda c: c.chat.completions.create(model="glm-5.2", messages=user("Hi"), temperature=0.0))
    request = api.server.last("POST", CHAT)
    assert request.json() == {"model": "glm-5.2", "messages": [{"role": "user", "content": "Hi"}], "temperature": 0.0}
    assert request.headers["content-type"] == "application/json"
    assert request.headers["accept"] == "application/json"
    assert isinstance(completion, ChatCompletion)


def test_create_parses_the_whole_completion(api: Api) -> None:
    api.server.script("POST", CHAT, Reply(200, FULL_COMPLETION))
    completion = api.run(lambda c: c.chat.completions.create(model="glm-5.2", messages=user()))
    choice = completion.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.content is None
    assert choice.message.reasoning_content == "Need the weather."
    call = choice.message.tool_calls[0]
    assert (call.id, call.type, call.function.name) == ("call_1", "function", "get_weather")
    assert json.loads(call.function.arguments) == {"city": "Paris"}
    assert completion.usage.prompt_tokens_details.cached_tokens == 4
    assert completion.web_search[0].refer == "ref_1"
    assert completion.to_dict() == FULL_COMPLETION  # what the server sent, explicit nulls included


def test_every_documented_argument_goes_into_the_body(api: Api) -> None:
    arguments: dict[str, Any] = {
        "model": "glm-5.2",
        "messages": [
            {"role": "system", "content": "Be brief."},
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "What is this?"},
                    {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
                    {"type": "video_url", "video_url": {"url": "https://example.com/v.mp4"}},
                    {"type": "file_url", "file_url": {"url": "https://example.com/a.pdf"}},
                    {"type": "file", "file": {"file_id": "file-1", "filename": "a.pdf"}},
                    {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}},
                ],
            },
            {
                "role": "assistant",
                "content": None,
                "reasoning_content": "thinking...",
                "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}],
            },
            {"role": "tool", "content": '{"ok": true}', "tool_call_id": "c1"},
        ],
        "stream": False,
        "thinking": {"type": "enabled", "clear_thinking": False},
        "reasoning_effort": "high",
        "do_sample": True,
        "temperature": 1.0,
        "top_p": 0.01,
        "max_tokens": 131072,
        "seed": 42,
        "stop": ["Human:"],
        "tools": [
            {"type": "function", "function": {"name": "f", "description": "d", "parameters": {"type": "object"}}},
            {"type": "retrieval", "retrieval": {"knowledge_id": "kb-1", "prompt_template": "{{knowledge}}"}},
            {"type": "web_search", "web_search": {"enable": True, "search_engine": "search_pro", "count": 5}},
            {"type": "mcp", "mcp": {"server_label": "maps", "server_url": "https://mcp.example.com"}},
        ],
        "tool_choice": "auto",
        "tool_stream": False,
        "response_format": {"type": "json_object"},
        "meta": {"user_info": "u", "bot_info": "b", "bot_name": "Bot", "user_name": "User"},
        "request_id": "request-0001",
        "user_id": "user-000001",
        "watermark_enabled": False,
        "sensitive_word_check": {"type": "ALL", "status": "DISABLE"},
        "extra": {"target": {"path": "a.py", "language": "python", "code_prefix": "def f(", "code_suffix": ""}},
    }
    original = copy.deepcopy(arguments)
    api.run(lambda c: c.chat.completions.create(**arguments))
    assert api.server.last("POST", CHAT).json() == original
    assert arguments == original  # the caller's data is not mutated (the data: prefix is kept too)


def test_values_are_sent_as_given_not_clamped(api: Api) -> None:
    api.run(lambda c: c.chat.completions.create(model="m", messages=user(), temperature=0, top_p=1))
    body = api.server.last("POST", CHAT).json()
    assert (body["temperature"], body["top_p"], "do_sample" in body) == (0, 1, False)


def test_explicit_not_given_is_left_out(api: Api) -> None:
    api.run(lambda c: c.chat.completions.create(model="m", messages=user(), temperature=NOT_GIVEN))
    assert "temperature" not in api.server.last("POST", CHAT).json()


def test_none_is_left_out_like_an_argument_not_given(api: Api) -> None:
    """Wrappers pass their own optional arguments through: `None` sends nothing, not `null`."""
    api.run(
        lambda c: c.chat.completions.create(
            model="m", messages=user(), temperature=None, thinking=None, user_id=None, stop=None, stream=None
        )
    )
    assert api.server.last("POST", CHAT).json() == {"model": "m", "messages": user()}


def test_messages_may_be_any_iterable_and_a_generator_is_read_once(api: Api) -> None:
    read: list[str] = []

    def conversation() -> Iterator[Any]:
        for text in ("first", "second"):
            read.append(text)
            yield {"role": "user", "content": text} if text == "first" else UserMessage(content=text)

    api.run(lambda c: c.chat.completions.create(model="m", messages=conversation()))
    assert api.server.last("POST", CHAT).json()["messages"] == [
        {"role": "user", "content": "first"},
        {"role": "user", "content": "second"},
    ]
    assert read == ["first", "second"]
    api.run(lambda c: c.chat.completions.create(model="m", messages=tuple(user("t")), tools=iter([])))
    assert api.server.last("POST", CHAT).json() == {"model": "m", "messages": user("t"), "tools": []}


def test_extra_headers_query_and_body(api: Api) -> None:
    api.run(
        lambda c: c.chat.completions.create(
            model="m",
            messages=user(),
            extra_headers={"X-Trace": "t-1", "Accept-Language": "zh-CN"},
            extra_query={"debug": "1"},
            extra_body={"thinking": {"type": "disabled"}, "new_field": [1, 2]},
        )
    )
    request = api.server.last("POST", CHAT)
    assert request.headers["x-trace"] == "t-1"
    assert request.headers["accept-language"] == "zh-CN"
    assert request.query == {"debug": ["1"]}
    assert request.json()["thinking"] == {"type": "disabled"}
    assert request.json()["new_field"] == [1, 2]


def test_response_models_can_be_sent_back_in_messages(api: Api) -> None:
    api.server.script("POST", CHAT, Reply(200, FULL_COMPLETION))

    def two_turns(client: Any) -> Any:
        first = client.chat.completions.create(model="m", messages=user("weather?"))
        return first

    first = api.run(two_turns)
    message: ChatCompletionMessage = first.choices[0].message
    history = [*user("weather?"), message, {"role": "tool", "content": "sunny", "tool_call_id": "call_1"}]
    api.run(lambda c: c.chat.completions.create(model="m", messages=history))
    sent = api.server.last("POST", CHAT).json()["messages"][1]
    # What the server sent, its explicit `"content": null` included (zai-sdk sends it back the same way).
    assert sent == {
        "role": "assistant",
        "content": None,
        "reasoning_content": "Need the weather.",
        "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}}
        ],
    }


def test_unserialisable_argument_is_named_before_sending(api: Api) -> None:
    with pytest.raises(TypeError, match="`messages`"):
        api.run(lambda c: c.chat.completions.create(model="m", messages=[{"role": "user", "content": object()}]))
    with pytest.raises(TypeError, match="`temperature`"):
        api.run(lambda c: c.chat.completions.create(model="m", messages=user(), temperature=float("nan")))
    assert api.server.count("POST", CHAT) == 0


def test_missing_required_argument_is_a_type_error(api: Api) -> None:
    with pytest.raises(TypeError, match="messages"):
        api.run(lambda c: c.chat.completions.create(model="m"))
    assert api.server.count("POST", CHAT) == 0


def test_stream_request_and_chunks(api: Api) -> None:
    chunks = api.run(
        lambda c: c.chat.completions.create(model="glm-5.2", messages=user("Hi there"), stream=True),
        consume=True,
    )
    request = api.server.last("POST", CHAT)
    assert request.json()["stream"] is True
    assert request.headers["accept"] == "text/event-stream"
    assert all(isinstance(chunk, ChatCompletionChunk) for chunk in chunks)
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks)
    assert text == 'This is the local Z.ai test server. You said: "Hi there"'
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].usage.total_tokens > 0


def test_stream_with_reasoning_and_tool_call_fragments(api: Api) -> None:
    tools = [
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
            },
        }
    ]
    chunks = api.run(
        lambda c: c.chat.completions.create(
            model="m",
            messages=user("Weather in Paris"),
            tools=tools,
            tool_stream=True,
            thinking={"type": "enabled"},
            stream=True,
        ),
        consume=True,
    )
    reasoning = "".join(c.choices[0].delta.reasoning_content or "" for c in chunks)
    arguments = "".join(
        call.function.arguments for c in chunks for call in (c.choices[0].delta.tool_calls or []) if call.function
    )
    assert reasoning
    assert json.loads(arguments) == {"city": "Paris"}
    assert chunks[-1].choices[0].finish_reason == "tool_calls"


def test_async_completion_task_and_result(api: Api) -> None:
    task = api.run(lambda c: c.chat.asyncCompletions.create(model="glm-5.2", messages=user("later")))
    submit = api.server.last("POST", "/paas/v4/async/chat/completions")
    assert submit.json() == {"model": "glm-5.2", "messages": [{"role": "user", "content": "later"}]}
    assert task.task_status == "PROCESSING"
    first = api.run(lambda c: c.chat.asyncCompletions.retrieve_completion_result(task.id))
    second = api.run(lambda c: c.chat.asyncCompletions.retrieve_completion_result(id=task.id))
    assert api.server.last().path == f"/paas/v4/async-result/{task.id}"
    assert api.server.last().method == "GET"
    assert (first.task_status, first.choices) == ("PROCESSING", None)
    assert second.task_status == "SUCCESS"
    assert second.choices[0].message.content.endswith('"later"')


def test_result_id_is_quoted_and_must_not_be_empty(api: Api) -> None:
    api.server.script("GET", "/paas/v4/async-result/a%2Fb%20c", Reply(200, {"id": "a/b c", "task_status": "FAIL"}))
    result = api.run(lambda c: c.chat.asyncCompletions.retrieve_completion_result("a/b c"))
    assert result.task_status == "FAIL"
    with pytest.raises(ValueError, match="non-empty value for `id`"):
        api.run(lambda c: c.chat.asyncCompletions.retrieve_completion_result(""))


def test_scripted_stream_events_are_parsed_verbatim(api: Api) -> None:
    api.server.script(
        "POST",
        CHAT,
        SSE(
            [
                {"id": "1", "choices": [{"index": 0, "delta": {"role": "assistant", "content": "A"}}]},
                {"id": "1", "choices": [{"index": 0, "delta": {"content": "B"}, "finish_reason": "brand_new"}]},
            ]
        ),
    )
    chunks = api.run(lambda c: c.chat.completions.create(model="m", messages=user(), stream=True), consume=True)
    assert [c.choices[0].delta.content for c in chunks] == ["A", "B"]
    assert chunks[1].choices[0].finish_reason == "brand_new"
    assert type(chunks[1].choices[0].finish_reason) is str
