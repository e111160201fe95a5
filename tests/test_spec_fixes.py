"""Fixes to openapi/openapi.yaml (issue 12 and the document's part of issue 11), seen on the generated surface."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml

from tests.conftest import KEY, Api, user
from zai import NOT_GIVEN, ZaiClient
from zai.testing import SSE, Reply
from zai_api import models

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "openapi.yaml"
CHAT = "/paas/v4/chat/completions"
RESULT = "/paas/v4/async-result/task-1"


@pytest.fixture(scope="module")
def document() -> Any:
    return yaml.load(SPEC.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _read(result: Any) -> Any:
    """The bytes of a binary response (sync), or a coroutine that reads them (async)."""
    if not inspect.isawaitable(result):
        return result.content

    async def read() -> bytes:
        response = await result
        content: bytes = await response.read()
        return content

    return read()


def _has_no_default(cls: type, name: str) -> bool:
    field = attrs.fields_dict(cls)[name]
    return field.default is attrs.NOTHING and "None" not in str(field.type)


# --- 1. the document loads identically with PyYAML (YAML 1.1), the reader most outside tools use ------------------


def test_the_document_loads_with_the_pure_python_pyyaml_parser(document: Any) -> None:
    # The pure parser rejected `[What can you do?]` (a `?` in a flow sequence); the C parser did not.
    pure = yaml.load(SPEC.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    assert pure == document
    ruamel = pytest.importorskip("ruamel.yaml")  # only in the development environment (make lint-spec checks it)
    assert ruamel.YAML(typ="safe", pure=True).load(SPEC.read_text(encoding="utf-8")) == document


# --- 2. the deferred chat request takes reasoning_effort, like the upstream one -------------------------------------


def test_async_chat_create_sends_reasoning_effort(api: Api) -> None:
    api.run(lambda c: c.chat.asyncCompletions.create(model="glm-5.2", messages=user(), reasoning_effort="high"))
    assert api.server.last("POST", "/paas/v4/async/chat/completions").json()["reasoning_effort"] == "high"


# --- 3. required-ness follows what the server sends -----------------------------------------------------------------

IMAGE_RESULT = {
    "model": "glm-image",
    "task_status": "SUCCESS",
    "request_id": "req-1",
    "image_result": [{"url": "https://example.com/a.png"}],
}


def test_image_and_video_results_come_without_an_id(api: Api) -> None:
    api.server.script("GET", RESULT, Reply(200, IMAGE_RESULT))
    result = api.run(lambda c: c.images.retrieve_images_result("task-1"))
    assert isinstance(result, models.AsyncResult)
    assert result.id is None
    assert result.image_result is not None and result.image_result[0].url == "https://example.com/a.png"
    assert attrs.fields_dict(models.AsyncResult)["id"].type == "str | None"


# Fields the platform sends in every response that has their object: typed without `None`.
ALWAYS_SENT = {
    "AsyncResult": ["task_status"],
    "AsyncTaskStatus": ["id", "task_status"],
    "CompletionUsage": ["prompt_tokens", "completion_tokens", "total_tokens"],
    "CompletionUsagePromptTokensDetails": ["cached_tokens"],
    "CompletionUsageCompletionTokensDetails": ["reasoning_tokens"],
    "RerankResponse": ["id", "results", "usage"],
    "RerankResult": ["index", "relevance_score"],
    "RerankUsage": ["prompt_tokens", "total_tokens"],
    "TokenizerResponse": ["id", "usage"],
    "TokenizerUsage": ["prompt_tokens", "total_tokens"],
    "LayoutParsingResponse": ["id", "created", "model"],
    "LayoutDataInfo": ["num_pages"],
    "LayoutPageInfo": ["width", "height"],
    "LayoutDetail": ["index", "label"],
    "OcrHandwritingResult": ["task_id", "message", "status", "words_result_num"],
    "OcrWordsResult": ["location", "words"],
    "OcrLocation": ["left", "top", "width", "height"],
    "OcrProbability": ["average", "variance", "min"],
    "FileParserResult": ["task_id", "message", "status"],
    "AssistantInfo": ["assistant_id", "name"],
    "AssistantConversationUsagePage": ["assistant_id", "conversation_list", "has_more"],
    "AssistantConversationUsage": ["id", "assistant_id"],
}

# Fields the platform leaves out in some responses (zai-sdk 0.2.3 types them Optional too).
SOMETIMES_ABSENT = {
    "AsyncResult": ["id", "choices", "image_result", "video_result"],
    "OcrWordsResult": ["probability"],  # only with `probability: true`
    "RerankResult": ["document"],  # only with `return_documents: true`
    "ImageGenerationResultItem": ["url", "b64_json"],
    "TokenizerUsage": ["image_tokens", "video_tokens"],
}


@pytest.mark.parametrize(("model", "fields"), sorted(ALWAYS_SENT.items()))
def test_fields_the_server_always_sends_are_not_optional(model: str, fields: list[str]) -> None:
    cls = getattr(models, model)
    assert [name for name in fields if not _has_no_default(cls, name)] == []


@pytest.mark.parametrize(("model", "fields"), sorted(SOMETIMES_ABSENT.items()))
def test_fields_the_server_may_leave_out_are_optional(model: str, fields: list[str]) -> None:
    cls = getattr(models, model)
    assert [name for name in fields if _has_no_default(cls, name)] == []


def test_usage_counts_are_plain_ints(api: Api) -> None:
    completion = api.run(lambda c: c.chat.completions.create(model="glm-5.2", messages=user()))
    assert isinstance(completion.usage.prompt_tokens, int)
    assert attrs.fields_dict(models.CompletionUsage)["prompt_tokens"].type == "int"


# --- 4. zai-sdk 0.2.3's optional parameters stay optional (unless the server rejects the call) ----------------------


def _default(method: Any, name: str) -> Any:
    return inspect.signature(method).parameters[name].default


def test_zai_sdk_optional_parameters_are_optional() -> None:
    client = ZaiClient(api_key=KEY)
    assert _default(client.files.list, "purpose") is NOT_GIVEN
    assert _default(client.audio.customization, "input") is NOT_GIVEN
    assert _default(client.audio.customization, "voice_data") is NOT_GIVEN
    # The server rejects a synchronous parse without `file_type` (HTTP 200 with an error body): it stays required,
    # and the parameter's description says why.
    assert _default(client.file_parser.create_sync, "file_type") is inspect.Parameter.empty
    assert "rejects a call without it" in " ".join((client.file_parser.create_sync.__doc__ or "").split())


def test_files_list_without_purpose_sends_no_purpose(api: Api) -> None:
    api.run(lambda c: c.files.create(file=b"x", purpose="agent"))  # the fake lists the files it was given
    page = api.run(lambda c: c.files.list())
    request = api.server.last("GET", "/paas/v4/files")
    assert "purpose" not in request.query
    assert page.data


def test_customization_without_input_or_sample(api: Api) -> None:
    api.server.script("POST", "/paas/v4/audio/customization", Reply(200, body=b"RIFF", content_type="audio/wav"))
    audio = api.run(lambda c: _read(c.audio.customization(model="cogtts", voice_text="A sample")))
    request = api.server.last("POST", "/paas/v4/audio/customization")
    assert b'name="voice_text"' in request.body and b'name="input"' not in request.body
    assert audio == b"RIFF"


# --- 5. a reply's content may be a list of parts (GLM-4V family) ----------------------------------------------------

PARTS = [{"type": "text", "text": "A red square."}]


def _completion(message: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "id": "c1",
        "created": 1,
        "model": "glm-4v-flash",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", **message}}],
        **extra,
    }


def test_reply_content_as_a_list_of_parts(api: Api) -> None:
    api.server.script("POST", CHAT, Reply(200, _completion({"content": PARTS})))
    content = api.run(lambda c: c.chat.completions.create(model="glm-4v-flash", messages=user())).choices[0]
    assert isinstance(content.message.content, list)
    part = content.message.content[0]
    assert isinstance(part, models.ReplyContentPart) and (part.type, part.text) == ("text", "A red square.")
    assert "list[ReplyContentPart]" in str(attrs.fields_dict(models.ChatCompletionMessage)["content"].type)


def test_streamed_content_as_a_list_of_parts(api: Api) -> None:
    chunk = {"id": "c1", "choices": [{"index": 0, "delta": {"role": "assistant", "content": PARTS}}]}
    api.server.script("POST", CHAT, SSE([chunk]))
    chunks = api.run(lambda c: c.chat.completions.create(model="glm-4v", messages=user(), stream=True), consume=True)
    delta = chunks[0].choices[0].delta
    assert isinstance(delta.content, list) and delta.content[0].text == "A red square."


def test_stream_helpers_read_the_text_of_parts(api: Api) -> None:
    chunk = {"id": "c1", "choices": [{"index": 0, "delta": {"role": "assistant", "content": PARTS}}]}
    api.server.script("POST", CHAT, SSE([chunk]), SSE([chunk, {**chunk, "choices": [{"index": 0, "delta": {}}]}]))

    def text_and_final(client: Any) -> Any:
        create = client.chat.completions.create
        if api.is_async:

            async def run() -> Any:
                stream = await create(model="glm-4v", messages=user(), stream=True)
                texts = [text async for text in stream.text_deltas()]
                final = await (await create(model="glm-4v", messages=user(), stream=True)).get_final_completion()
                return texts, final

            return run()
        texts = list(create(model="glm-4v", messages=user(), stream=True).text_deltas())
        return texts, create(model="glm-4v", messages=user(), stream=True).get_final_completion()

    texts, final = api.run(text_and_final)
    assert texts == ["A red square."]
    assert final.choices[0].message.content == "A red square."


# --- 6. response fields that were only untyped extras -----------------------------------------------------------------


def test_doc_reference_and_video_result_are_typed(api: Api) -> None:
    call = {
        "id": "call_1",
        "type": "retrieval",
        "doc_reference": [{"index": 0, "doc_type": "pdf", "doc_name": "a.pdf"}],
    }
    body = _completion({"tool_calls": [call]}, video_result=[{"url": "https://v/1.mp4", "cover_image_url": "c"}])
    api.server.script("POST", CHAT, Reply(200, body))
    completion = api.run(lambda c: c.chat.completions.create(model="glm-5.2", messages=user()))
    tool_call = completion.choices[0].message.tool_calls[0]
    assert isinstance(tool_call.doc_reference[0], models.DocReference)
    assert tool_call.doc_reference[0].doc_name == "a.pdf" and not tool_call.additional_properties
    assert isinstance(completion.video_result[0], models.VideoResultItem)
    assert completion.video_result[0].url == "https://v/1.mp4" and not completion.additional_properties


def test_deferred_chat_result_carries_web_search_and_content_filter(api: Api) -> None:
    body = {
        **_completion({"content": "Done."}),
        "task_status": "SUCCESS",
        "web_search": [{"title": "A page", "link": "https://example.com"}],
        "content_filter": [{"role": "assistant", "level": 3}],
    }
    api.server.script("GET", RESULT, Reply(200, body))
    result = api.run(lambda c: c.chat.asyncCompletions.retrieve_completion_result("task-1"))
    assert isinstance(result.web_search[0], models.WebSearchResult) and result.web_search[0].title == "A page"
    assert isinstance(result.content_filter[0], models.ContentFilterResult) and result.content_filter[0].level == 3
    assert not result.additional_properties


# --- 7. the web-search tool's search_intent is a string, as upstream and the Java SDK say ---------------------------


def test_web_search_tool_search_intent_is_a_string(api: Api) -> None:
    assert attrs.fields_dict(models.WebSearchToolConfig)["search_intent"].type == "str | None"
    tool = {"type": "web_search", "web_search": {"search_engine": "search_pro", "search_intent": "false"}}
    api.run(lambda c: c.chat.completions.create(model="glm-5.2", messages=user(), tools=[tool]))
    assert api.server.last("POST", CHAT).json()["tools"][0]["web_search"]["search_intent"] == "false"


# --- 8. speech declares (and asks for) the media type of every response_format ---------------------------------------


def test_speech_accepts_pcm_the_default_format(api: Api) -> None:
    api.server.script("POST", "/paas/v4/audio/speech", Reply(200, body=b"\x01\x02", content_type="audio/pcm"))
    audio = api.run(lambda c: _read(c.audio.speech(model="glm-tts", input="Hi", voice="tongtong")))
    accept = [value.strip() for value in api.server.last("POST", "/paas/v4/audio/speech").headers["accept"].split(",")]
    assert {"audio/pcm", "audio/wav", "application/octet-stream"} <= set(accept)
    assert audio == b"\x01\x02"


# --- 9. every tagged-union variant requires its tag ----------------------------------------------------------------


def test_assistant_union_variants_require_their_type_tag() -> None:
    for name in ("AssistantTextDeltaParam", "AssistantToolCallsDeltaParam", "AssistantFunctionCallParam"):
        assert "type" in getattr(models, name).__required_keys__, name


def test_every_discriminated_union_variant_requires_its_tag(document: Any) -> None:
    schemas = document["components"]["schemas"]
    missing = []
    for name, schema in schemas.items():
        tag = (schema.get("discriminator") or {}).get("propertyName")
        for variant in schema.get("oneOf", []) if tag else []:
            target = variant["$ref"].rsplit("/", 1)[-1]
            if tag not in schemas[target].get("required", []):
                missing.append(f"{name} -> {target}")
    assert missing == []


# --- 10. the hosted MCP servers are named among what is left out, with the reason -----------------------------------


def test_left_out_names_the_hosted_mcp_servers() -> None:
    readme = (ROOT / "openapi" / "README.md").read_text(encoding="utf-8")
    left_out = readme.split("## Left out", 1)[1].split("\n## ", 1)[0]
    assert re.search(r"/api/mcp/.*JSON-RPC", " ".join(left_out.split()))


# --- issue 11, item 8: every model attribute and every method parameter is described ---------------------------------

GENERATED = ROOT / "generated" / "zai_api"


def _undescribed(section: str, entry: str, files: list[Path]) -> list[str]:
    found = []
    for path in files:
        for block in re.findall(rf"\n( +){section}:\n(.*?)\n\1?\"\"\"", path.read_text(encoding="utf-8"), re.S):
            for line in block[1].split("\n"):
                match = re.match(entry, line)
                if match and not match.group(2).strip():
                    found.append(f"{path.stem}.{match.group(1)}")
    return sorted(set(found))


def test_every_model_attribute_has_a_description() -> None:
    files = sorted((GENERATED / "models").glob("*.py"))
    assert _undescribed("Attributes", r" {8}(\w+) \(.*\):(.*)$", files) == []


def test_every_method_parameter_has_a_description() -> None:
    files = sorted((GENERATED / "api").glob("*/__init__.py"))
    assert _undescribed("Args", r" {12}(\w+):(.*)$", files) == []


def test_every_wait_documents_its_task_id() -> None:
    client = ZaiClient(api_key=KEY)
    waits = [
        client.chat.asyncCompletions.wait,
        client.images.wait,
        client.videos.wait,
        client.batches.wait,
        client.file_parser.wait,
        client.fine_tuning.jobs.wait,
        client.agents.wait,
    ]
    for wait in waits:
        names = [p.name for p in inspect.signature(wait).parameters.values() if p.default is inspect.Parameter.empty]
        doc = inspect.getdoc(wait) or ""
        assert names and all(re.search(rf"\n    {name}: \S", doc) for name in names), (wait.__qualname__, doc)
