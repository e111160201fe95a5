"""Test helpers: a local Z.ai-compatible server for your own test suites, demos and offline use.

`FakeZai` simulates the API coherently (chat, deferred tasks, images, videos, files, batches),
answers every other operation with the OpenAPI document's example, records requests and can be
scripted per call. From a shell: `python -m zai.testing --port 8000` (see docs/testing.md).

from zai import ZaiClient
from zai.testing import FakeZai, Reply

def test_my_code():
    with FakeZai() as server:
        client = ZaiClient(api_key="test.key", base_url=server.base_url)
        reply = client.chat.completions.create(model="glm-5.2", messages=[{"role": "user", "content": "hi"}])
        assert "hi" in reply.choices[0].message.content
        assert server.last().json()["model"] == "glm-5.2"
"""

from ._server import SSE, FakeZai, RecordedRequest, Reply, Reset

__all__ = ["SSE", "FakeZai", "RecordedRequest", "Reply", "Reset"]
