"""Side by side with zai-sdk 0.2.3: the behaviour integrations touch.

Each scenario of scenarios.py runs twice against the same scripted `FakeZai` replies: once with
zai-sdk (the side environment), once with us. The transcripts (what the program read: stream
deltas, tool calls, usage details, `StreamResponse`, error classes, `isinstance` against
`zai.types`) must be equal, except at the paths listed in `DIFFERENCES`, each a documented
difference (docs/migration.md) that must still differ. The requests the server received are
compared where they carry the caller's data (the messages sent back in a tool-call round trip).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

import pytest

from tests.compat.conftest import HERE, run_ours, run_side
from zai.testing import SSE, FakeZai, Reply

CHAT = "/paas/v4/chat/completions"
SCENARIOS = HERE / "scenarios.py"
BASE = {"id": "chatcmpl-1", "created": 1700000000, "model": "glm-4.7", "request_id": "req-1"}
CALL = {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Beijing"}'}}
USAGE = {
    "prompt_tokens": 20,
    "completion_tokens": 10,
    "total_tokens": 30,
    "prompt_tokens_details": {"cached_tokens": 5},
    "completion_tokens_details": {"reasoning_tokens": 3},
}

# (scenario, path in the transcript) -> why ours differs from zai-sdk there, on purpose.
DIFFERENCES: dict[tuple[str, str], str] = {
    ("errors", "connection.is"): (
        "APIConnectionError is not an APIResponseError here: there is no response (zai-sdk §10.6)"
    ),
    ("types_isinstance", "videos.generations.VideoObject"): (
        "videos.generations returns the task status (AsyncTaskStatus, the same fields); VideoObject "
        "names what retrieve_videos_result returns (AsyncResult)"
    ),
    ("types_isinstance", "retrieve_completion_result (processing).AsyncCompletion"): (
        "retrieve_completion_result always returns AsyncResult (zai-sdk's AsyncCompletion), also "
        "while the task is PROCESSING, where zai-sdk returned an AsyncTaskStatus; read task_status"
    ),
    ("types_isinstance", "retrieve_completion_result (processing).AsyncTaskStatus"): "the same",
    ("streaming", "chunks[2].usage.classes.CompletionUsage"): (
        "one usage class serves completions and chunks here, so a chunk's usage is also a "
        "zai.types.chat.CompletionUsage (zai-sdk had a second class, CompletionChunkUsage, which "
        "names the same class here)"
    ),
}


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list) and value and isinstance(value[0], dict):
        out = {}
        for index, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{index}]"))
        return out
    return {prefix: value}


def drop_nulls(value: Any) -> Any:
    """A JSON value without its null-valued keys (zai-sdk sends some fields as null, we omit them)."""
    if isinstance(value, dict):
        return {k: drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [drop_nulls(v) for v in value]
    return value


class Run:
    def __init__(self, transcript: dict[str, Any], requests: list[Any]) -> None:
        self.transcript = transcript
        self.requests = requests

    def bodies(self, path: str) -> list[Any]:
        return [r.json() for r in self.requests if r.path == path]


def run_both(server: FakeZai, scenario: str, script: Callable[[FakeZai], None], tmp_path: Path) -> tuple[Run, Run]:
    env = {**os.environ, "ZAI_BASE_URL": server.base_url, "ZAI_API_KEY": "test-id.test-secret"}
    runs = []
    for runner in (run_side, run_ours):
        server.reset()
        script(server)
        output = runner(SCENARIOS, scenario, cwd=tmp_path, env=env)
        runs.append(Run(json.loads(output), list(server.requests)))
    return runs[0], runs[1]


def differences(scenario: str, theirs: dict[str, Any], ours: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    left, right = flatten(theirs), flatten(ours)
    return {
        path: (left.get(path, "<absent>"), right.get(path, "<absent>"))
        for path in sorted(set(left) | set(right))
        if left.get(path, "<absent>") != right.get(path, "<absent>") and not path.startswith("dumps")
    }


def assert_same(scenario: str, theirs: Run, ours: Run) -> None:
    found = differences(scenario, theirs.transcript, ours.transcript)
    unexplained = {path: pair for path, pair in found.items() if (scenario, path) not in DIFFERENCES}
    assert unexplained == {}, "zai-sdk vs ours:\n" + "\n".join(
        f"{p}: {a!r} != {b!r}" for p, (a, b) in unexplained.items()
    )
    stale = [path for (name, path) in DIFFERENCES if name == scenario and path not in found]
    assert stale == [], f"listed as different but equal now: {stale}"


@pytest.fixture
def both(server: FakeZai, tmp_path: Path) -> Iterator[Callable[[str, Callable[[FakeZai], None]], tuple[Run, Run]]]:
    yield lambda scenario, script: run_both(server, scenario, script, tmp_path)


def test_streaming_deltas_tool_calls_and_stream_response(both: Any) -> None:
    def script(server: FakeZai) -> None:
        events = [
            {**BASE, "choices": [{"index": 0, "delta": {"role": "assistant", "reasoning_content": "Checking."}}]},
            {**BASE, "choices": [{"index": 0, "delta": {"role": "assistant", "content": "Let me look."}}]},
            {
                **BASE,
                "choices": [
                    {
                        "index": 0,
                        "delta": {"role": "assistant", "tool_calls": [{**CALL, "index": 0}]},
                        "finish_reason": "tool_calls",  # GLM sends both in one chunk
                    }
                ],
                "usage": USAGE,
                "web_search": [{"title": "t"}],  # not declared by zai-sdk: kept, never a crash
            },
        ]
        server.script("POST", CHAT, SSE(events))

    theirs, ours = both("streaming", script)
    assert len(theirs.transcript["chunks"]) == 3 and theirs.transcript["stream_classes"] == {"StreamResponse": True}
    assert_same("streaming", theirs, ours)
    # The same data in model_dump(), up to the None fields zai-sdk lists (the unknown `web_search` kept).
    assert drop_nulls(ours.transcript["dumps"]["chunks"]) == drop_nulls(theirs.transcript["dumps"]["chunks"])
    assert drop_nulls(ours.transcript["dumps"]["chunks"][2]["web_search"]) == [{"title": "t"}]


def _round_trip_script(server: FakeZai) -> None:
    message = {"role": "assistant", "content": None, "tool_calls": [CALL]}
    first = {**BASE, "choices": [{"index": 0, "finish_reason": "tool_calls", "message": message}], "usage": USAGE}
    answer = {"role": "assistant", "content": "Sunny in Beijing."}
    final = {**BASE, "choices": [{"index": 0, "finish_reason": "stop", "message": answer}], "usage": USAGE}
    server.script("POST", CHAT, Reply(200, first), Reply(200, final), Reply(200, final))


def test_tool_call_round_trip(both: Any) -> None:
    theirs, ours = both("tool_round_trip", _round_trip_script)
    assert_same("tool_round_trip", theirs, ours)
    their_bodies, our_bodies = theirs.bodies(CHAT), ours.bodies(CHAT)
    assert len(their_bodies) == len(our_bodies) == 3
    # What is sent back: the same messages and tools, up to the null fields zai-sdk adds.
    for their_body, our_body in zip(their_bodies[1:], our_bodies[1:]):
        assert drop_nulls(our_body["messages"]) == drop_nulls(their_body["messages"])
        assert our_body["tools"] == their_body["tools"]
    assistant = our_bodies[2]["messages"][1]
    assert assistant["tool_calls"][0] == CALL


def test_tool_call_round_trip_dump_keeps_null_content(both: Any) -> None:
    theirs, ours = both("tool_round_trip", _round_trip_script)
    assert theirs.transcript["dumps"]["content_key"] is True
    assert ours.transcript["dumps"]["content_key"] is True
    their_sent = theirs.bodies(CHAT)[1]["messages"][1]
    our_sent = ours.bodies(CHAT)[1]["messages"][1]
    assert "content" in our_sent and our_sent["content"] is None
    assert drop_nulls(our_sent) == drop_nulls(their_sent)


def test_usage_details(both: Any) -> None:
    def script(server: FakeZai) -> None:
        message = {"role": "assistant", "content": "Sunny.", "reasoning_content": "The user asks about weather."}
        body = {**BASE, "choices": [{"index": 0, "finish_reason": "stop", "message": message}], "usage": USAGE}
        server.script("POST", CHAT, Reply(200, body))

    theirs, ours = both("usage", script)
    assert theirs.transcript["completion"]["usage"]["cached_tokens"] == 5
    assert_same("usage", theirs, ours)
    assert ours.transcript["dumps"]["usage"] == theirs.transcript["dumps"]["usage"]
    assert drop_nulls(ours.transcript["dumps"]["completion"]) == drop_nulls(theirs.transcript["dumps"]["completion"])


def test_error_classes(both: Any) -> None:
    def script(server: FakeZai) -> None:
        replies = [
            Reply(status, {"error": {"code": code, "message": f"failed {status}"}})
            for status, code in (
                (400, "1214"),
                (401, "1000"),
                (403, "1220"),
                (404, "1222"),
                (429, "1302"),
                (500, "500"),
                (502, "500"),
                (503, "1305"),
            )
        ]
        server.script("POST", CHAT, *replies)
        error_event = {"error": {"code": "1301", "message": "unsafe content"}}
        server.script("POST", CHAT, SSE([{**BASE, "choices": [{"index": 0, "delta": {"content": "Hi"}}]}, error_event]))

    theirs, ours = both("errors", script)
    assert theirs.transcript["400"]["str"].startswith("Error code: 400, with error text {")
    assert theirs.transcript["400"]["is"] == ["ZaiError", "APIStatusError", "APIRequestFailedError"]
    assert theirs.transcript["in_stream"]["is"] == ["ZaiError", "APIResponseError"]
    assert_same("errors", theirs, ours)


def test_isinstance_against_zai_types(both: Any) -> None:
    def script(server: FakeZai) -> None:
        agents = {
            "id": "a1",
            "agent_id": "general_translation",
            "status": "success",
            "choices": [{"index": 0, "finish_reason": "stop", "messages": [{"role": "assistant", "content": "hi"}]}],
        }
        server.script("POST", "/paas/v4/v1/agents", Reply(200, agents))  # where zai-sdk sends it
        server.script("POST", "/v1/agents", Reply(200, agents))  # the documented path
        # Ids the fake never gave out (its simulation answers them 404): a batch and a video task.
        batch = {"id": "batch_1", "object": "batch", "status": "completed"}
        server.script("GET", "/paas/v4/batches/batch_1", Reply(200, batch))
        video = {"id": "task_1", "task_status": "SUCCESS", "video_result": [{"url": "https://cdn.example/v.mp4"}]}
        server.script("GET", "/paas/v4/async-result/task_1", Reply(200, video))

    theirs, ours = both("types_isinstance", script)
    checked = flatten(theirs.transcript)
    assert len(checked) == 16
    # zai-sdk returns the documented class everywhere (the deferred chat result is still PROCESSING).
    assert [path for path, value in checked.items() if value is not True] == [
        "retrieve_completion_result (processing).AsyncCompletion"
    ]
    assert_same("types_isinstance", theirs, ours)
