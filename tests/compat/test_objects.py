"""Side by side with zai-sdk 0.2.3: what frameworks do with response objects (objects.py).

objects.py runs with zai-sdk and with us against the same answers: pickle, copies, `==`, `hash`,
`repr`, `json.dumps(default=...)`, `vars()`, `getattr`/`hasattr`, iteration, `obj[...]`, round
trips through `model_dump()` and `model_validate()`, objects inside pydantic models and
TypedDicts, streams, errors, threads and `asyncio.to_thread`. Every result must be equal except
at the keys of `DIFFERENCES`, each a documented difference (docs/migration.md) that must still
differ.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tests.compat.conftest import HERE, run_ours, run_side
from zai.testing import SSE, FakeZai, Reply
from zai.testing._actions import Action, RecordedRequest

CHAT = "/paas/v4/chat/completions"
CALL = {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Beijing"}'}}
MESSAGE = {
    "role": "assistant",
    "content": "Let me check.",
    "reasoning_content": "Need weather.",
    "extra_note": "kept",  # a field neither SDK declares
    "tool_calls": [CALL],
}
BODY = {
    "id": "chatcmpl-1",
    "created": 1700000000,
    "model": "glm-4.7",
    "request_id": "req-1",
    "choices": [{"index": 0, "finish_reason": "tool_calls", "message": MESSAGE}],
    "usage": {"prompt_tokens": 20, "completion_tokens": 10, "total_tokens": 30},
}
EVENTS = [
    {"id": "c", "created": 1, "model": "glm-4.7", "choices": [{"index": 0, "delta": {"content": w}}]}
    for w in ("A", "B", "C")
]

RENAMED = "model class names follow the API (ChatCompletion for zai-sdk's Completion, ...); old names import"
DICT_ACCESS = "dict(obj), obj[key] and `key in obj` work by wire name (zai-sdk raised TypeError or answered False)"
MORE_FIELDS = "model_dump() has every declared field, and this SDK declares more (None when not sent)"
ORDER = "fields in the document's order (zai-sdk: its class's order)"

# Key of the transcript -> why ours differs from zai-sdk there, on purpose.
DIFFERENCES: dict[str, str] = {
    "pickle.type": RENAMED,
    "copy.type": RENAMED,
    "deepcopy.type": RENAMED,
    "repr.startswith": RENAMED,
    "str.startswith": RENAMED,
    "vars": RENAMED + " (the nested FunctionCall)",
    "__dict__": RENAMED + " (the nested FunctionCall)",
    "dict": DICT_ACCESS,
    "dict.keys": DICT_ACCESS,
    "json.default_dict": DICT_ACCESS,
    "getitem.content": DICT_ACCESS,
    "getitem.absent": DICT_ACCESS + "; a key not sent is a KeyError",
    "getitem.unknown": DICT_ACCESS + "; an unknown key is a KeyError",
    "getitem.int": DICT_ACCESS + "; an index is a KeyError",
    "in.declared": DICT_ACCESS,
    "json.default_model_dump": MORE_FIELDS,
    "json.model_dump_json": MORE_FIELDS,
    "pydantic.holder.dump": MORE_FIELDS,
    "list": ORDER,
    "iter.keys": ORDER,
    "setattr.new": (
        "models are slotted attrs classes: an attribute that is not a field cannot be added "
        "(obj['name'] = value keeps it as an undeclared field)"
    ),
    "stream.close": "streams have close() (zai-sdk's StreamResponse had none)",
    "stream.close_after_end": "the same",
    "stream.after_close": "a closed stream yields nothing more (zai-sdk could not be closed)",
    "stream.chunk_pickle": "chunks pickle (zai-sdk's failed with a ValidationError: a zai-sdk bug)",
    "error.pickle": "errors pickle and copy (zai-sdk's failed to unpickle: keyword-only constructors)",
    "error.pickle.status": "the same",
    "error.pickle.str": "the same",
    "error.copy": "the same",
    "error.deepcopy": "the same",
}


def answer(request: RecordedRequest) -> Action:
    body = request.json()
    if body["messages"][-1].get("content") == "fail":
        return Reply(400, {"error": {"code": "1210", "message": "bad parameter"}})
    return SSE(EVENTS) if body.get("stream") else Reply(200, BODY)


def test_response_objects_behave_as_zai_sdk_s(tmp_path: Path) -> None:
    transcripts: list[dict[str, Any]] = []
    with FakeZai() as server:
        server.route("POST", CHAT, answer)
        env = {**os.environ, "ZAI_BASE_URL": server.base_url, "ZAI_API_KEY": "test-id.test-secret"}
        for runner in (run_side, run_ours):
            transcripts.append(json.loads(runner(HERE / "objects.py", cwd=tmp_path, env=env)))
    theirs, ours = transcripts
    assert set(theirs) == set(ours)
    found = {key: (theirs[key], ours[key]) for key in sorted(theirs) if theirs[key] != ours[key]}
    unexplained = {key: pair for key, pair in found.items() if key not in DIFFERENCES}
    assert unexplained == {}, "zai-sdk vs ours:\n" + "\n".join(f"{k}: {a!r} != {b!r}" for k, (a, b) in found.items())
    stale = [key for key in DIFFERENCES if key not in found]
    assert stale == [], f"listed as different but equal now: {stale}"
    # What must hold on our side whatever zai-sdk does.
    assert ours["error.pickle"] == "APIRequestFailedError"
    assert ours["error.pickle.status"] == 400
    assert ours["vars.message"] == ["content", "role", "tool_calls"]
    assert ours["json.default_vars"] is True
