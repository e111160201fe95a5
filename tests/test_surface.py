"""zai-sdk 0.2.3 compatibility and the behaviours beyond one request: positional arguments, uploads,
downloads, pagination, waiting, status envelopes, SSE-only streams, raw mode."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import pkgutil
from pathlib import Path
from typing import Any

import pytest

import zai
import zai._files as files_module
import zai.types
from tests.conftest import KEY, Api
from zai import APIBusinessError, AsyncZaiClient, WaitTimeoutError, ZaiClient
from zai._binary import AsyncBinaryResponse
from zai.testing import SSE, FakeZai, Reply
from zai.testing._examples import BINARY_BODY
from zai.types.chat.chat_completion import Completion
from zai.types.chat.chat_completion_chunk import ChatCompletionChunk

MESSAGES = [{"role": "user", "content": "hi"}]


def test_zai_sdk_methods_exist_with_their_signatures() -> None:
    """The zai-sdk 0.2.3 surface (notes §3 and §11), on both clients."""
    expected = {
        "chat.completions.create": ["model", "messages"],
        "chat.asyncCompletions.create": ["model", "messages"],
        "chat.asyncCompletions.retrieve_completion_result": ["id"],
        "assistant.conversation": ["assistant_id", "messages", "model"],
        "assistant.query_support": [],
        "assistant.query_conversation_usage": ["assistant_id", "page", "page_size"],
        "agents.invoke": ["agent_id", "request_id", "stream", "messages", "user_id", "custom_variables"],
        "agents.async_result": ["agent_id", "async_id", "conversation_id", "custom_variables"],
        "embeddings.create": ["input", "model"],
        "batches.create": ["endpoint", "input_file_id", "completion_window", "metadata", "auto_delete_input_file"],
        "batches.retrieve": ["batch_id"],
        "batches.list": [],
        "batches.cancel": ["batch_id"],
        "tools.web_search": ["model", "messages", "stream", "scope", "location", "recent_days"],
        "web_search.web_search": ["search_engine", "search_query", "count", "search_recency_filter"],
        "web_reader.web_reader": ["url", "timeout", "return_format", "timeout_override"],
        "files.create": ["file", "upload_detail", "purpose", "knowledge_id", "sentence_size"],
        "files.list": ["purpose", "limit", "after", "order"],
        "files.delete": ["file_id"],
        "files.content": ["file_id"],
        "images.generations": ["prompt", "model", "size", "disable_strict_validation"],
        "images.async_generations": ["prompt", "model"],
        "images.retrieve_images_result": ["id"],
        "audio.speech": ["model", "input", "voice", "speed", "volume", "stream"],
        "audio.customization": ["model", "input", "voice_text", "voice_data"],
        "audio.transcriptions.create": ["file", "model", "file_base64", "hotwords", "stream"],
        "videos.generations": ["model", "prompt", "image_url", "with_audio", "duration"],
        "videos.retrieve_videos_result": ["id"],
        "moderations.create": ["model", "input"],
        "voice.clone": ["voice_name", "text", "input", "file_id", "model"],
        "voice.delete": ["voice"],
        "voice.list": ["voice_type", "voice_name", "request_id"],
        "file_parser.create": ["file", "file_type", "tool_type"],
        "file_parser.content": ["task_id", "format_type"],
        "file_parser.create_sync": ["file", "file_type", "tool_type"],
        "ocr.handwriting_ocr": ["file", "tool_type", "language_type", "probability"],
        "layout_parsing.create": ["model", "file"],
    }
    for client in (ZaiClient(api_key=KEY), AsyncZaiClient(api_key=KEY)):
        for method, parameters in expected.items():
            target: Any = client
            for part in method.split("."):
                target = getattr(target, part)
            names = inspect.signature(target).parameters
            for name in [*parameters, "extra_headers", "extra_body"]:
                assert name in names, f"{method} lacks {name}"


def test_positional_arguments_as_in_zai_sdk(api: Api) -> None:
    api.run(lambda c: c.assistant.query_conversation_usage("asst-1", 2, 20))
    assert api.server.last().json() == {"assistant_id": "asst-1", "page": 2, "page_size": 20}
    api.run(lambda c: c.assistant.query_conversation_usage("asst-1"))
    assert api.server.last().json() == {"assistant_id": "asst-1", "page": 1, "page_size": 10}
    api.run(lambda c: c.agents.invoke("general_translation", "req-000001", False, MESSAGES))
    assert api.server.last().json() == {
        "agent_id": "general_translation",
        "request_id": "req-000001",
        "stream": False,
        "messages": MESSAGES,
    }
    api.run(lambda c: c.assistant.conversation("asst-1", MESSAGES, "glm-4-assistant"))
    assert api.server.last().json() == {
        "assistant_id": "asst-1",
        "messages": MESSAGES,
        "model": "glm-4-assistant",
        "stream": False,  # the API streams by default; the SDK asks for JSON unless stream=True
    }


def test_none_is_the_same_as_leaving_an_argument_out(api: Api) -> None:
    api.run(lambda c: c.assistant.query_conversation_usage("asst-1", None, None))
    assert api.server.last().json() == {"assistant_id": "asst-1", "page": 1, "page_size": 10}  # the defaults
    api.run(lambda c: c.agents.invoke("general_translation", None, None, MESSAGES, None))
    assert api.server.last().json() == {"agent_id": "general_translation", "messages": MESSAGES}
    api.run(lambda c: c.assistant.conversation("asst-1", MESSAGES, None, stream=None))
    assert api.server.last().json() == {"assistant_id": "asst-1", "messages": MESSAGES, "stream": False}


def test_web_reader_timeout_is_a_body_field(api: Api) -> None:
    api.run(lambda c: c.web_reader.web_reader(url="https://example.com", timeout=20, timeout_override=30.0))
    assert api.server.last().json() == {"url": "https://example.com", "timeout": 20}


def test_agents_use_the_api_root(api: Api) -> None:
    api.run(lambda c: c.agents.invoke(agent_id="general_translation", messages=MESSAGES))
    assert api.server.last().path == "/v1/agents"


def test_unset_query_values_are_not_sent(api: Api) -> None:
    api.run(lambda c: c.voice.list(voice_type="PRIVATE"))
    assert api.server.last().query == {"voiceType": ["PRIVATE"]}
    api.run(lambda c: c.voice.list())
    assert api.server.last().query == {}


def test_upload_from_path_streams_and_closes_the_file(api: Api, tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(b'{"custom_id": "1"}\n' * 1000)
    opened: list[Any] = []
    real_open = open

    def spy(*args: Any, **kwargs: Any) -> Any:
        handle = real_open(*args, **kwargs)
        opened.append(handle)
        return handle

    files_module.open = spy  # type: ignore[attr-defined]
    try:
        api.run(lambda c: c.files.create(file=path, purpose="batch"))
    finally:
        del files_module.open  # type: ignore[attr-defined]
    request = api.server.last()
    assert b'name="purpose"\r\n\r\nbatch' in request.body
    assert b'name="file"; filename="data.jsonl"' in request.body
    assert request.body.count(b'{"custom_id": "1"}') == 1000
    assert len(opened) == 1 and opened[0].closed


@pytest.mark.parametrize(
    "file",
    [b"raw bytes", ("notes.txt", b"raw bytes", "text/plain"), ("notes.txt", b"raw bytes")],
    ids=["bytes", "tuple3", "tuple2"],
)
def test_upload_from_bytes_and_tuples(api: Api, file: Any) -> None:
    api.run(lambda c: c.files.create(file=file, purpose="batch"))
    assert b"raw bytes" in api.server.last().body


def test_upload_from_a_file_object(api: Api, tmp_path: Path) -> None:
    path = tmp_path / "speech.wav"
    path.write_bytes(b"RIFFxxxx")
    with open(path, "rb") as handle:
        api.run(lambda c: c.audio.transcriptions.create(file=handle, model="glm-asr-2512"))
    assert b'filename="speech.wav"' in api.server.last().body


def test_missing_file_is_named_before_anything_is_sent(api: Api, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="`file`"):
        api.run(lambda c: c.files.create(file=tmp_path / "absent.jsonl", purpose="batch"))
    assert api.server.requests == []
    with pytest.raises(TypeError, match="`file`"):
        api.run(lambda c: c.files.create(file=12345, purpose="batch"))


def test_multipart_lists_and_objects(api: Api) -> None:
    api.run(
        lambda c: c.audio.transcriptions.create(
            file_base64="UklGRg==", model="glm-asr-2512", hotwords=["Z.ai", "GLM", "Zhipu"], stream=False
        )
    )
    body = api.server.last().body
    assert body.count(b'name="hotwords"') == 3
    assert b'name="file"' not in body  # file_base64 alone is enough
    assert b'name="stream"\r\n\r\nfalse' in body
    detail = [{"url": "https://example.com/a.pdf", "knowledge_type": 1}]
    api.run(lambda c: c.files.create(upload_detail=detail, purpose="retrieval", knowledge_id="kb-1"))
    body = api.server.last().body
    assert b'name="upload_detail"\r\n\r\n[{"url": "https://example.com/a.pdf", "knowledge_type": 1}]' in body
    assert b'name="file"' not in body


def test_binary_response_streams_to_disk(server: FakeZai, tmp_path: Path) -> None:
    with ZaiClient(api_key=KEY, base_url=server.base_url) as client:
        speech = client.audio.speech(model="glm-tts", input="hello", voice="tongtong")
        assert not speech.response.is_stream_consumed
        target = tmp_path / "out.wav"
        speech.stream_to_file(target)
        assert target.read_bytes() == BINARY_BODY
        assert speech.response.is_closed
        file_id = str(client.files.create(file=BINARY_BODY, purpose="agent").id)
        download = client.files.content(file_id)
        assert download.content == BINARY_BODY
        assert download.text.startswith("RIFF")
        client.files.content(file_id).write_to_file(tmp_path / "copy.bin")
        assert (tmp_path / "copy.bin").read_bytes() == BINARY_BODY
    assert server.requests[0].json() == {
        "model": "glm-tts",
        "input": "hello",
        "voice": "tongtong",
        "speed": 1.0,
        "volume": 1.0,
    }


def test_async_binary_response(server: FakeZai, tmp_path: Path) -> None:
    async def main() -> None:
        async with AsyncZaiClient(api_key=KEY, base_url=server.base_url) as client:
            speech = await client.audio.speech(model="glm-tts", input="hello", voice="tongtong")
            assert isinstance(speech, AsyncBinaryResponse)
            await speech.stream_to_file(tmp_path / "out.wav")
            uploaded = await client.files.create(file=BINARY_BODY, purpose="agent")
            download = await client.files.content(str(uploaded.id))
            assert await download.read() == BINARY_BODY

    asyncio.run(main())
    assert (tmp_path / "out.wav").read_bytes() == BINARY_BODY


def page(ids: list[str], has_more: bool | None = None) -> Reply:
    body: dict[str, Any] = {
        "object": "list",
        "data": [{"id": i, "object": "batch", "status": "completed"} for i in ids],
    }
    if has_more is not None:
        body["has_more"] = has_more
    return Reply(200, body)


def test_cursor_pages_are_followed(api: Api) -> None:
    api.server.script("GET", "/paas/v4/batches", page(["b1", "b2"]), page(["b3"]), page([]))

    def collect(client: Any) -> Any:
        first = client.batches.list(limit=2)
        if isinstance(client, AsyncZaiClient):

            async def run() -> Any:
                page_ = await first
                return [b.id async for b in page_]

            return run()
        return [b.id for b in first]

    assert api.run(collect) == ["b1", "b2", "b3"]
    queries = [r.query for r in api.server.requests]
    assert queries == [{"limit": ["2"]}, {"limit": ["2"], "after": ["b2"]}, {"limit": ["2"], "after": ["b3"]}]


def test_has_more_false_stops_paging(api: Api) -> None:
    api.server.script("GET", "/paas/v4/batches", page(["b1"], has_more=False))
    first = api.run(lambda c: c.batches.list())
    assert [b.id for b in first.data] == ["b1"]
    assert not first.has_next_page()
    assert first.has_more is False
    assert first.object == "list"


def status(value: str, **extra: Any) -> Reply:
    return Reply(200, {"id": "task-1", "task_status": value, **extra})


def test_wait_polls_until_done_with_progress(api: Api, sleeps: list[float]) -> None:
    done = status("SUCCESS", video_result=[{"url": "https://example.com/v.mp4", "cover_image_url": "c"}])
    api.server.script("GET", "/paas/v4/async-result/task-1", status("PROCESSING"), status("PROCESSING"), done)
    seen: list[str] = []
    result = api.run(
        lambda c: c.videos.wait("task-1", poll_interval=0.5, on_progress=lambda r: seen.append(str(r.task_status)))
    )
    assert result.video_result[0].url == "https://example.com/v.mp4"
    assert seen == ["PROCESSING", "PROCESSING", "SUCCESS"]
    assert sleeps == [0.5, 0.5]


def test_wait_gives_up_after_its_timeout(api: Api) -> None:
    api.server.script("GET", "/paas/v4/async-result/task-1", *[status("PROCESSING")] * 50)
    with pytest.raises(WaitTimeoutError) as info:
        api.run(lambda c: c.chat.asyncCompletions.wait("task-1", timeout=0.05, poll_interval=0.01))
    assert info.value.last.task_status == "PROCESSING"
    with pytest.raises(ValueError, match="positive"):
        api.run(lambda c: c.images.wait("task-1", poll_interval=0))


def test_failed_envelope_raises(api: Api) -> None:
    api.server.script(
        "GET", "/llm-application/open/knowledge/kb-1", Reply(200, {"code": 10003, "message": "knowledge not found"})
    )
    with pytest.raises(APIBusinessError) as info:
        api.run(lambda c: c.knowledge.retrieve("kb-1"))
    assert info.value.code == "10003"
    assert "knowledge not found" in str(info.value)
    assert info.value.status_code == 200


def test_sse_only_operation_ends_at_its_done_event(api: Api) -> None:
    events = [
        {"type": "session_created", "sessionId": "s1"},
        {"type": "answer", "data": "Hello"},
        {"type": "done", "usage": {"total_tokens": 3}},
        {"type": "answer", "data": "never read"},
    ]
    api.server.script("POST", "/zrag/agent/chat", SSE(events, done=False))
    received = api.run(
        lambda c: c.zrag.chat(messages=MESSAGES, retrieval={"know_ids": ["k1"]}, x_session_id="s1"), consume=True
    )
    assert [e.type for e in received] == ["session_created", "answer", "done"]
    request = api.server.last()
    assert request.headers["x-session-id"] == "s1"
    assert request.headers["accept"] == "text/event-stream"


def test_raw_mode_returns_a_dict(api: Api) -> None:
    result = api.run(lambda c: c.embeddings.create(model="embedding-3", input="hi", disable_strict_validation=True))
    assert isinstance(result, dict) and isinstance(result["data"], list)
    typed = api.run(lambda c: c.embeddings.create(model="embedding-3", input="hi"))
    assert isinstance(typed, zai.BaseModel)


def test_batches_create_sends_zai_sdk_default(api: Api) -> None:
    api.server.script("POST", "/paas/v4/batches", Reply(200, {"id": "batch-1", "status": "validating"}))
    api.run(
        lambda c: c.batches.create(endpoint="/v1/chat/completions", input_file_id="file-1", completion_window="24h")
    )
    assert api.server.last().json() == {
        "endpoint": "/v1/chat/completions",
        "input_file_id": "file-1",
        "completion_window": "24h",
        "auto_delete_input_file": True,
    }


def test_zai_types_import_paths() -> None:
    """Every zai-sdk module path we mirror imports on every Python, and its names resolve.

    tests/compat checks them name by name against zai-sdk 0.2.3 itself (once, in `make compat`).
    """
    import zai.api_resource  # noqa: PLC0415

    modules = [
        m.name
        for package in (zai.types, zai.api_resource)
        for m in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
    ]
    assert len(modules) > 100
    for name in modules:
        module = importlib.import_module(name)
        for alias in getattr(module, "__all__", []):
            assert getattr(module, alias) is not None, f"{name}.{alias}"
    assert issubclass(Completion, zai.BaseModel) and issubclass(ChatCompletionChunk, zai.BaseModel)
