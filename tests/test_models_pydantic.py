"""The models inside pydantic v2 models (an optional extra: pydantic is never required).

Agent frameworks keep SDK responses in pydantic models, typed or in `Any` fields. Ours validate from
dicts and instances, serialize to the same data as `model_dump()` (with the caller's options), and
give pydantic a JSON Schema. Without pydantic, `import zai` and a chat call work as before.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Optional

import pytest

pydantic = pytest.importorskip("pydantic")

from zai_api.models import ChatCompletion, ChatCompletionMessage, CompletionUsage  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RAW: dict[str, Any] = {
    "id": "1",
    "created": 5,
    "model": "glm",
    "choices": [
        {
            "index": 0,
            "finish_reason": "tool_calls",
            "message": {
                "role": "assistant",
                "content": None,
                "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}],
            },
        }
    ],
    "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3},
    "brand_new": 1,
}


class Holder(pydantic.BaseModel):  # type: ignore[misc,name-defined]
    completion: ChatCompletion
    message: Optional[ChatCompletionMessage] = None
    history: list[ChatCompletionMessage] = []  # noqa: RUF012
    anything: Any = None


def completion() -> ChatCompletion:
    return ChatCompletion.from_dict(json.loads(json.dumps(RAW)))


def test_fields_validate_from_dicts_and_instances() -> None:
    model = completion()
    holder = Holder(completion=RAW, message=model.choices[0].message, history=[{"role": "user", "content": "hi"}])
    assert isinstance(holder.completion, ChatCompletion) and holder.completion == model
    assert holder.message is model.choices[0].message
    assert isinstance(holder.history[0], ChatCompletionMessage) and holder.history[0].content == "hi"
    assert holder.completion.to_dict() == RAW  # what was sent is remembered through validation


def test_wrong_input_is_a_validation_error() -> None:
    with pytest.raises(
        pydantic.ValidationError, match="Input should be a valid dictionary or instance of ChatCompletion"
    ):
        Holder(completion=5)
    with pytest.raises(pydantic.ValidationError):
        Holder(completion=CompletionUsage.from_dict({}))


def test_serialization_is_model_dump_in_both_modes() -> None:
    model = completion()
    holder = Holder(completion=model, anything=model)
    dumped = holder.model_dump()
    assert dumped["completion"] == model.model_dump() == dumped["anything"]
    as_json = json.loads(holder.model_dump_json())
    assert as_json["completion"] == json.loads(model.model_dump_json()) == as_json["anything"]


def test_the_callers_options_reach_our_models() -> None:
    model = completion()
    holder = Holder(completion=model, anything=model)
    assert holder.model_dump(exclude_unset=True)["completion"] == RAW
    assert holder.model_dump(exclude_unset=True)["anything"] == RAW
    assert holder.model_dump(exclude_none=True)["completion"] == model.model_dump(exclude_none=True)
    assert holder.model_dump(include={"completion": {"id": True, "usage": {"total_tokens"}}}) == {
        "completion": {"id": "1", "usage": {"total_tokens": 3}}
    }
    assert holder.model_dump(exclude={"completion": {"choices"}}, exclude_unset=True)["completion"] == {
        key: value for key, value in RAW.items() if key != "choices"
    }
    assert json.loads(holder.model_dump_json(exclude_unset=True, include={"completion"})) == {"completion": RAW}


def test_json_round_trip_through_the_pydantic_model() -> None:
    holder = Holder(completion=completion(), history=[completion().choices[0].message])
    again = Holder.model_validate_json(holder.model_dump_json())
    assert isinstance(again.completion, ChatCompletion)
    assert again.completion.model_dump() == holder.completion.model_dump()
    assert again.history[0].tool_calls is not None and again.history[0].tool_calls[0].function.name == "f"


def test_any_fields_hold_models_anywhere() -> None:
    model = completion()

    class Loose(pydantic.BaseModel):  # type: ignore[misc,name-defined]
        value: Any

    loose = Loose(value=[model.usage, {"choice": model.choices[0]}])
    usage = {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}
    assert loose.model_dump(exclude_unset=True) == {"value": [usage, {"choice": RAW["choices"][0]}]}
    assert json.loads(loose.model_dump_json(exclude_unset=True)) == {"value": [usage, {"choice": RAW["choices"][0]}]}


def test_type_adapter() -> None:
    model = completion()
    adapter = pydantic.TypeAdapter(type(model))
    assert adapter.validate_python(RAW) == model
    assert adapter.validate_json(json.dumps(RAW)) == model
    assert adapter.dump_python(model) == model.model_dump()
    assert json.loads(adapter.dump_json(model)) == json.loads(model.model_dump_json())
    assert adapter.json_schema()["title"] == "ChatCompletion"


def test_json_schema_of_a_pydantic_model_holding_ours() -> None:
    schema = Holder.model_json_schema()
    completion_schema = schema["properties"]["completion"]
    assert completion_schema["title"] == "ChatCompletion"
    assert completion_schema["required"] == ["id", "created", "model", "choices"]
    # Inlined (pydantic owns `$defs`): the nested schemas are there, without references.
    usage = completion_schema["properties"]["usage"]
    assert usage["properties"]["total_tokens"]["type"] == "integer"
    assert "$ref" not in json.dumps(completion_schema)
    assert schema["properties"]["history"]["items"]["title"] == "ChatCompletionMessage"


def test_the_serializer_hook_is_built_on_demand() -> None:
    serializer = ChatCompletion.__pydantic_serializer__
    assert serializer is completion().__pydantic_serializer__  # one per class
    assert serializer.to_python(completion(), exclude_unset=True) == RAW


def test_without_pydantic_import_and_a_chat_call_work() -> None:
    # A fresh interpreter where pydantic cannot be imported: `import zai`, a call, dumps and copies.
    script = textwrap.dedent(
        """
        import importlib.abc, json, sys

        class Block(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("pydantic", "pydantic_core"):
                    raise ModuleNotFoundError(f"No module named {name!r}")
                return None

        sys.meta_path.insert(0, Block())
        import httpx
        import zai

        body = {"id": "1", "created": 1, "model": "glm", "choices": [
            {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": None}}]}
        sent = []

        def handle(request):
            sent.append(json.loads(request.content))
            return httpx.Response(200, json=body)

        client = zai.ZaiClient(api_key="id.secret", base_url="https://example.test/api/paas/v4",
                               http_client=httpx.Client(transport=httpx.MockTransport(handle)))
        first = client.chat.completions.create(model="glm", messages=[{"role": "user", "content": "hi"}])
        message = first.choices[0].message
        client.chat.completions.create(model="glm", messages=[{"role": "user", "content": "hi"}, message])
        assert sent[1]["messages"][1] == {"role": "assistant", "content": None}, sent
        assert message.model_dump()["content"] is None
        assert first.to_dict() == body and first.model_copy(deep=True) == first
        assert type(first).model_json_schema()["title"] == "ChatCompletion"
        assert not hasattr(type(first), "__pydantic_serializer__")
        assert not [name for name in sys.modules if name.startswith("pydantic")]
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_import_zai_does_not_import_pydantic_or_the_model_machinery() -> None:
    script = "import sys, zai; print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'zai_api._model_'))))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['zai_api._model_base']"  # the base class only: dumping and schemas load on use
