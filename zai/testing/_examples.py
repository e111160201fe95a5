"""Answers for every operation of the API, built from the examples in the OpenAPI document.

The document's examples ship with the generated package (`zai_api/examples.json`); this module
matches a request to its operation and answers with the example: JSON, an event stream when the
request asks for one, or bytes for downloads. A list request that carries its cursor gets an empty
page, so that iterating every page ends.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any, cast

from ._actions import SSE, RecordedRequest, Reply

__all__ = ["SpecExamples", "load_operations", "path_pattern"]

# A task polled by a `wait()` helper answers its example first (`pending_polls` times) and a finished state next.
FINISHED = {
    "PROCESSING": "SUCCESS",
    "processing": "succeeded",
    "pending": "success",
    "validating": "completed",
    "in_progress": "completed",
    "finalizing": "completed",
    "cancelling": "cancelled",
    "queued": "succeeded",
    "running": "succeeded",
    "create": "succeeded",
    "validating_files": "succeeded",
}

# What a binary download returns: a tiny WAV header is as good as any bytes for a client.
BINARY_BODY = (
    b"RIFF$\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x80>\x00\x00"
    b"\x00}\x00\x00\x02\x00\x10\x00data\x00\x00\x00\x00"
)


@lru_cache(maxsize=1)
def load_operations() -> list[dict[str, Any]]:
    """Every operation of the document, with its bindings and examples."""
    text = resources.files("zai_api").joinpath("examples.json").read_text(encoding="utf-8")
    operations: list[dict[str, Any]] = json.loads(text)["operations"]
    return operations


def path_pattern(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$")


def _object(value: Any) -> dict[str, Any] | None:
    """`value` if it is a JSON object."""
    return cast("dict[str, Any]", value) if isinstance(value, dict) else None


def _wants_stream(request: RecordedRequest, field: str) -> bool:
    if "json" in request.headers.get("content-type", ""):
        body = _object(request.json())
        return body is not None and body.get(field) is True
    return f'name="{field}"\r\n\r\ntrue'.encode() in request.body


class SpecExamples:
    """Matches requests to operations and answers with their examples."""

    def __init__(self, pending_polls: int = 1) -> None:
        self.pending_polls = pending_polls
        # Literal paths first, so that `/knowledge/capacity` is not taken for `/knowledge/{id}`.
        operations = sorted(load_operations(), key=lambda operation: operation["path"].count("{"))
        self._routes = [(operation["method"], path_pattern(operation["path"]), operation) for operation in operations]
        self._polls: dict[str, int] = {}

    def reset(self) -> None:
        """Forget how often each task was polled."""
        self._polls.clear()

    def find(self, method: str, path: str) -> dict[str, Any] | None:
        for route_method, pattern, operation in self._routes:
            if route_method == method and pattern.match(path):
                return operation
        return None

    def answer(self, request: RecordedRequest) -> Reply | SSE | None:
        operation = self.find(request.method, request.path)
        if operation is None:
            return None
        binding: dict[str, Any] = operation["bindings"][0] if operation["bindings"] else {}
        stream = binding.get("stream")
        if stream and (stream == "always" or _wants_stream(request, stream)):
            event: dict[str, Any] = operation.get("event") or {}
            events = [event]
            done = binding.get("stream_done")
            if done:
                events.append({**event, done["field"]: done["value"]})
            return SSE(events, done=not done)
        if operation.get("binary_type") and "response" not in operation:
            return Reply(operation["status"], body=BINARY_BODY, content_type=operation["binary_type"])
        body: Any = operation.get("response")
        wait = next((b["wait"] for b in operation["bindings"] if b.get("wait")), None)
        state = _object(body)
        if wait and state is not None and str(state.get(wait["status"])) in FINISHED:
            key = request.method + " " + request.path + " " + request.body.decode("utf-8", "replace")
            self._polls[key] = self._polls.get(key, 0) + 1
            if self._polls[key] > self.pending_polls:
                body = {**state, wait["status"]: FINISHED[str(state[wait["status"]])]}
        page = binding.get("paginate")
        listing = _object(body)
        if page and page["cursor"] in request.query and listing is not None:
            body = {**listing, page["items"]: []}
            if "has_more" in body:
                body["has_more"] = False
        return Reply(operation["status"], body)
