"""A small, deterministic imitation of the chat operations, good enough for demos and tests.

- A user turn with function tools gets a tool call to the first function, with arguments filled
  from the user's words; a turn after a tool result answers from that result.
- Otherwise the reply quotes the user's last message. With `thinking` enabled a short
  `reasoning_content` comes first. `stream: true` sends the same reply as word-sized chunks,
  the tool-call arguments in fragments when `tool_stream` is set, usage in the last chunk.
- With `response_format={"type": "json_object"}` the reply is a JSON object that quotes the user.
- Deferred chat returns a task (see `TaskStore`) that reports PROCESSING, then SUCCESS.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from ._actions import SSE, RecordedRequest, Reply, error_reply
from ._tasks import TaskStore

if TYPE_CHECKING:
    from ._server import FakeZai

__all__ = ["ChatSimulator"]


def _object(value: Any) -> dict[str, Any] | None:
    """`value` if it is a JSON object."""
    return cast("dict[str, Any]", value) if isinstance(value, dict) else None


def _objects(items: Iterable[Any]) -> list[dict[str, Any]]:
    """The JSON objects among `items`."""
    return [cast("dict[str, Any]", item) for item in items if isinstance(item, dict)]


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(part.get("text", "") for part in _objects(cast("Iterable[Any]", content)))
    return ""


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9\u4e00-\u9fff][\w\u4e00-\u9fff'-]*", text)


class ChatSimulator:
    """Builds chat completions, chunks and deferred tasks for `FakeZai`."""

    def __init__(self, tasks: TaskStore) -> None:
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.tasks = tasks

    def install(self, server: FakeZai) -> None:
        server.builtin("POST", "/paas/v4/chat/completions", self.completions)
        server.builtin("POST", "/paas/v4/async/chat/completions", self.submit)

    def _next_id(self) -> str:
        with self._lock:
            return f"{time.strftime('%Y%m%d%H%M%S')}{next(self._ids):06d}"

    # ------------------------------------------------------------------ replies

    def reply(self, body: dict[str, Any]) -> dict[str, Any]:
        """The assistant message (content, reasoning, tool calls) and finish reason for a request."""
        messages: Any = body.get("messages") or ()
        last = (_object(messages[-1]) if messages else None) or {}
        functions: list[dict[str, Any]] = [
            tool["function"]
            for tool in _objects(body.get("tools") or ())
            if tool.get("type") == "function" and isinstance(tool.get("function"), dict)
        ]
        message: dict[str, Any] = {"role": "assistant"}
        thinking = _object(body.get("thinking"))
        if thinking is not None and thinking.get("type") == "enabled":
            message["reasoning_content"] = "The user wants a short, direct answer."
        if last.get("role") == "user" and functions:
            function = functions[0]
            message["content"] = None
            message["tool_calls"] = [
                {
                    "id": f"call_{self._next_id()}",
                    "type": "function",
                    "function": {
                        "name": function.get("name", "tool"),
                        "arguments": json.dumps(
                            self._arguments(function, _text(last.get("content"))), ensure_ascii=False
                        ),
                    },
                }
            ]
            return {"message": message, "finish_reason": "tool_calls"}
        if last.get("role") == "tool":
            message["content"] = f"According to the tool, the answer is: {_text(last.get('content'))}"
        else:
            prompt = _text(last.get("content")).strip() or "(empty message)"
            message["content"] = f'This is the local Z.ai test server. You said: "{prompt}"'
        response_format = _object(body.get("response_format")) or {}
        if response_format.get("type") == "json_object":
            message["content"] = json.dumps({"server": "local Z.ai test server", "reply": message["content"]})
        return {"message": message, "finish_reason": "stop"}

    @staticmethod
    def _arguments(function: dict[str, Any], text: str) -> dict[str, Any]:
        schema: dict[str, Any] = function.get("parameters") or {}
        properties: dict[str, Any] = schema.get("properties") or {}
        wanted: list[Any] = schema.get("required") or list(properties)
        words = _words(text)
        guess = words[-1] if words else "unknown"
        arguments: dict[str, Any] = {}
        for name in wanted:
            spec: dict[str, Any] = properties.get(name) or {}
            kind = spec.get("type")
            arguments[name] = 1 if kind in ("integer", "number") else True if kind == "boolean" else guess
        return arguments

    def completion(self, body: dict[str, Any]) -> dict[str, Any]:
        reply = self.reply(body)
        prompt_tokens = sum(len(_words(_text(m.get("content")))) for m in _objects(body.get("messages") or ()))
        completion_tokens = len(_words(reply["message"].get("content") or "")) + 1
        return {
            "id": self._next_id(),
            "request_id": body.get("request_id") or self._next_id(),
            "created": int(time.time()),
            "model": body.get("model"),
            "choices": [{"index": 0, "finish_reason": reply["finish_reason"], "message": reply["message"]}],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
                "prompt_tokens_details": {"cached_tokens": 0},
            },
        }

    def chunks(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        """The completion as stream chunks, in the order Z.ai sends them."""
        completion = self.completion(body)
        choice = completion["choices"][0]
        message = choice["message"]
        head = {"id": completion["id"], "created": completion["created"], "model": completion["model"]}

        def chunk(delta: dict[str, Any], **extra: Any) -> dict[str, Any]:
            return {**head, "choices": [{"index": 0, "delta": {"role": "assistant", **delta}, **extra}]}

        chunks = [chunk({"reasoning_content": piece}) for piece in _pieces(message.get("reasoning_content") or "")]
        chunks += [chunk({"content": piece}) for piece in _pieces(message.get("content") or "")]
        for index, call in enumerate(message.get("tool_calls") or []):
            arguments = call["function"]["arguments"]
            fragments = _fragments(arguments) if body.get("tool_stream") else [arguments]
            for number, fragment in enumerate(fragments):
                delta: dict[str, Any] = {"index": index, "function": {"arguments": fragment}}
                if number == 0:
                    delta.update(id=call["id"], type="function")
                    delta["function"]["name"] = call["function"]["name"]
                chunks.append(chunk({"tool_calls": [delta]}))
        last = chunk({"content": ""}, finish_reason=choice["finish_reason"])
        last["usage"] = completion["usage"]
        chunks.append(last)
        return chunks

    # ------------------------------------------------------------------ routes

    @staticmethod
    def invalid(body: dict[str, Any]) -> Reply | None:
        """The 400 answer to a request body that is not a chat request, else `None`."""
        if not body.get("model") or not body.get("messages"):
            return error_reply(400, "1214", "model and messages are required")
        return None

    def answer(self, body: dict[str, Any]) -> tuple[int, Any]:
        """The status and JSON body of a non-streamed completion (the batches' fast path)."""
        refusal = self.invalid(body)
        if refusal is not None:
            return refusal.status, refusal.json()
        return 200, self.completion(body)

    def completions(self, request: RecordedRequest) -> Reply | SSE:
        body = request.json_object() or {}
        refusal = self.invalid(body)
        if refusal is not None:
            return refusal
        if body.get("stream"):
            return SSE(self.chunks(body))
        return Reply(200, self.completion(body))

    def submit(self, request: RecordedRequest) -> Reply:
        body = request.json_object() or {}
        refusal = self.invalid(body)
        if refusal is not None:
            return refusal
        completion = self.completion(body)
        head = {key: completion[key] for key in ("id", "request_id", "model")}
        self.tasks.add({**head, "task_status": "PROCESSING"}, {**completion, "task_status": "SUCCESS"})
        return Reply(200, {**head, "task_status": "PROCESSING"})


def _pieces(text: str) -> list[str]:
    return re.findall(r"\S+\s*|\s+", text)


def _fragments(text: str, size: int = 8) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]
