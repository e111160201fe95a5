"""Deferred tasks and generated media: `GET /paas/v4/async-result/{id}`, images and videos.

Every task created through the server (deferred chat, deferred images, videos) is kept under its
id: a poll answers its pending state for the server's first `pending_polls` polls of that task and
its finished state afterwards; an id the server never gave out answers 404. Images and videos
point at small files the server itself serves (`GET /_fake/media/NAME`), so a client can download
them without network access.
"""

from __future__ import annotations

import itertools
import threading
import time
import uuid
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import unquote

from ._actions import RecordedRequest, Reply, error_reply

if TYPE_CHECKING:
    from ._server import FakeZai

__all__ = ["MEDIA", "MediaSimulator", "TaskStore", "new_id"]

_counter = itertools.count(1)

# A 1x1 PNG, and the start of an MP4 (an `ftyp` box): enough for a client to save and recognise.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082"
)
MP4 = bytes.fromhex("0000001c667479706d703432000000006d703432697336366d703431")
MEDIA = {"png": ("image/png", PNG), "mp4": ("video/mp4", MP4)}


def new_id(prefix: str = "") -> str:
    """A fresh id in the platform's style: a timestamp, a counter and random hex."""
    return f"{prefix}{time.strftime('%Y%m%d%H%M%S')}{next(_counter):04d}{uuid.uuid4().hex[:12]}"


def path_segment(request: RecordedRequest, index: int) -> str:
    """The `index`-th segment of the request path (0 is the first after the leading slash), decoded."""
    parts = request.path.split("/")[1:]
    return unquote(parts[index]) if index < len(parts) else ""


class TaskStore:
    """The deferred tasks of one server, answered by id."""

    def __init__(self, pending_polls: int) -> None:
        self.pending_polls = pending_polls
        self._tasks: dict[str, tuple[dict[str, Any], dict[str, Any], int]] = {}
        self._lock = threading.Lock()

    def add(self, pending: dict[str, Any], finished: dict[str, Any]) -> None:
        """Keep a task: `pending` (which holds its `id`) is answered first, `finished` afterwards."""
        with self._lock:
            self._tasks[str(pending["id"])] = (pending, finished, 0)

    def reset(self) -> None:
        with self._lock:
            self._tasks.clear()

    def result(self, request: RecordedRequest) -> Reply:
        task_id = path_segment(request, 3)
        with self._lock:
            entry = self._tasks.get(task_id)
            if entry is not None:
                self._tasks[task_id] = (entry[0], entry[1], entry[2] + 1)
        if entry is None:
            return error_reply(404, "1214", f"No task with id {task_id!r}")
        pending, finished, polls = entry
        return Reply(200, pending if polls < self.pending_polls else finished)


def _prompt_request(request: RecordedRequest) -> dict[str, Any] | Reply:
    """The JSON body of a generation request, or the 400 answer when `model` or `prompt` is missing."""
    body = request.json_object()
    if body is None or not body.get("model"):
        return error_reply(400, "1214", "model is required")
    if not body.get("prompt") and not body.get("image_url"):
        return error_reply(400, "1214", "prompt is required")
    return body


class MediaSimulator:
    """Image and video generation: synchronous images, deferred images and videos."""

    def __init__(self, tasks: TaskStore, url: Callable[[str], str]) -> None:
        self.tasks = tasks
        self.url = url  # the server's absolute URL for a path

    def install(self, server: FakeZai) -> None:
        server.builtin("POST", "/paas/v4/images/generations", self.images)
        server.builtin("POST", "/paas/v4/async/images/generations", self.async_images)
        server.builtin("POST", "/paas/v4/videos/generations", self.videos)
        server.builtin("GET", "/_fake/media/{name}", self.media)

    def _media_url(self, name: str, kind: str) -> str:
        return self.url(f"/_fake/media/{name}.{kind}")

    def images(self, request: RecordedRequest) -> Reply:
        body = _prompt_request(request)
        if isinstance(body, Reply):
            return body
        image_id = new_id()
        wanted = body.get("n")
        count = wanted if isinstance(wanted, int) and wanted > 0 else 1
        data = [{"url": self._media_url(f"{image_id}_{index}", "png")} for index in range(count)]
        return Reply(
            200, {"created": int(time.time()), "data": data, "content_filter": [{"role": "assistant", "level": 3}]}
        )

    def _task(self, body: dict[str, Any], result: dict[str, Any]) -> Reply:
        head = {"id": result["id"], "model": body["model"], "request_id": body.get("request_id") or new_id("req-")}
        self.tasks.add({**head, "task_status": "PROCESSING"}, {**head, **result, "task_status": "SUCCESS"})
        return Reply(200, {**head, "task_status": "PROCESSING"})

    def async_images(self, request: RecordedRequest) -> Reply:
        body = _prompt_request(request)
        if isinstance(body, Reply):
            return body
        task_id = new_id()
        image = {"url": self._media_url(task_id, "png")}
        return self._task(body, {"id": task_id, "created": int(time.time()), "image_result": [image]})

    def videos(self, request: RecordedRequest) -> Reply:
        body = _prompt_request(request)
        if isinstance(body, Reply):
            return body
        task_id = new_id()
        video = {"url": self._media_url(task_id, "mp4"), "cover_image_url": self._media_url(task_id, "png")}
        return self._task(body, {"id": task_id, "created": int(time.time()), "video_result": [video]})

    def media(self, request: RecordedRequest) -> Reply:
        name = path_segment(request, 2)
        kind = MEDIA.get(name.rpartition(".")[2])
        if kind is None:
            return error_reply(404, "1214", f"No media {name!r}")
        return Reply(200, body=kind[1], content_type=kind[0])
