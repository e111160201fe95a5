"""The models' pydantic v2 surface beyond dumping: building, copying, fields, Python protocols."""

from __future__ import annotations

import copy
import json
import pickle
import sys
from typing import Any

import pytest

from zai_api.models import (
    ChatCompletion,
    ChatCompletionMessage,
    ChatCompletionMessageToolCall,
    CompletionUsage,
    FileObject,
    FunctionCall,
    FunctionTool,
    WebReaderResult,
)
from zai_api.types import BaseModel

RAW: dict[str, Any] = {
    "id": "1",
    "model": "glm",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": None, "tool_calls": []}}],
    "usage": {"total_tokens": 3},
    "brand_new": {"nested": [1, None]},
}


def completion() -> ChatCompletion:
    return ChatCompletion.from_dict(json.loads(json.dumps(RAW)))


# --- model_validate, model_validate_json, model_construct ----------------------------------------


def test_model_validate_builds_nested_models_and_keeps_instances() -> None:
    model = ChatCompletion.model_validate(RAW)
    assert isinstance(model.choices[0].message, ChatCompletionMessage)
    assert ChatCompletion.model_validate(model) is model
    assert model.model_fields_set == {"id", "model", "choices", "usage", "brand_new"}


def test_model_validate_refuses_what_is_not_an_object() -> None:
    with pytest.raises(
        TypeError, match=r"ChatCompletion.model_validate\(\) expects a dict or a ChatCompletion, not list"
    ):
        ChatCompletion.model_validate([1])
    with pytest.raises(TypeError, match="not CompletionUsage"):
        ChatCompletion.model_validate(CompletionUsage.from_dict({}))


def test_model_validate_json() -> None:
    model = ChatCompletion.model_validate_json(json.dumps(RAW))
    assert model == completion()
    assert ChatCompletion.model_validate_json(json.dumps(RAW).encode()).to_dict() == RAW
    with pytest.raises(TypeError, match="expects a JSON object, not list"):
        ChatCompletion.model_validate_json("[1]")
    with pytest.raises(json.JSONDecodeError):
        ChatCompletion.model_validate_json("{oops")
    with pytest.raises(TypeError):
        ChatCompletion.model_validate_json(5)  # type: ignore[arg-type]


def test_model_construct_takes_field_or_wire_names_and_parses_nested_dicts() -> None:
    model = ChatCompletion.model_construct(id="x", choices=[{"index": 0, "message": {"role": "assistant"}}], extra=1)
    assert isinstance(model.choices[0].message, ChatCompletionMessage)
    assert model.model_fields_set == {"id", "choices", "extra"}
    assert model.model_extra == {"extra": 1}
    page = WebReaderResult.model_construct(published_time="y")
    assert page.published_time == "y" == WebReaderResult.model_construct(publishedTime="y").published_time
    file = FileObject.model_construct(bytes=3)
    assert file.bytes == 3 and file.to_dict() == {"bytes": 3}


def test_zai_sdk_spellings_construct_and_json_hook() -> None:
    model = ChatCompletion.construct(id="x", choices=[{"index": 0}])
    assert type(model.choices[0]).__name__ == "ChatCompletionChoice"
    assert model.__json__() == model.to_dict() == {"id": "x", "choices": [{"index": 0}]}


def test_model_construct_fields_set() -> None:
    model = ChatCompletion.model_construct({"id", "usage"}, id="x", usage=None, model="m")
    assert model.model_dump(exclude_unset=True) == {"id": "x", "usage": None, "model": "m"}  # `model` holds a value
    with pytest.raises(TypeError, match="`_fields_set` must be a set of field names"):
        ChatCompletion.model_construct("id", id="x")  # type: ignore[arg-type]


# --- model_copy, copy, deepcopy, pickle, equality ------------------------------------------------


def test_model_copy_is_shallow_by_default_and_applies_update() -> None:
    model = completion()
    clone = model.model_copy(update={"id": "2", "usage": None, "newer": True})
    assert (clone.id, clone.usage, clone.newer) == ("2", None, True)
    assert clone.choices is model.choices  # shallow, as pydantic
    assert clone.model_extra == {"brand_new": {"nested": [1, None]}, "newer": True}
    assert model.model_extra == {"brand_new": {"nested": [1, None]}}  # its own dict of undeclared fields
    assert clone.to_dict()["usage"] is None  # updated fields count as set, None included
    assert model.id == "1"
    file = FileObject.from_dict({"bytes": 1}).model_copy(update={"bytes": 2})
    assert file.bytes == 2


def test_model_copy_deep() -> None:
    model = completion()
    clone = model.model_copy(deep=True)
    assert clone == model and clone.choices is not model.choices
    assert clone.model_extra["brand_new"] is not model.model_extra["brand_new"]
    assert clone.to_dict() == model.to_dict()


def test_model_copy_checks_its_arguments() -> None:
    with pytest.raises(TypeError, match="`update` must be a dict"):
        completion().model_copy(update=[("id", "x")])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`deep` must be a bool"):
        completion().model_copy(deep="yes")  # type: ignore[arg-type]


def test_copy_deepcopy_and_pickle_keep_values_and_what_was_set() -> None:
    model = completion()
    for clone in (copy.copy(model), copy.deepcopy(model), pickle.loads(pickle.dumps(model))):
        assert clone == model
        assert type(clone) is ChatCompletion
        assert clone.to_dict() == RAW  # the explicit null of `content` survives
        assert clone.model_fields_set == model.model_fields_set
    shallow = copy.copy(model)
    shallow.additional_properties["only_here"] = 1
    assert "only_here" not in model.additional_properties


def test_equality_compares_values_and_undeclared_fields_not_provenance() -> None:
    assert completion() == completion()
    sent_null = ChatCompletionMessage.from_dict({"role": "assistant", "content": None})
    left_out = ChatCompletionMessage.from_dict({"role": "assistant"})
    assert sent_null == left_out  # as pydantic: what was set is not compared
    assert left_out != ChatCompletionMessage.from_dict({"role": "assistant", "x": 1})
    assert left_out != CompletionUsage.from_dict({})
    with pytest.raises(TypeError):
        hash(left_out)


# --- model_fields, model_fields_set, model_extra -------------------------------------------------


def test_model_fields_describe_the_declared_fields() -> None:
    fields = ChatCompletion.model_fields
    assert list(fields) == [
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
    ]
    assert fields["id"].is_required() and not fields["usage"].is_required()
    assert fields["usage"].default is None and fields["usage"].alias is None
    assert fields["model"].description == "The model that answered."
    assert completion().model_fields is fields
    assert WebReaderResult.model_fields["published_time"].alias == "publishedTime"
    assert FunctionCall.model_fields["name"].annotation is str
    assert "FieldInfo(annotation=str, required=True" in repr(FunctionCall.model_fields["name"])
    assert ChatCompletionMessageToolCall.model_fields["type"].is_required()
    const = FunctionTool.model_fields["type"]
    assert not const.is_required() and const.default == "function"
    assert list(FileObject.model_fields)[:3] == ["id", "object", "bytes"]


def test_model_fields_set_and_model_extra() -> None:
    model = completion()
    assert model.model_fields_set == {"id", "model", "choices", "usage", "brand_new"}
    assert model.choices[0].message.model_fields_set == {"role", "content", "tool_calls"}
    assert model.model_extra == {"brand_new": {"nested": [1, None]}}
    assert model.model_extra is model.additional_properties  # mutable, as pydantic's
    assert model.brand_new == {"nested": [1, None]}


# --- repr ----------------------------------------------------------------------------------------


def test_repr_lists_every_field_like_pydantic() -> None:
    usage = CompletionUsage.from_dict({"total_tokens": 3, "x": 1})
    assert repr(usage) == (
        "CompletionUsage(prompt_tokens=None, completion_tokens=None, total_tokens=3, prompt_tokens_details=None,"
        " completion_tokens_details=None, x=1)"
    )
    assert str(usage) == repr(usage)


def test_repr_never_raises() -> None:
    class Loud:
        def __repr__(self) -> str:
            raise RuntimeError("no")

    usage = CompletionUsage.from_dict({"x": Loud()})
    assert "x=<Loud (repr failed: RuntimeError)>" in repr(usage)
    usage.additional_properties["me"] = usage  # a cycle
    assert "me=..." in repr(usage)
    bare = CompletionUsage.__new__(CompletionUsage)  # no __init__: empty slots
    assert repr(bare).startswith("CompletionUsage(")


def test_models_stay_slotted() -> None:
    # The base adds no instance dict: parsed models stay as small as attrs makes them
    # (`__dict__` is a computed view, below).
    model = completion()
    assert isinstance(model, BaseModel)
    assert type(model).__dictoffset__ == 0
    assert not hasattr(model, "__slots__") or "__dict__" not in type(model).__slots__


def test_vars_and_dunder_dict_give_the_declared_fields_as_pydantic() -> None:
    # Frameworks serialise with `json.dumps(obj, default=vars)` or `default=lambda o: o.__dict__`,
    # which work on zai-sdk's pydantic models: field name -> value, models kept as models,
    # undeclared fields left out (pydantic keeps them in `__pydantic_extra__`).
    model = completion()
    message = model.choices[0].message
    assert vars(message) == message.__dict__
    assert vars(message)["tool_calls"] is message.tool_calls
    assert set(vars(model)) == set(ChatCompletion.model_fields)
    assert "brand_new" not in vars(model)
    file = FileObject.from_dict({"id": "f", "bytes": 3})
    assert vars(file)["bytes"] == 3  # pydantic's field name, not the attribute `bytes_`
    vars(message)["content"] = "changed"  # a fresh dict each time: the model is unchanged
    assert message.content is None
    plain = json.loads(json.dumps(model, default=vars))
    assert plain == {k: v for k, v in model.model_dump(mode="json").items() if k != "brand_new"}
    assert json.loads(json.dumps(model, default=lambda o: o.__dict__)) == plain
    assert "model" in dir(model)
    assert ChatCompletion.__dict__["__module__"] == ChatCompletion.__module__  # the class's own is untouched


@pytest.mark.skipif(sys.version_info < (3, 10), reason="the generated `X | None` annotations need Python 3.10")
def test_type_hints_of_models_resolve() -> None:
    # Frameworks read a class's annotations with `typing.get_type_hints` (dependency injection,
    # schema builders, runtime type checkers), which works on zai-sdk's pydantic models. The
    # base's `dict` method (pydantic v1's name) must not shadow the builtin in the annotations.
    import typing  # noqa: PLC0415

    import zai_api.models  # noqa: PLC0415

    hints = typing.get_type_hints(ChatCompletion)
    assert {"choices", "usage", "additional_properties"} <= set(hints)
    assert hints["additional_properties"] == dict[str, Any]
    failed = []
    for name in zai_api.models.__all__:
        cls = getattr(zai_api.models, name)
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            try:
                typing.get_type_hints(cls)
            except Exception as error:  # collected, reported below
                failed.append(f"{name}: {error!r}")
    assert failed == []
