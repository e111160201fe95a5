"""The models' pydantic v2 surface, with zai-sdk 0.2.3's semantics: dumping and its options.

Expected values were checked side by side against zai-sdk 0.2.3 on pydantic 2 (its `Completion`,
`CompletionMessage`, ...) wherever both SDKs declare the same fields.
"""

from __future__ import annotations

import enum
import json
from typing import Any

import pytest

from zai_api.models import (
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionMessage,
    ChatCompletionMessageToolCall,
    CompletionUsage,
    FileObject,
    FunctionTool,
    UserMessage,
    WebReaderResult,
)

TOOL_CALL = {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
PAYLOAD: dict[str, Any] = {
    "id": "1",
    "created": 5,
    "model": "glm",
    "request_id": "r",
    "choices": [
        {
            "index": 0,
            "finish_reason": "tool_calls",
            "message": {"role": "assistant", "content": None, "tool_calls": [TOOL_CALL]},
        },
        {"index": 1, "finish_reason": "stop", "message": {"role": "assistant", "content": "hi"}},
    ],
    "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3, "prompt_tokens_details": None},
    "extra_x": {"a": None, "b": [1, {"c": None}]},
    "extra_n": None,
    "extra_l": [{"q": 1}, {"q": 2}],
}
FULL_USAGE = {
    "prompt_tokens": 1,
    "completion_tokens": 2,
    "total_tokens": 3,
    "prompt_tokens_details": None,
    "completion_tokens_details": None,
}


def completion() -> ChatCompletion:
    return ChatCompletion.from_dict(json.loads(json.dumps(PAYLOAD)))


# --- model_dump defaults and exclude_unset -------------------------------------------------------


def test_model_dump_gives_every_declared_field_absent_ones_as_none() -> None:
    message = completion().choices[0].message
    assert message.model_dump() == {
        "role": "assistant",
        "content": None,
        "reasoning_content": None,
        "tool_calls": [
            {
                "id": "c1",
                "type": "function",
                "function": {"name": "f", "arguments": "{}"},
                "mcp": None,
                "doc_reference": None,
            }
        ],
        "audio": None,
    }
    assert message.model_dump()["content"] is None  # appending the dump to the next request relies on the key
    assert ChatCompletionMessage.from_dict({"role": "assistant"}).model_dump()["content"] is None


def test_model_dump_puts_undeclared_fields_after_the_declared_ones() -> None:
    dumped = completion().model_dump()
    assert list(dumped) == [
        "id",
        "created",
        "model",
        "choices",
        "request_id",
        "object",
        "usage",
        "web_search",
        "content_filter",
        "video_result",
        "extra_x",
        "extra_n",
        "extra_l",
    ]
    assert dumped["usage"] == FULL_USAGE
    assert dumped["extra_x"] == {"a": None, "b": [1, {"c": None}]}


def test_exclude_unset_gives_exactly_what_the_server_sent() -> None:
    model = completion()
    assert model.model_dump(exclude_unset=True) == PAYLOAD
    assert model.to_dict() == PAYLOAD  # zai-sdk's to_dict: exclude_unset and wire names
    assert model.choices[0].message.model_dump(exclude_unset=True) == PAYLOAD["choices"][0]["message"]


def test_fields_given_a_value_later_count_as_set() -> None:
    message = ChatCompletionMessage.from_dict({"role": "assistant"})
    assert message.model_dump(exclude_unset=True) == {"role": "assistant"}
    message.content = "now set"
    assert message.model_dump(exclude_unset=True) == {"role": "assistant", "content": "now set"}
    assert message.model_fields_set == {"role", "content"}


def test_dict_style_writes_track_what_is_set() -> None:
    message = ChatCompletionMessage.from_dict({"role": "assistant", "content": "x"})
    message["reasoning_content"] = None  # an explicit None is set, as pydantic counts assignments
    assert message.to_dict() == {"role": "assistant", "content": "x", "reasoning_content": None}
    assert message["reasoning_content"] is None
    del message["content"]
    assert message.to_dict() == {"role": "assistant", "reasoning_content": None}
    assert "content" not in message
    with pytest.raises(KeyError):
        message["content"]
    with pytest.raises(KeyError):
        del message["content"]
    message["new_key"] = 1
    assert message.to_dict()["new_key"] == 1


def test_constructed_models_count_the_fields_given_a_value() -> None:
    # Constructor arguments are not recorded (attrs): fields holding a value count as set,
    # const fields included (their default is the value the API requires).
    tool = FunctionTool(function={"name": "f"})
    assert tool.model_fields_set == {"type", "function"}
    assert tool.to_dict() == {"type": "function", "function": {"name": "f"}}
    message = UserMessage(content="hello")
    assert message.to_dict() == {"role": "user", "content": "hello"}
    assert ChatCompletionMessage(role="assistant", content="x").model_dump() == {
        "role": "assistant",
        "content": "x",
        "reasoning_content": None,
        "tool_calls": None,
        "audio": None,
    }


def test_exclude_none_applies_to_fields_and_undeclared_fields_not_inside_plain_dicts() -> None:
    dumped = completion().model_dump(exclude_none=True)
    assert "extra_n" not in dumped and "object" not in dumped
    assert dumped["extra_x"] == {"a": None, "b": [1, {"c": None}]}
    assert dumped["choices"][0]["message"] == {"role": "assistant", "tool_calls": [TOOL_CALL]}
    assert dumped["usage"] == {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}


def test_exclude_defaults_leaves_out_none_and_const_defaults() -> None:
    tool = FunctionTool(function={"name": "f"})
    assert tool.model_dump(exclude_defaults=True) == {"function": {"name": "f"}}
    dumped = completion().model_dump(exclude_defaults=True)
    assert "object" not in dumped and dumped["extra_n"] is None  # undeclared fields have no default
    assert dumped["id"] == "1"


def test_by_alias_uses_wire_names_and_field_names_otherwise() -> None:
    page = WebReaderResult.from_dict({"title": "t", "publishedTime": "2024", "url": "u"})
    assert page.published_time == "2024"
    assert page.model_dump(exclude_unset=True) == {"title": "t", "url": "u", "published_time": "2024"}
    assert page.model_dump(exclude_unset=True, by_alias=True) == {"title": "t", "url": "u", "publishedTime": "2024"}
    assert page.to_dict() == {"title": "t", "url": "u", "publishedTime": "2024"}
    assert page.to_dict(use_api_names=False) == {"title": "t", "url": "u", "published_time": "2024"}
    assert page.model_dump(include={"published_time"}) == {"published_time": "2024"}  # filters use field names
    # A wire name that is a Python builtin keeps its name (zai-sdk's `FileObject.bytes`).
    file = FileObject.from_dict({"id": "f", "bytes": 3})
    assert file.model_dump(exclude_unset=True) == {"id": "f", "bytes": 3}
    assert file.bytes == file.get("bytes") == 3
    assert "bytes" in FileObject.model_fields


class Colour(str, enum.Enum):
    RED = "red"


class Level(enum.IntEnum):
    HIGH = 3


def test_enum_members_dump_as_their_values_in_both_modes() -> None:
    choice = ChatCompletionChunk.from_dict({"choices": [{"index": 0, "delta": {}, "finish_reason": "brand_new"}]})
    for mode in ("python", "json"):
        value = choice.model_dump(mode=mode, exclude_unset=True)["choices"][0]["finish_reason"]
        assert value == "brand_new" and type(value) is str
        message = ChatCompletionMessage(role="assistant", content="x")
        message.additional_properties["colour"] = Colour.RED
        message.additional_properties["levels"] = {Colour.RED: Level.HIGH}
        dumped = message.model_dump(mode=mode, exclude_unset=True)
        assert dumped == {"role": "assistant", "content": "x", "colour": "red", "levels": {"red": 3}}
        assert type(dumped["colour"]) is str and type(dumped["levels"]["red"]) is int
    assert message.model_dump_json(exclude_unset=True) == (
        '{"role":"assistant","content":"x","colour":"red","levels":{"red":3}}'
    )


def test_json_mode_turns_other_python_values_into_json_types() -> None:
    message = ChatCompletionMessage(role="assistant")
    message.additional_properties["tags"] = {"b"}
    message.additional_properties["raw"] = b"bytes"
    assert message.model_dump(mode="json", exclude_unset=True) == {"role": "assistant", "tags": ["b"], "raw": "bytes"}
    assert message.model_dump(exclude_unset=True)["tags"] == {"b"}
    message.additional_properties["obj"] = object()
    with pytest.raises(TypeError, match="object is not JSON serializable"):
        message.model_dump(mode="json")


def test_dumps_are_fresh_data_not_views_of_the_model() -> None:
    model = ChatCompletion.from_dict({"id": "x", "web_search": [{"title": "t"}], "extra": [1, 2]})
    dumped = model.model_dump()
    dumped["extra"].append(3)
    dumped["web_search"][0]["title"] = "changed"
    assert model.extra == [1, 2] and model.web_search is not None and model.web_search[0].title == "t"


# --- include / exclude ---------------------------------------------------------------------------

INCLUDE_CASES: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({"include": {"id", "usage"}}, {"id": "1", "usage": FULL_USAGE}),
    ({"include": ["id"]}, {"id": "1"}),
    ({"include": ("id",)}, {"id": "1"}),
    ({"include": "id"}, {"id": "1"}),
    ({"include": {"usage": ...}}, {"usage": FULL_USAGE}),
    ({"include": {"usage": {"prompt_tokens"}}}, {"usage": {"prompt_tokens": 1}}),
    ({"include": {"usage": "prompt_tokens"}}, {"usage": {"prompt_tokens": 1}}),
    (
        {"include": {"choices": {0: {"message": {"tool_calls": {0: {"function": {"name"}}}}}}}},
        {"choices": [{"message": {"tool_calls": [{"function": {"name": "f"}}]}}]},
    ),
    ({"include": {"choices": {"__all__": {"index"}}}}, {"choices": [{"index": 0}, {"index": 1}]}),
    (
        {"include": {"choices": {"__all__": {"index"}, 1: {"finish_reason"}}}},
        {"choices": [{"index": 0}, {"index": 1, "finish_reason": "stop"}]},
    ),
    ({"include": {"choices": {-1: {"index"}}}}, {"choices": [{"index": 1}]}),
    ({"include": {"extra_x": {"b": {1: {"c"}}}}}, {"extra_x": {"b": [{"c": None}]}}),
    ({"include": {"extra_l": {"__all__": {"q"}}}}, {"extra_l": [{"q": 1}, {"q": 2}]}),
    ({"include": {"nope"}}, {}),
    ({"include": {"id": {"x"}}}, {"id": "1"}),  # a nested shape on a plain value is ignored (pydantic)
    ({"include": {"id", "usage"}, "exclude": {"usage"}}, {"id": "1"}),
    (
        {"include": {"usage": {"prompt_tokens", "total_tokens"}}, "exclude": {"usage": {"prompt_tokens"}}},
        {"usage": {"total_tokens": 3}},
    ),
]


@pytest.mark.parametrize(("options", "expected"), INCLUDE_CASES)
def test_include_shapes_as_pydantic(options: dict[str, Any], expected: dict[str, Any]) -> None:
    assert completion().model_dump(**options) == expected


def test_exclude_shapes_as_pydantic() -> None:
    model = completion()
    assert set(model.model_dump(exclude={"choices", "usage"})) == {
        "id",
        "created",
        "model",
        "request_id",
        "object",
        "web_search",
        "content_filter",
        "video_result",
        "extra_x",
        "extra_n",
        "extra_l",
    }
    unset = {"exclude_unset": True}
    assert model.model_dump(exclude={"choices": {-1}}, **unset)["choices"] == [PAYLOAD["choices"][0]]
    assert model.model_dump(exclude={"choices": {"__all__": {"message"}}}, **unset)["choices"] == [
        {"index": 0, "finish_reason": "tool_calls"},
        {"index": 1, "finish_reason": "stop"},
    ]
    assert model.model_dump(exclude={"choices": {"__all__": {"message": {"content"}}, 0: True}}, **unset)[
        "choices"
    ] == [{"index": 1, "finish_reason": "stop", "message": {"role": "assistant"}}]
    assert model.model_dump(exclude={"extra_x": {"b": {0}}}, **unset)["extra_x"] == {"a": None, "b": [{"c": None}]}
    assert model.model_dump(exclude={"extra_l": {0: True}}, **unset)["extra_l"] == [{"q": 2}]
    assert "usage" not in model.model_dump(exclude={"usage": ...})
    assert model.model_dump(exclude={"id": False}, **unset) == PAYLOAD  # False: not excluded (pydantic)
    assert model.model_dump(exclude={"nope"}, **unset) == PAYLOAD
    assert model.model_dump(include={"choices": {"__all__": True}}, exclude={"choices": {0}}, **unset) == {
        "choices": [PAYLOAD["choices"][1]]
    }


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"include": 5}, "`include` must be a set"),
        ({"exclude": 5.0}, "`exclude` must be a set"),
        ({"include": {"id": None}}, "values must be True"),
        ({"include": {"id": False}}, "values must be True"),  # pydantic would include `id`: say so instead
        ({"exclude": {"usage": 3}}, "values must be True"),
        ({"include": {1.5: True}}, "keys must be field names"),
        ({"exclude": {None}}, "keys must be field names"),
        ({"by_alias": "yes"}, "`by_alias` must be a bool"),
        ({"exclude_unset": 1}, "`exclude_unset` must be a bool"),
        ({"exclude_none": None}, "`exclude_none` must be a bool"),
        ({"exclude_defaults": "no"}, "`exclude_defaults` must be a bool"),
        ({"round_trip": 1}, "`round_trip` must be a bool"),
        ({"warnings": "loud"}, "`warnings` must be a bool"),
    ],
)
def test_wrong_option_types_raise_a_clear_type_error(options: dict[str, Any], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        completion().model_dump(**options)
    if "round_trip" not in options and "warnings" not in options:
        with pytest.raises(TypeError, match=message):
            completion().model_dump_json(**options)


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="`mode` must be 'python' or 'json'"):
        completion().model_dump(mode="xml")
    with pytest.raises(TypeError):
        completion().model_dump(context={})  # type: ignore[call-arg]  # not accepted, not ignored


def test_round_trip_and_warnings_are_accepted() -> None:
    model = completion()
    assert model.model_dump(round_trip=True, warnings=False) == model.model_dump()
    assert model.model_dump(warnings="none") == model.model_dump()


# --- JSON ----------------------------------------------------------------------------------------


def test_model_dump_json_is_compact_like_pydantic() -> None:
    usage = completion().usage
    assert usage is not None
    assert usage.model_dump_json() == (
        '{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3,'
        '"prompt_tokens_details":null,"completion_tokens_details":null}'
    )
    assert usage.model_dump_json(exclude_none=True, include={"prompt_tokens"}) == '{"prompt_tokens":1}'
    assert usage.model_dump_json(indent=2, exclude_unset=True, exclude={"prompt_tokens_details"}) == (
        '{\n  "prompt_tokens": 1,\n  "completion_tokens": 2,\n  "total_tokens": 3\n}'
    )
    assert usage.model_dump_json(indent=0, include={"total_tokens"}) == '{\n"total_tokens": 3\n}'
    assert usage.json() == usage.model_dump_json()


def test_model_dump_json_keeps_unicode_and_writes_non_finite_floats_as_null() -> None:
    message = ChatCompletionMessage(role="assistant", content="ü \u2028 <>&")
    assert message.model_dump_json(exclude_unset=True) == '{"role":"assistant","content":"ü \u2028 <>&"}'
    message.additional_properties["score"] = float("inf")
    message.additional_properties["scores"] = [float("nan"), 1.5]
    assert message.model_dump_json(include={"score", "scores"}) == '{"score":null,"scores":[null,1.5]}'
    assert message.model_dump(include={"score"}, mode="json") == {"score": float("inf")}  # as pydantic
    with pytest.raises(TypeError, match="`indent` must be an int"):
        message.model_dump_json(indent="2")  # type: ignore[arg-type]


def test_to_json_is_to_dict_indented_by_two() -> None:
    message = completion().choices[0].message
    assert message.to_json() == json.dumps(message.to_dict(), indent=2, ensure_ascii=False)
    assert (
        message.to_json(indent=None)
        == '{"role":"assistant","content":null,"tool_calls":[' + json.dumps(TOOL_CALL, separators=(",", ":")) + "]}"
    )
    assert json.loads(message.to_json(exclude_none=True)) == {"role": "assistant", "tool_calls": [TOOL_CALL]}


def test_to_dict_options_as_zai_sdk() -> None:
    message = completion().choices[0].message
    assert message.to_dict(exclude_unset=False) == message.model_dump(by_alias=True)
    assert message.to_dict(exclude_none=True) == {"role": "assistant", "tool_calls": [TOOL_CALL]}
    assert message.to_dict(mode="json") == message.to_dict()


def test_pydantic_v1_spellings() -> None:
    model = completion()
    assert model.dict() == model.model_dump()
    assert model.dict(exclude_unset=True, include={"id"}) == {"id": "1"}
    assert json.loads(model.json(exclude_unset=True)) == PAYLOAD
    assert model.json(include={"id", "model"}) == '{"id":"1","model":"glm"}'
    with pytest.raises(TypeError):
        model.json(indent=2)  # type: ignore[call-arg]  # pydantic 2 refuses it too


# --- mapping-style access ------------------------------------------------------------------------


def test_keys_values_items_follow_to_dict() -> None:
    model = completion()
    # In the order of the declared fields (as pydantic dumps), then the undeclared ones.
    assert list(model.keys()) == [
        "id",
        "created",
        "model",
        "choices",
        "request_id",
        "usage",
        "extra_x",
        "extra_n",
        "extra_l",
    ]
    assert model.keys() - {"id"} == set(PAYLOAD) - {"id"}
    keys = list(model.keys())
    assert list(model.values()) == [PAYLOAD[key] for key in keys]
    assert dict(model.items()) == PAYLOAD
    assert dict(iter(model)) == PAYLOAD
    assert model["choices"][0]["message"]["content"] is None
    assert model["choices"][0] is model.choices[0]  # `[]` gives the attribute's value
    assert model.get("object") is None and model.get("object", "d") == "d"
    assert model.get("extra_n", "d") == "d" and model.get("extra_x") == {"a": None, "b": [1, {"c": None}]}
    with pytest.raises(KeyError):
        model["object"]
    assert "request_id" in model and "object" not in model and "extra_n" in model


def test_get_accepts_wire_and_field_names() -> None:
    page = WebReaderResult.from_dict({"publishedTime": "2024"})
    assert page.get("publishedTime") == page.get("published_time") == "2024"
    assert page["publishedTime"] == "2024"


# --- unions, nested models, round trips ----------------------------------------------------------


def test_discriminated_union_variants_dump_as_they_were_sent() -> None:
    from zai_api.models import ChatCompletionRequest  # noqa: PLC0415

    body = {
        "model": "m",
        "messages": [
            {"role": "system", "content": "s"},
            {"role": "user", "content": [{"type": "text", "text": "t"}, {"type": "hologram", "data": 1}]},
            {"role": "assistant", "content": None, "tool_calls": [TOOL_CALL]},
            {"role": "moderator", "content": "?"},
        ],
    }
    request = ChatCompletionRequest.from_dict(body)
    assert request.to_dict() == body
    again = ChatCompletionRequest.model_validate(request.model_dump(by_alias=True))
    assert [type(message).__name__ for message in again.messages] == [
        "SystemMessage",
        "UserMessage",
        "AssistantMessage",
        "dict",
    ]
    assert again.model_dump() == request.model_dump()


def test_round_trips_through_dict_and_json() -> None:
    model = completion()
    assert ChatCompletion.model_validate(model.to_dict()) == model
    assert ChatCompletion.model_validate_json(model.to_json()) == model
    assert ChatCompletion.model_validate_json(model.model_dump_json(exclude_unset=True).encode()).to_dict() == PAYLOAD
    again = ChatCompletion.model_validate(model.model_dump(by_alias=True))
    assert again.model_dump() == model.model_dump()


def test_wrong_value_types_still_dump() -> None:
    model = ChatCompletion.from_dict({"choices": [None, 3, {"delta": None}], "usage": "oops", "created": "yesterday"})
    assert model.to_dict() == {"choices": [None, 3, {"delta": None}], "usage": "oops", "created": "yesterday"}
    json.loads(model.model_dump_json())


def test_a_tool_call_message_can_be_built_and_dumped() -> None:
    call = ChatCompletionMessageToolCall.model_validate(TOOL_CALL)
    message = ChatCompletionMessage(role="assistant", content=None, tool_calls=[call])
    assert message.to_dict() == {"role": "assistant", "tool_calls": [TOOL_CALL]}
    assert CompletionUsage.model_validate({"total_tokens": 1}).total_tokens == 1
