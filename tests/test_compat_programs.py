"""What programs written against zai-sdk 0.2.3 by other people do, found by running such programs
side by side with zai-sdk (tests/compat runs the same behaviours against zai-sdk itself).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import httpx

from tests.conftest import KEY
from zai import AsyncZaiClient, ZaiClient
from zai.testing import SSE, FakeZai
from zai.types.chat import ChatCompletionChunk, Choice, ChoiceDelta

HI = [{"role": "user", "content": "hi"}]


def test_stream_response_imports_from_zai_sdk_private_streaming_module() -> None:
    # Programs annotate streams with `cast("StreamResponse[ChatCompletionChunk]", ...)` after
    # `from zai.core._streaming import StreamResponse`.
    program = textwrap.dedent(
        """
        from typing import cast
        import zai
        from zai.core._streaming import StreamResponse
        from zai.types.chat import ChatCompletionChunk

        assert StreamResponse is zai.core.StreamResponse is zai.Stream
        assert StreamResponse[ChatCompletionChunk] is not None
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_chunk_accepts_zai_sdk_extra_json_slot(server: FakeZai) -> None:
    # zai-sdk declared `extra_json: Dict[str, Any]` (required) on ChatCompletionChunk, so test
    # fixtures built with zai-sdk pass `extra_json={}` and dump with `exclude={"extra_json"}`.
    chunk = ChatCompletionChunk(
        id="c1", created=1, choices=[Choice(index=0, delta=ChoiceDelta(content="he"))], extra_json={}
    )
    assert chunk.extra_json == {}
    assert chunk.model_dump(exclude_none=True, exclude={"extra_json"}) == {
        "id": "c1",
        "created": 1,
        "choices": [{"index": 0, "delta": {"content": "he"}}],
    }
    # The API never sends it: a streamed chunk reads `None`, as zai-sdk's did.
    server.script("POST", "/paas/v4/chat/completions", SSE([{"id": "c1", "choices": []}]))
    with ZaiClient(api_key=KEY, base_url=server.base_url, max_retries=0) as client:
        stream = client.chat.completions.create(model="glm-4.7", messages=HI, stream=True)
        assert [c.extra_json for c in stream] == [None]


def _sse_reply(request: httpx.Request) -> httpx.Response:
    # A body built in memory, as test doubles built on httpx.MockTransport answer: httpx has
    # already read it, so its raw stream is consumed.
    events = [{"id": "c1", "choices": [{"index": 0, "delta": {"content": word}}]} for word in ("he", "llo")]
    text = "".join(f"data: {json.dumps(event)}\n\n" for event in events) + "data: [DONE]\n\n"
    return httpx.Response(200, text=text, headers={"content-type": "text/event-stream"})


def test_stream_from_an_http_client_whose_body_is_already_in_memory() -> None:
    with httpx.Client(transport=httpx.MockTransport(_sse_reply)) as http_client:
        client = ZaiClient(api_key=KEY, http_client=http_client, max_retries=0)
        stream = client.chat.completions.create(model="glm-4.7", messages=HI, stream=True)
        assert [chunk.choices[0].delta.content for chunk in stream] == ["he", "llo"]


async def test_async_stream_from_an_http_client_whose_body_is_already_in_memory() -> None:
    async with httpx.AsyncClient(transport=httpx.MockTransport(_sse_reply)) as http_client:
        client = AsyncZaiClient(api_key=KEY, http_client=http_client, max_retries=0)
        stream = await client.chat.completions.create(model="glm-4.7", messages=HI, stream=True)
        assert [chunk.choices[0].delta.content async for chunk in stream] == ["he", "llo"]
