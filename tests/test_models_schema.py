"""`model_json_schema()`: the models' JSON Schemas, from the OpenAPI document shipped with the package."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

import zai_api.models
from zai_api.models import (
    ChatCompletion,
    ChatCompletionRequest,
    CompletionUsageCompletionTokensDetails,
    WebReaderResult,
)
from zai_api.types import BaseModel

MODELS = [
    obj
    for name in zai_api.models.__all__
    if isinstance(obj := getattr(zai_api.models, name), type) and issubclass(obj, BaseModel)
]


def walk(node: Any) -> list[tuple[str, Any]]:
    """Every (key, value) pair of a JSON document, depth first."""
    pairs: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            pairs.append((key, value))
            pairs.extend(walk(value))
    elif isinstance(node, list):
        for value in node:
            pairs.extend(walk(value))
    return pairs


def test_each_model_points_at_its_own_schema() -> None:
    shipped = json.loads(resources.files("zai_api").joinpath("schemas.json").read_text(encoding="utf-8"))
    for cls in MODELS:
        node: Any = shipped
        for part in cls._zai_schema.removeprefix("#/").split("/"):
            node = node[int(part)] if isinstance(node, list) else node[part.replace("~1", "/").replace("~0", "~")]
        properties = set(node.get("properties", {}))
        for part in node.get("allOf", []):
            target = shipped["components"]["schemas"][part["$ref"].rsplit("/", 1)[-1]] if "$ref" in part else part
            properties |= set(target.get("properties", {}))
        assert properties == set(cls._zai_fields), cls


def test_references_go_into_defs() -> None:
    schema = ChatCompletion.model_json_schema()
    assert schema["title"] == "ChatCompletion"
    assert schema["description"] == "A finished chat completion."
    assert schema["required"] == ["id", "created", "model", "choices"]
    assert schema["properties"]["usage"] == {"$ref": "#/$defs/CompletionUsage"}
    assert schema["properties"]["choices"]["items"] == {"$ref": "#/$defs/ChatCompletionChoice"}
    assert set(schema["$defs"]) >= {"ChatCompletionChoice", "ChatCompletionMessage", "CompletionUsage", "FunctionCall"}
    assert schema["$defs"]["CompletionUsage"]["title"] == "CompletionUsage"
    refs = {value for key, value in walk(schema) if key == "$ref"}
    assert refs == {f"#/$defs/{name}" for name in schema["$defs"]}  # every reference resolves, none unused


def test_document_specifics_are_translated() -> None:
    schema = ChatCompletionRequest.model_json_schema()
    keys = {key for key, _ in walk(schema)}
    assert not [key for key in keys if key.startswith("x-")]
    assert "example" not in keys
    assert isinstance(ChatCompletion.model_json_schema()["examples"], list)  # `example` became `examples`
    discriminator = schema["$defs"]["ChatMessage"]["discriminator"]
    assert discriminator == {
        "propertyName": "role",
        "mapping": {
            "system": "#/$defs/SystemMessage",
            "user": "#/$defs/UserMessage",
            "assistant": "#/$defs/AssistantMessage",
            "tool": "#/$defs/ToolMessage",
        },
    }


def test_ref_template() -> None:
    schema = ChatCompletionRequest.model_json_schema(ref_template="#/components/schemas/{model}")
    assert schema["properties"]["messages"]["items"] == {"$ref": "#/components/schemas/ChatMessage"}
    assert schema["$defs"]["ChatMessage"]["discriminator"]["mapping"]["user"] == "#/components/schemas/UserMessage"


def test_by_alias_false_uses_field_names() -> None:
    assert "publishedTime" in WebReaderResult.model_json_schema()["properties"]
    properties = WebReaderResult.model_json_schema(by_alias=False)["properties"]
    assert "published_time" in properties and "publishedTime" not in properties


def test_inline_schemas_have_their_own() -> None:
    schema = CompletionUsageCompletionTokensDetails.model_json_schema()
    assert schema == {
        "title": "CompletionUsageCompletionTokensDetails",
        "type": "object",
        "description": "Breakdown of the generated tokens.",
        "required": ["reasoning_tokens"],
        "properties": {"reasoning_tokens": {"type": "integer", "description": "Generated tokens spent on reasoning."}},
    }


def test_every_model_has_a_schema() -> None:
    assert len(MODELS) > 300
    for cls in MODELS:
        schema = cls.model_json_schema()
        assert schema["title"], cls
        defs = schema.get("$defs", {})
        assert {value for key, value in walk(schema) if key == "$ref"} <= {f"#/$defs/{name}" for name in defs}


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"by_alias": 1}, TypeError, "`by_alias` must be a bool"),
        ({"ref_template": "#/defs/"}, TypeError, "`ref_template` must be a string with a {model} placeholder"),
        ({"mode": "both"}, ValueError, "`mode` must be 'validation' or 'serialization'"),
    ],
)
def test_wrong_arguments(options: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        ChatCompletion.model_json_schema(**options)


def test_modes_give_the_same_schema() -> None:
    assert ChatCompletion.model_json_schema(mode="serialization") == ChatCompletion.model_json_schema()
