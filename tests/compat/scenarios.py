"""Small programs written against zai-sdk 0.2.3's API, run unchanged by zai-sdk and by us.

`python scenarios.py <name>` talks to the server named by ZAI_BASE_URL (the test's `FakeZai`) with
the key in ZAI_API_KEY and prints a JSON transcript of what the program saw. test_behaviour.py runs
each scenario with both SDKs against the same scripted replies and compares the transcripts and
the requests the server received. Attribute access only, as integrations read responses; the
`dumps` entries (model_dump) are compared separately.

Standard library, httpx and `zai` only; Python 3.9 syntax.
"""

from __future__ import annotations

import json
import sys
from typing import Any, Callable

import httpx

import zai
import zai.core._errors
import zai.types.agents
import zai.types.assistant
import zai.types.batch
import zai.types.chat
import zai.types.embeddings
import zai.types.files
import zai.types.image
import zai.types.moderation
import zai.types.ocr.layout_parsing_resp
import zai.types.video
import zai.types.voiceclone
import zai.types.web_reader
import zai.types.web_search
from zai import ZaiClient

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Weather of a city",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
        },
    }
]
USER = {"role": "user", "content": "What is the weather in Beijing?"}


def classes(value: Any, module: Any, names: list[str]) -> dict[str, bool]:
    """Which of zai-sdk's classes (by their zai-sdk names) `value` is an instance of."""
    return {name: isinstance(value, getattr(module, name)) for name in names}


def usage_of(usage: Any, names: list[str]) -> Any:
    if usage is None:
        return None
    prompt_details = usage.prompt_tokens_details
    completion_details = usage.completion_tokens_details
    return {
        "prompt_tokens": usage.prompt_tokens,
        "completion_tokens": usage.completion_tokens,
        "total_tokens": usage.total_tokens,
        "cached_tokens": None if prompt_details is None else prompt_details.cached_tokens,
        "reasoning_tokens": None if completion_details is None else completion_details.reasoning_tokens,
        "classes": classes(usage, zai.types.chat, names),
    }


def tool_call_of(call: Any) -> dict[str, Any]:
    return {
        "index": getattr(call, "index", None),
        "id": call.id,
        "type": call.type,
        "name": None if call.function is None else call.function.name,
        "arguments": None if call.function is None else call.function.arguments,
    }


def streaming(client: ZaiClient) -> dict[str, Any]:
    stream = client.chat.completions.create(model="glm-4.7", messages=[USER], tools=TOOLS, stream=True)
    chunks = []
    dumps = []
    first = next(stream)  # zai-sdk's StreamResponse is also an iterator
    for chunk in [first, *stream]:
        dumps.append(chunk.model_dump())
        choice = chunk.choices[0] if chunk.choices else None
        delta = None if choice is None else choice.delta
        chunks.append(
            {
                "id": chunk.id,
                "model": chunk.model,
                "created": chunk.created,
                "classes": classes(chunk, zai.types.chat, ["ChatCompletionChunk"]),
                "choice_classes": None if choice is None else classes(choice, zai.types.chat, ["Choice"]),
                "delta_classes": None if delta is None else classes(delta, zai.types.chat, ["ChoiceDelta"]),
                "finish_reason": None if choice is None else choice.finish_reason,
                "index": None if choice is None else choice.index,
                "role": None if delta is None else delta.role,
                "content": None if delta is None else delta.content,
                "reasoning_content": None if delta is None else delta.reasoning_content,
                "tool_calls": None
                if delta is None or delta.tool_calls is None
                else [
                    dict(tool_call_of(c), classes=classes(c, zai.types.chat, ["ChoiceDeltaToolCall"]))
                    for c in delta.tool_calls
                ],
                "usage": usage_of(chunk.usage, ["CompletionChunkUsage", "CompletionUsage"]),
            }
        )
    return {
        "stream_classes": classes(stream, zai.core, ["StreamResponse"]),
        "response_is_httpx": isinstance(stream.response, httpx.Response),
        "status": stream.response.status_code,
        "chunks": chunks,
        "dumps": {"chunks": dumps},
    }


def completion_of(completion: Any) -> dict[str, Any]:
    choice = completion.choices[0]
    message = choice.message
    return {
        "id": completion.id,
        "model": completion.model,
        "created": completion.created,
        "request_id": completion.request_id,
        "classes": classes(completion, zai.types.chat, ["Completion"]),
        "choice_classes": classes(choice, zai.types.chat, ["CompletionChoice"]),
        "message_classes": classes(message, zai.types.chat, ["CompletionMessage"]),
        "finish_reason": choice.finish_reason,
        "role": message.role,
        "content": message.content,
        "reasoning_content": message.reasoning_content,
        "tool_calls": None
        if message.tool_calls is None
        else [
            dict(tool_call_of(c), classes=classes(c, zai.types.chat, ["CompletionMessageToolCall"]))
            for c in message.tool_calls
        ],
        "usage": usage_of(completion.usage, ["CompletionUsage"]),
    }


def tool_round_trip(client: ZaiClient) -> dict[str, Any]:
    """Ask, get a tool call, answer it: once with the dumped message, once with the message object."""
    first = client.chat.completions.create(model="glm-4.7", messages=[USER], tools=TOOLS)
    message = first.choices[0].message
    call = message.tool_calls[0]
    tool_reply = {"role": "tool", "tool_call_id": call.id, "content": '{"weather": "sunny"}'}
    dumped = client.chat.completions.create(
        model="glm-4.7", messages=[USER, message.model_dump(), tool_reply], tools=TOOLS
    )
    as_object = client.chat.completions.create(model="glm-4.7", messages=[USER, message, tool_reply], tools=TOOLS)
    return {
        "first": completion_of(first),
        "after_dump": completion_of(dumped),
        "after_object": completion_of(as_object),
        "dumps": {"message": message.model_dump(), "content_key": "content" in message.model_dump()},
    }


def usage(client: ZaiClient) -> dict[str, Any]:
    completion = client.chat.completions.create(model="glm-4.7", messages=[USER], thinking={"type": "enabled"})
    dumps = {"usage": completion.usage.model_dump(), "completion": completion.model_dump()}
    return {"completion": completion_of(completion), "dumps": dumps}


ZAI_SDK_ERRORS = [
    "ZaiError",
    "APIStatusError",
    "APIRequestFailedError",
    "APIAuthenticationError",
    "APIReachLimitError",
    "APIInternalError",
    "APIServerFlowExceedError",
    "APIResponseError",
    "APIConnectionError",
    "APITimeoutError",
]


def error_of(error: Exception) -> dict[str, Any]:
    response = getattr(error, "response", None)
    return {
        "is": [name for name in ZAI_SDK_ERRORS if isinstance(error, getattr(zai.core._errors, name))],
        "core_is": [
            name for name in ZAI_SDK_ERRORS if hasattr(zai.core, name) and isinstance(error, getattr(zai.core, name))
        ],
        "status_code": getattr(error, "status_code", None),
        # Programs look for words of the body in the text, or parse it after "with error text".
        "str": str(error) if isinstance(response, httpx.Response) else None,
        "response_status": None if not isinstance(response, httpx.Response) else response.status_code,
        "response_json": None if not isinstance(response, httpx.Response) else response.json(),
    }


def errors(client: ZaiClient) -> dict[str, Any]:
    """The test scripts one error reply per status, in this order, on the chat route."""
    seen: dict[str, Any] = {}
    for status in ("400", "401", "403", "404", "429", "500", "502", "503"):
        try:
            client.chat.completions.create(model="glm-4.7", messages=[USER])
        except zai.core._errors.ZaiError as error:
            seen[status] = error_of(error)
        else:
            seen[status] = "no error"
    closed = ZaiClient(api_key="id.secret", base_url="http://127.0.0.1:9/api/paas/v4", max_retries=0)
    try:
        closed.chat.completions.create(model="glm-4.7", messages=[USER])
    except zai.core._errors.ZaiError as error:
        seen["connection"] = {"is": [n for n in ZAI_SDK_ERRORS if isinstance(error, getattr(zai.core._errors, n))]}
    try:
        for _ in client.chat.completions.create(model="glm-4.7", messages=[USER], stream=True):
            pass
    except zai.core._errors.ZaiError as error:
        seen["in_stream"] = {"is": [n for n in ZAI_SDK_ERRORS if isinstance(error, getattr(zai.core._errors, n))]}
    return seen


def _call(record: dict[str, Any], key: str, call: Callable[[], Any], module: Any, names: list[str]) -> Any:
    try:
        value = call()
    except Exception as error:
        record[key] = f"raised {type(error).__name__}"
        return None
    record[key] = classes(value, module, names)
    return value


def types_isinstance(client: ZaiClient) -> dict[str, Any]:
    """`isinstance` against the zai.types class zai-sdk documents for each call's result."""
    t = zai.types
    seen: dict[str, Any] = {}
    _call(
        seen,
        "embeddings.create",
        lambda: client.embeddings.create(model="embedding-3", input="hi"),
        t.embeddings,
        ["EmbeddingsResponded"],
    )
    _call(
        seen,
        "images.generations",
        lambda: client.images.generations(model="cogview-4", prompt="a cat"),
        t.image,
        ["ImagesResponded"],
    )
    task = _call(
        seen,
        "chat.asyncCompletions.create",
        lambda: client.chat.asyncCompletions.create(model="glm-4.7", messages=[USER]),
        t.chat,
        ["AsyncTaskStatus"],
    )
    if task is not None:
        poll = client.chat.asyncCompletions.retrieve_completion_result
        _call(
            seen,
            "retrieve_completion_result (processing)",
            lambda: poll(task.id),
            t.chat,
            ["AsyncCompletion", "AsyncTaskStatus"],
        )
    _call(
        seen,
        "files.create",
        lambda: client.files.create(file=("batch.jsonl", b"{}\n"), purpose="batch"),
        t.files,
        ["FileObject"],
    )
    _call(seen, "batches.retrieve", lambda: client.batches.retrieve("batch_1"), t.batch, ["Batch"])
    _call(
        seen,
        "moderations.create",
        lambda: client.moderations.create(model="moderation", input="hi"),
        t.moderation,
        ["Completion"],
    )
    _call(
        seen,
        "web_search.web_search",
        lambda: client.web_search.web_search(search_engine="search_std", search_query="x"),
        t.web_search,
        ["WebSearchResp"],
    )
    _call(
        seen,
        "web_reader.web_reader",
        lambda: client.web_reader.web_reader(url="https://example.com"),
        t.web_reader,
        ["WebReaderResult"],
    )
    _call(
        seen,
        "videos.generations",
        lambda: client.videos.generations(model="cogvideox-3", prompt="a cat"),
        t.video,
        ["VideoObject"],
    )
    _call(
        seen,
        "videos.retrieve_videos_result",
        lambda: client.videos.retrieve_videos_result("task_1"),
        t.video,
        ["VideoObject"],
    )
    _call(seen, "voice.list", lambda: client.voice.list(), t.voiceclone, ["VoiceListResult"])
    _call(
        seen,
        "layout_parsing.create",
        lambda: client.layout_parsing.create(model="glm-ocr", file="https://example.com/a.png"),
        t.ocr.layout_parsing_resp,
        ["LayoutParsingResp"],
    )
    _call(
        seen, "assistant.query_support", lambda: client.assistant.query_support(), t.assistant, ["AssistantSupportResp"]
    )
    _call(
        seen,
        "agents.invoke",
        lambda: client.agents.invoke(agent_id="general_translation", messages=[USER]),
        t.agents,
        ["AgentsCompletion"],
    )
    return seen


SCENARIOS: dict[str, Callable[[ZaiClient], dict[str, Any]]] = {
    "streaming": streaming,
    "tool_round_trip": tool_round_trip,
    "usage": usage,
    "errors": errors,
    "types_isinstance": types_isinstance,
}


def main() -> None:
    client = ZaiClient(max_retries=0)  # ZAI_API_KEY and ZAI_BASE_URL from the environment
    transcript = SCENARIOS[sys.argv[1]](client)
    json.dump(transcript, sys.stdout, indent=1, sort_keys=True, default=repr)


if __name__ == "__main__":
    main()
