"""zai-sdk 0.2.3 import paths in the code people run: a bare `import zai` reaching `zai.core._errors`
and `zai.types`, and the imports of the Dify ZhipuAI model plugin (langgenius/dify-official-plugins,
`models/zhipuai/models/llm/llm.py`), with what that module reads from responses.

tests/compat checks the whole surface name by name against zai-sdk itself.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from typing import Any

from tests.conftest import KEY
from zai.testing import SSE, FakeZai, Reply

CHAT = "/paas/v4/chat/completions"

BARE_IMPORT = textwrap.dedent(
    """
    import sys
    import zai

    lazy = ("zai.core", "zai.types", "zai.api_resource", "zai.types.chat")
    assert not [name for name in lazy if name in sys.modules], "import zai imported them eagerly"

    # What zai-sdk's examples and integration tests do: catch through the attribute path.
    from zai.testing import FakeZai, Reply

    with FakeZai() as server:
        server.script("POST", "/paas/v4/chat/completions", Reply(400, {"error": {"code": "1214", "message": "bad"}}))
        client = zai.ZaiClient(api_key="id.secret", base_url=server.base_url, max_retries=0)
        try:
            client.chat.completions.create(model="glm-4.7", messages=[{"role": "user", "content": "hi"}])
        except zai.core._errors.APIRequestFailedError as err:
            assert err.status_code == 400
        else:
            raise AssertionError("no error")

    assert zai.core._errors.APIStatusError is zai.APIStatusError is zai.core.APIStatusError
    assert zai.types.chat.chat_completion.Completion is zai.types.chat.Completion
    assert zai.types.assistant.message.tools.ToolsType is not None
    assert zai.api_resource.chat.completions.Completions is type(client.chat.completions)
    assert zai.version.VERSION == zai.__version__
    print("ok")
    """
)


def test_bare_import_reaches_zai_sdk_subpackages_lazily() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BARE_IMPORT], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_resource_classes_are_those_of_the_client() -> None:
    from zai import ZaiClient  # noqa: PLC0415
    from zai.api_resource import (  # noqa: PLC0415
        Agents,
        AsyncCompletions,
        Audio,
        Batches,
        Chat,
        Completions,
        FileParser,
        Files,
        HandwritingOCR,
        LayoutParsing,
        Tools,
        WebReaderApi,
        WebSearchApi,
    )
    from zai.api_resource.audio import Transcriptions  # noqa: PLC0415
    from zai.core import HttpClient  # noqa: PLC0415

    client = ZaiClient(api_key=KEY)
    client.close()
    pairs = [
        (client.agents, Agents),
        (client.chat.asyncCompletions, AsyncCompletions),  # zai-sdk's sync deferred-task resource
        (client.audio, Audio),
        (client.audio.transcriptions, Transcriptions),
        (client.batches, Batches),
        (client.chat, Chat),
        (client.chat.completions, Completions),
        (client.file_parser, FileParser),
        (client.files, Files),
        (client.ocr, HandwritingOCR),
        (client.layout_parsing, LayoutParsing),
        (client.tools, Tools),
        (client.web_reader, WebReaderApi),
        (client.web_search, WebSearchApi),
    ]
    for resource, cls in pairs:
        assert type(resource) is cls
    assert isinstance(client, HttpClient)


# --- the Dify ZhipuAI plugin ------------------------------------------------------------------
# Its LLM module imports exactly these (and `from zai import ZhipuAiClient` in its embedding module).
from zai import ZhipuAiClient  # noqa: E402
from zai.core import StreamResponse  # noqa: E402
from zai.types.chat import ChatCompletionChunk, ChoiceDelta, Completion  # noqa: E402

# It annotates with these at definition time (no `from __future__ import annotations` there).
PLUGIN_ANNOTATIONS = (StreamResponse[ChatCompletionChunk], Completion, ChoiceDelta)

TOOLS = [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}]


def _plugin_stream_reads(responses: Any) -> list[Any]:
    """What the plugin reads from each chunk (our own restatement of its stream handler)."""
    seen: list[Any] = []
    for chunk in responses:
        if len(chunk.choices) == 0:
            continue
        choice = chunk.choices[0]
        delta: ChoiceDelta = choice.delta
        if (
            choice.finish_reason is None
            and not delta.content
            and not delta.reasoning_content
            and delta.tool_calls is None
        ):
            continue
        calls = [
            (call.id, call.type, call.function.name, call.function.arguments)
            for call in delta.tool_calls or []
            if call.type == "function"
        ]
        usage = None
        if choice.finish_reason is not None and chunk.usage is not None:
            usage = (chunk.usage.prompt_tokens, chunk.usage.completion_tokens)
        seen.append(
            (chunk.model, choice.index, delta.reasoning_content, delta.content, calls, choice.finish_reason, usage)
        )
    return seen


def test_dify_zhipuai_plugin_stream(server: FakeZai) -> None:
    chunk = {"id": "c1", "created": 1, "model": "glm-4.7"}
    events = [
        {**chunk, "choices": [{"index": 0, "delta": {"role": "assistant", "reasoning_content": "Think."}}]},
        {**chunk, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}}]},
        {
            **chunk,
            "choices": [
                {
                    "index": 0,
                    "delta": {
                        "role": "assistant",
                        "tool_calls": [
                            {
                                "id": "call_1",
                                "index": 0,
                                "type": "function",
                                "function": {"name": "get_weather", "arguments": '{"city": "Beijing"}'},
                            }
                        ],
                    },
                    "finish_reason": "tool_calls",
                }
            ],
            "usage": {"prompt_tokens": 9, "completion_tokens": 4, "total_tokens": 13},
        },
    ]
    server.script("POST", CHAT, SSE(events))
    with ZhipuAiClient(api_key=KEY, base_url=server.base_url) as client:
        responses = client.chat.completions.create(
            model="glm-4.7",
            messages=[{"role": "user", "content": "weather?"}],
            tools=TOOLS,
            thinking={"type": "enabled"},
            stream=True,
        )
        assert isinstance(responses, StreamResponse)
        seen = _plugin_stream_reads(responses)
    assert seen == [
        ("glm-4.7", 0, "Think.", None, [], None, None),
        (
            "glm-4.7",
            0,
            None,
            None,
            [("call_1", "function", "get_weather", '{"city": "Beijing"}')],
            "tool_calls",
            (9, 4),
        ),
    ]


def test_dify_zhipuai_plugin_completion(server: FakeZai) -> None:
    message = {
        "role": "assistant",
        "content": "Sunny.",
        "reasoning_content": "Look it up.",
        "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}],
    }
    body = {
        "id": "c1",
        "model": "glm-4.7",
        "choices": [{"index": 0, "finish_reason": "stop", "message": message}],
        "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
    }
    server.script("POST", CHAT, Reply(200, body))
    # The plugin passes base_url=None when the user configured none.
    ZhipuAiClient(api_key=KEY, base_url=None).close()
    with ZhipuAiClient(api_key=KEY, base_url=server.base_url) as client:
        response = client.chat.completions.create(model="glm-4.7", messages=[{"role": "user", "content": "hi"}])
    assert isinstance(response, Completion)
    choice = response.choices[0]
    assert [(c.type, c.id, c.function.name, c.function.arguments) for c in choice.message.tool_calls or []] == [
        ("function", "call_1", "f", "{}")
    ]
    assert (choice.message.reasoning_content, choice.message.content) == ("Look it up.", "Sunny.")
    assert (response.usage.prompt_tokens, response.usage.completion_tokens) == (3, 2)


def test_private_streaming_module_of_zai_sdk() -> None:
    # Programs annotate streams with `from zai.core._streaming import StreamResponse` (zai-sdk's
    # module of the class); the name is the stream class the chat methods return.
    from zai import Stream  # noqa: PLC0415
    from zai.core._streaming import StreamResponse  # noqa: PLC0415

    assert StreamResponse is Stream
