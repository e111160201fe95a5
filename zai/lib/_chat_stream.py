"""Accumulating a streamed chat completion into the completion it describes.

Pieces are merged per choice `index`: `content` and `reasoning_content` are concatenated (content
sent as a list of parts, as the GLM-4V family does, counts as the text of its parts); tool calls
are merged per their own `index` (id, type and name from the first piece that has them, argument
fragments concatenated); `finish_reason` and `usage` come from the chunks that carry them.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable
from typing import Any, cast

from zai_api.models import ChatCompletion

__all__ = ["ChatStreamAccumulator", "accumulate", "aaccumulate", "content_text"]


def content_text(content: object) -> str:
    """The text of a reply's `content`: the string itself, or the joined `text` of a list of parts."""
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        return ""
    return "".join(_part_text(part) for part in cast("list[object]", content))


def _part_text(part: object) -> str:
    get: Any = getattr(part, "get", None)  # a model or a dict
    text = get("text") if get is not None else None
    return text if isinstance(text, str) else ""


class ChatStreamAccumulator:
    """Feed it chunks with `add()`; `completion()` builds the completion seen so far."""

    def __init__(self) -> None:
        self._head: dict[str, Any] = {}
        self._choices: dict[int, dict[str, Any]] = {}
        self._usage: Any = None

    def add(self, chunk: Any) -> None:
        for key in ("id", "created", "model"):
            value = chunk.get(key)
            if value is not None:
                self._head.setdefault(key, value)
        if chunk.get("usage") is not None:
            self._usage = chunk.get("usage")
        for choice in chunk.get("choices") or ():
            index = choice.get("index") or 0
            state = self._choices.setdefault(index, {"message": {"role": "assistant"}, "tool_calls": {}})
            if choice.get("finish_reason") is not None:
                state["finish_reason"] = choice.get("finish_reason")
            delta = choice.get("delta")
            if delta is None:
                continue
            message = state["message"]
            for field in ("content", "reasoning_content"):
                piece = delta.get(field)
                text = content_text(piece)
                if text or isinstance(piece, str):
                    message[field] = message.get(field, "") + text
            if delta.get("role"):
                message["role"] = delta.get("role")
            for call in delta.get("tool_calls") or ():
                self._merge_call(state["tool_calls"], call)

    @staticmethod
    def _merge_call(calls: dict[int, dict[str, Any]], piece: Any) -> None:
        index = piece.get("index") or 0
        call = calls.setdefault(index, {"function": {"arguments": ""}})
        for key in ("id", "type"):
            if piece.get(key) and key not in call:
                call[key] = piece.get(key)
        function = piece.get("function")
        if function is not None:
            if function.get("name") and "name" not in call["function"]:
                call["function"]["name"] = function.get("name")
            call["function"]["arguments"] += function.get("arguments") or ""

    def completion(self) -> ChatCompletion:
        choices: list[dict[str, Any]] = []
        for index in sorted(self._choices):
            state = self._choices[index]
            message = dict(state["message"])
            if state["tool_calls"]:
                message["tool_calls"] = [state["tool_calls"][i] for i in sorted(state["tool_calls"])]
            choice: dict[str, Any] = {"index": index, "message": message}
            if "finish_reason" in state:
                choice["finish_reason"] = str(state["finish_reason"])
            choices.append(choice)
        data: dict[str, Any] = {**self._head, "choices": choices}
        if self._usage is not None:
            data["usage"] = self._usage.to_dict() if hasattr(self._usage, "to_dict") else self._usage
        return ChatCompletion.from_dict(data)


def accumulate(chunks: Iterable[Any]) -> ChatCompletion:
    """The completion described by a whole stream of chat chunks (consumes the iterable)."""
    accumulator = ChatStreamAccumulator()
    for chunk in chunks:
        accumulator.add(chunk)
    return accumulator.completion()


async def aaccumulate(chunks: AsyncIterable[Any]) -> ChatCompletion:
    """The asynchronous twin of `accumulate`."""
    accumulator = ChatStreamAccumulator()
    async for chunk in chunks:
        accumulator.add(chunk)
    return accumulator.completion()
