"""The helpers in `zai.lib`: stream accumulation and end-to-end batches."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import Api, user
from zai.lib import accumulate, arun_batch, run_batch
from zai.testing import SSE, Reply
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


def test_run_batch_end_to_end(api: Api, sleeps: list[float]) -> None:
    batch = {"id": "batch_1", "object": "batch", "input_file_id": "file_in", "endpoint": "/v4/chat/completions"}
    running = {**batch, "status": "in_progress", "request_counts": {"total": 2, "completed": 1, "failed": 0}}
    done = {**batch, "status": "completed", "output_file_id": "file_out", "error_file_id": "file_err"}
    output = [
        {
            "custom_id": "request-0",
            "response": {"status_code": 200, "body": {"choices": [{"message": {"content": "A"}}]}},
        },
        {"custom_id": "b", "response": {"status_code": 200, "body": {"choices": [{"message": {"content": "B"}}]}}},
    ]
    errors = [{"custom_id": "c", "error": {"code": "1214", "message": "bad"}}]
    server = api.server
    server.script("POST", "/paas/v4/files", Reply(200, {"id": "file_in", "object": "file", "purpose": "batch"}))
    server.script("POST", "/paas/v4/batches", Reply(200, {**batch, "status": "validating"}))
    server.script("GET", "/paas/v4/batches/batch_1", Reply(200, running), Reply(200, done))
    jsonl = "".join(json.dumps(line) + "\n" for line in output).encode()
    server.script("GET", "/paas/v4/files/file_out/content", Reply(200, body=jsonl, content_type="application/jsonl"))
    server.script(
        "GET",
        "/paas/v4/files/file_err/content",
        Reply(200, body=(json.dumps(errors[0]) + "\n").encode(), content_type="application/jsonl"),
    )
    seen: list[str] = []
    requests = [{"model": "glm-4-flash", "messages": user("a")}, {"custom_id": "b", "body": {"model": "m"}}]

    def go(client: Any) -> Any:
        runner = arun_batch if hasattr(client, "aclose") else run_batch
        return runner(client, requests, poll_interval=1, on_progress=lambda b: seen.append(str(b.status)))

    run = api.run(go)
    upload = server.requests[0]
    lines = [json.loads(line) for line in upload.body.split(b"\r\n\r\n", 2)[-1].split(b"\r\n--")[0].splitlines()]
    assert lines == [
        {"custom_id": "request-0", "method": "POST", "url": "/v4/chat/completions", "body": requests[0]},
        {"custom_id": "b", "method": "POST", "url": "/v4/chat/completions", "body": {"model": "m"}},
    ]
    assert b'name="purpose"\r\n\r\nbatch' in upload.body
    assert server.requests[1].json()["input_file_id"] == "file_in"
    assert seen == ["in_progress", "completed"]
    assert run.results["request-0"]["body"]["choices"][0]["message"]["content"] == "A"
    assert set(run.results) == {"request-0", "b"}
    assert run.errors["c"]["error"]["code"] == "1214"
