"""What frameworks do with response objects, run by zai-sdk 0.2.3 and by us (test_objects.py).

`python objects.py` (with `ZAI_BASE_URL` and `ZAI_API_KEY` set, against a `FakeZai` scripted by
test_objects.py) prints a JSON transcript: for each operation (pickle, copy, `==`, `hash`,
`repr`, `json.dumps(default=...)`, `dict()`, `vars()`, `getattr`/`hasattr`, iteration, `obj[...]`,
dump/validate round trips, objects inside pydantic models and TypedDicts, streams closed early,
calls from threads and `asyncio.to_thread`), what it returned or which exception it raised.
Both interpreters have pydantic 2.
"""

from __future__ import annotations

import asyncio
import copy
import json
import pickle
import sys
import threading
import typing
import weakref
from collections.abc import Mapping
from typing import Any, Callable, Optional

import pydantic
from typing_extensions import TypedDict

from zai import ZaiClient
from zai.types.chat import Completion

MESSAGES = [{"role": "user", "content": "Weather in Beijing?"}]


def outcome(action: Callable[[], Any]) -> Any:
    """What `action()` returned (as JSON-able data), or the class of the exception it raised."""
    try:
        value = action()
    except Exception as error:  # the exception is the outcome compared
        return {"raised": type(error).__name__}
    return plain(value)


def plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return {"object": type(value).__name__}


def create(client: ZaiClient) -> Completion:
    return client.chat.completions.create(model="glm-4.7", messages=MESSAGES)


class Holder(pydantic.BaseModel):
    completion: Completion
    items: list[Any] = []
    maybe: Optional[Completion] = None


class Stored(TypedDict):
    completion: Completion


def objects(client: ZaiClient) -> dict[str, Any]:
    one, two = create(client), create(client)
    message = one.choices[0].message
    call = message.tool_calls[0]
    out: dict[str, Any] = {}

    out["eq.two_parses"] = one == two
    out["eq.other_body"] = outcome(lambda: one == create(client))
    out["eq.dict"] = outcome(lambda: one == one.model_dump())
    out["hash"] = outcome(lambda: isinstance(hash(one), int))
    out["hash.message"] = outcome(lambda: isinstance(hash(message), int))
    out["bool"] = bool(one)

    copies: dict[str, Callable[[Any], Any]] = {
        "pickle": lambda o: pickle.loads(pickle.dumps(o)),
        "copy": copy.copy,
        "deepcopy": copy.deepcopy,
    }
    for name, loads in copies.items():
        again = loads(one)
        out[f"{name}.type"] = type(again).__name__
        out[f"{name}.eq"] = again == one
        out[f"{name}.content"] = again.choices[0].message.content
        out[f"{name}.extra"] = outcome(lambda again=again: again.choices[0].message.extra_note)
        out[f"{name}.dump_equal"] = again.model_dump() == one.model_dump()
        out[f"{name}.to_dict_equal"] = outcome(lambda again=again: again.to_dict() == one.to_dict())
        out[f"{name}.fields_set"] = sorted(again.model_fields_set)
    out["pickle.protocols"] = [
        pickle.loads(pickle.dumps(one, protocol=p)) == one for p in range(2, pickle.HIGHEST_PROTOCOL + 1)
    ]
    out["pickle.message"] = outcome(lambda: pickle.loads(pickle.dumps(message)) == message)
    out["deepcopy.independent"] = outcome(
        lambda: (lambda c: (setattr(c.choices[0].message, "content", "x"), one.choices[0].message.content)[1])(
            copy.deepcopy(one)
        )
    )
    out["copy.shares_choices"] = copy.copy(one).choices is one.choices

    out["repr.startswith"] = repr(message).split("(")[0]
    out["str.startswith"] = str(message).split("(")[0]
    out["repr.has_content"] = "content='" in repr(message)
    out["str.has_content"] = "content='" in str(message)

    out["json.default_model_dump"] = outcome(lambda: json.loads(json.dumps(one, default=lambda o: o.model_dump())))
    out["json.default_vars"] = outcome(lambda: json.dumps(message, default=vars) is not None)
    out["json.default___dict__"] = outcome(lambda: json.dumps(message, default=lambda o: o.__dict__) is not None)
    out["json.default_str"] = outcome(lambda: isinstance(json.dumps(message, default=str), str))
    out["json.default_dict"] = outcome(lambda: json.loads(json.dumps(call, default=dict)))
    out["json.model_dump_json"] = json.loads(one.model_dump_json())

    out["dict"] = outcome(lambda: dict(call))
    out["dict.keys"] = outcome(lambda: sorted(dict(message)))
    # This SDK declares more fields than zai-sdk: compare on the fields zai-sdk declares.
    known = ("id", "type", "function")
    out["vars"] = outcome(lambda: {k: plain(v) for k, v in vars(call).items() if k in known})
    out["vars.message"] = outcome(lambda: sorted({"role", "content", "tool_calls"} & set(vars(message))))
    out["vars.extra"] = outcome(lambda: "extra_note" in vars(message))
    out["__dict__"] = outcome(lambda: {k: plain(v) for k, v in call.__dict__.items() if k in known})
    out["type_hints"] = outcome(lambda: sorted({"id", "choices", "usage"} & set(typing.get_type_hints(Completion))))
    out["weakref"] = outcome(lambda: weakref.ref(one)() is one)
    out["mapping"] = isinstance(one, Mapping)
    out["list"] = outcome(lambda: list(call))
    out["iter.keys"] = outcome(lambda: [k for k, _ in call])
    out["keys"] = outcome(lambda: sorted(message.keys()))
    out["items"] = outcome(lambda: dict(call.function.items()))
    out["len"] = outcome(lambda: len(call))
    out["in.declared"] = outcome(lambda: "content" in message)
    out["in.absent"] = outcome(lambda: "audio" in message)

    out["getattr.absent_declared"] = getattr(one.usage, "prompt_tokens_details", "default")
    out["getattr.unknown"] = getattr(message, "nonexistent", "default")
    out["getattr.extra"] = getattr(message, "extra_note", "default")
    out["hasattr.absent_declared"] = hasattr(one.usage, "prompt_tokens_details")
    out["hasattr.unknown"] = hasattr(message, "nonexistent")
    out["hasattr.extra"] = hasattr(message, "extra_note")
    out["hasattr.model_dump"] = hasattr(message, "model_dump")
    out["get.absent"] = message.get("audio", "default")
    out["getitem.content"] = outcome(lambda: message["content"])
    out["getitem.absent"] = outcome(lambda: one.usage["prompt_tokens_details"])
    out["getitem.unknown"] = outcome(lambda: message["nonexistent"])
    out["getitem.int"] = outcome(lambda: one.choices[0][0])

    out["setattr.content"] = outcome(lambda: (setattr(two.choices[0].message, "content", "changed"), two.to_dict())[1])
    out["setattr.new"] = outcome(lambda: (setattr(two, "my_tag", "t"), two.my_tag)[1])
    out["delattr"] = outcome(lambda: delattr(two, "request_id"))

    dumped = one.model_dump()
    out["validate.eq"] = Completion.model_validate(dumped) == one
    out["validate.exclude_unset.eq"] = Completion.model_validate(one.model_dump(exclude_unset=True)) == one
    out["validate.json.eq"] = Completion.model_validate_json(one.model_dump_json()) == one
    out["validate.by_alias.eq"] = Completion.model_validate(one.model_dump(by_alias=True)) == one
    out["model_copy.eq"] = one.model_copy() == one
    out["model_copy.update"] = outcome(lambda: one.model_copy(update={"model": "x"}).model)

    # The tool-call round trip: the reply's message, dumped, goes back into `messages`.
    for name, sent in {
        "model_dump": message.model_dump(),
        "model_dump_exclude_none": message.model_dump(exclude_none=True),
        "to_dict": message.to_dict(),
        "object": message,
    }.items():
        follow = outcome(
            lambda sent=sent: (
                client.chat.completions.create(
                    model="glm-4.7",
                    messages=[*MESSAGES, sent, {"role": "tool", "tool_call_id": call.id, "content": "21"}],
                )
                .choices[0]
                .message.content
            )
        )
        out[f"round_trip.{name}"] = follow

    out["pydantic.holder"] = outcome(lambda: Holder(completion=one, items=[message]).completion == one)
    out["pydantic.holder.dump"] = outcome(lambda: Holder(completion=one, items=[call]).model_dump()["items"])
    holder = Holder(completion=one)
    out["pydantic.holder.json"] = outcome(lambda: json.loads(holder.model_dump_json())["completion"]["id"])
    out["pydantic.holder.from_dict"] = outcome(
        lambda: Holder.model_validate({"completion": one.model_dump()}).completion == one
    )
    out["pydantic.holder.copy"] = outcome(lambda: copy.deepcopy(holder).completion == one)
    out["pydantic.holder.pickle"] = outcome(lambda: pickle.loads(pickle.dumps(holder)).completion == one)
    out["pydantic.type_adapter"] = outcome(
        lambda: pydantic.TypeAdapter(list[Completion]).dump_python([one], mode="json")[0]["id"]
    )
    stored: Stored = {"completion": one}
    out["typeddict"] = stored["completion"].choices[0].message.content
    out["typeddict.adapter"] = outcome(
        lambda: pydantic.TypeAdapter(Stored).validate_python(stored)["completion"] == one
    )

    # Streams: iterate a little, close, iterate again.
    stream = client.chat.completions.create(model="glm-4.7", messages=MESSAGES, stream=True)
    first = next(iter(stream))
    out["stream.first"] = first.choices[0].delta.content
    out["stream.close"] = outcome(lambda: stream.close())
    out["stream.after_close"] = outcome(lambda: [c.choices[0].delta.content for c in stream])
    stream = client.chat.completions.create(model="glm-4.7", messages=MESSAGES, stream=True)
    out["stream.all"] = [c.choices[0].delta.content for c in stream]
    out["stream.close_after_end"] = outcome(lambda: stream.close())
    out["stream.again"] = outcome(lambda: list(stream))
    out["stream.chunk_pickle"] = outcome(lambda: pickle.loads(pickle.dumps(first)) == first)
    out["stream.chunk_deepcopy"] = outcome(lambda: copy.deepcopy(first) == first)

    # Errors: what multiprocessing, task queues and loggers do with them.
    try:
        client.chat.completions.create(model="glm-4.7", messages=[{"role": "user", "content": "fail"}])
    except Exception as caught:  # the error is what is examined
        error = caught
    out["error.type"] = type(error).__name__
    out["error.pickle"] = outcome(lambda: type(pickle.loads(pickle.dumps(error))).__name__)
    out["error.pickle.status"] = outcome(lambda: pickle.loads(pickle.dumps(error)).status_code)
    out["error.pickle.str"] = outcome(lambda: str(pickle.loads(pickle.dumps(error))) == str(error))
    out["error.copy"] = outcome(lambda: str(copy.copy(error)) == str(error))
    out["error.deepcopy"] = outcome(lambda: copy.deepcopy(error).status_code)
    out["error.args"] = outcome(lambda: len(error.args))
    out["error.response.status"] = error.response.status_code

    # Threads and asyncio.to_thread.
    results: list[Any] = []
    threads = [threading.Thread(target=lambda: results.append(create(client).id)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out["threads"] = sorted(results)

    async def in_threads() -> list[str]:
        done = await asyncio.gather(
            *(asyncio.to_thread(client.chat.completions.create, model="glm-4.7", messages=MESSAGES) for _ in range(3))
        )
        return [c.id for c in done]

    out["to_thread"] = outcome(lambda: asyncio.run(in_threads()))
    return out


def main() -> None:
    client = ZaiClient(max_retries=0)  # ZAI_API_KEY and ZAI_BASE_URL from the environment
    json.dump(objects(client), sys.stdout, indent=1, sort_keys=True, default=repr)


if __name__ == "__main__":
    main()
