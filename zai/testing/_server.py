"""A local Z.ai-compatible HTTP server: real sockets, real chunked SSE, scriptable per call."""

from __future__ import annotations

import contextlib
import re
import socket
import tempfile
import threading
import time
from collections import defaultdict, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import IO, Any, Callable
from urllib.parse import parse_qs, urlsplit

from ._actions import SSE, Action, Handler, RecordedRequest, Reply, Reset, error_reply
from ._batches import BatchStore
from ._chat import ChatSimulator
from ._examples import SpecExamples, path_pattern
from ._files import CHUNK, FileStore
from ._tasks import MediaSimulator, TaskStore

__all__ = ["FakeZai", "RecordedRequest", "Reply", "Reset", "SSE"]

API_PREFIX = "/api"
MEDIA_PREFIX = "/_fake/"  # files the server serves without a key (generated images and videos)
_IN_MEMORY = 1024 * 1024  # request bodies up to this size are kept in memory, larger ones on disk


class FakeZai:
    """A Z.ai-compatible server on 127.0.0.1, for tests, demos and examples.

        with FakeZai() as server:
            client = ZaiClient(api_key="test.key", base_url=server.base_url)
            busy = Reply(429, {"error": {"code": "1302", "message": "slow down"}})
            server.script("POST", "/paas/v4/chat/completions", busy)
            ...
            assert server.count("POST", "/paas/v4/chat/completions") == 2

    Paths are the spec's (relative to `/api`). A request is answered by, in this order: the next
    action scripted for its route; a route you added with `route()`; the built-in simulation (chat,
    deferred chat, images, videos, files and batches, coherent with one another); and for every
    other operation of the API, the example of the OpenAPI document. A deferred task (chat,
    images, videos, batches, and the examples' tasks) reports its pending state for
    `pending_polls` polls, then its finished state. With `simulate=False` every operation answers
    with its example.
    """

    def __init__(
        self, *, port: int = 0, require_auth: bool = True, simulate: bool = True, pending_polls: int = 1
    ) -> None:
        self.require_auth = require_auth
        self.requests: list[RecordedRequest] = []
        self._scripts: dict[tuple[str, str], deque[Action]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._routes: dict[tuple[str, str], Handler] = {}
        self._prefix_routes: list[tuple[str, str, Handler]] = []
        self._builtins: list[tuple[str, re.Pattern[str], Handler]] = []
        self.examples = SpecExamples(pending_polls)
        self.tasks = TaskStore(pending_polls)
        self.files = FileStore()
        self.chat = ChatSimulator(self.tasks)
        self.media = MediaSimulator(self.tasks, lambda path: self.url + path)
        chat_path = "/paas/v4/chat/completions"
        self.batches = BatchStore(self.files, self.builtin_answer, pending_polls, {chat_path: self.chat.answer})
        if simulate:
            self.chat.install(self)
            self.media.install(self)
            self.files.install(self)
            self.batches.install(self)
            self.builtin("GET", "/paas/v4/async-result/{id}", self.tasks.result)
        self._server = _QuietServer(("127.0.0.1", port), _make_handler(self._action))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """The server's root URL, `http://127.0.0.1:<port>`."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """The `base_url` to give a client (the `/paas/v4` endpoint)."""
        return f"{self.url}{API_PREFIX}/paas/v4"

    def start(self) -> FakeZai:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._server.serve_forever, args=(0.05,), name="FakeZai", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()
        for request in self.requests:
            request.close()
        self.files.close()

    def __enter__(self) -> FakeZai:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    # ------------------------------------------------------------------ scripting

    def route(self, method: str, path: str, handler: Handler, *, prefix: bool = False) -> None:
        """Answer `method path` (or every path under `path`, with `prefix`) with `handler(request)`.

        Your routes come before the built-in simulation and the examples, whatever their path.
        """
        if prefix:
            self._prefix_routes.append((method.upper(), path, handler))
        else:
            self._routes[(method.upper(), path)] = handler

    def builtin(self, method: str, template: str, handler: Handler) -> None:
        """Add a built-in answer for `method template` (`{name}` matches one path segment).

        The simulators use this; routes added with `route()` come first.
        """
        self._builtins.append((method.upper(), path_pattern(template), handler))

    def script(self, method: str, path: str, *actions: Action) -> None:
        """Queue actions for the next requests to `method path`."""
        with self._lock:
            self._scripts[(method.upper(), path)].extend(actions)

    def reset(self) -> None:
        """Forget recorded requests, pending scripts, and every file, batch and task created so far."""
        with self._lock:
            forgotten, self.requests = self.requests, []
            self._scripts.clear()
        for request in forgotten:
            request.close()
        self.examples.reset()
        self.tasks.reset()
        self.batches.reset()
        self.files.reset()

    def count(self, method: str, path: str) -> int:
        """How many requests `method path` received."""
        with self._lock:
            return sum(1 for r in self.requests if r.method == method.upper() and r.path == path)

    def last(self, method: str | None = None, path: str | None = None) -> RecordedRequest:
        """The most recent request (to `method path`, if given)."""
        with self._lock:
            for request in reversed(self.requests):
                if (method is None or request.method == method.upper()) and (path is None or request.path == path):
                    return request
        raise LookupError(f"no request to {method} {path}")

    # ------------------------------------------------------------------ answering

    def builtin_answer(self, request: RecordedRequest) -> Action | None:
        """The built-in answer to `request` (simulation, then examples), or `None` for an unknown path."""
        for method, pattern, handler in self._builtins:
            if method == request.method and pattern.match(request.path):
                return handler(request)
        return self.examples.answer(request)

    def _action(self, request: RecordedRequest) -> Action:
        key = (request.method, request.path)
        with self._lock:
            self.requests.append(request)
            queue = self._scripts.get(key)
            if queue:
                return queue.popleft()
        authorized = request.headers.get("authorization", "").startswith("Bearer ")
        if self.require_auth and not authorized and not request.path.startswith(MEDIA_PREFIX):
            return error_reply(401, "1001", "Authorization header missing")
        handler = self._routes.get(key)
        if handler is None:
            for method, prefix, candidate in self._prefix_routes:
                if method == request.method and request.path.startswith(prefix):
                    handler = candidate
                    break
        answer = handler(request) if handler is not None else self.builtin_answer(request)
        if answer is None:
            return error_reply(404, "1222", f"No such API: {request.method} {request.path}")
        return answer


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that hang up early (abandoned streams, timeouts) are expected; anything else is printed.
        import sys  # noqa: PLC0415

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def _make_handler(answer: Callable[[RecordedRequest], Action]) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def _read_body(self) -> bytes | IO[bytes]:
            """The body: bytes when small, else a temporary file (uploads of any size cost no memory)."""
            chunked = self.headers.get("transfer-encoding", "").lower() == "chunked"
            length = int(self.headers.get("content-length") or 0)
            if not chunked and length <= _IN_MEMORY:
                return self.rfile.read(length) if length else b""
            # Kept open with the recorded request, which reads it later.
            spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY)  # noqa: SIM115
            if not chunked:
                while length > 0:
                    data = self.rfile.read(min(CHUNK, length))
                    if not data:
                        break
                    spool.write(data)
                    length -= len(data)
                return spool
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return spool
                while size > 0:
                    data = self.rfile.read(min(CHUNK, size))
                    if not data:
                        return spool
                    spool.write(data)
                    size -= len(data)
                self.rfile.readline()

        def _handle(self) -> None:
            split = urlsplit(self.path)
            path = split.path[len(API_PREFIX) :] if split.path.startswith(API_PREFIX) else split.path
            request = RecordedRequest(
                self.command,
                path,
                parse_qs(split.query, keep_blank_values=True),
                {k.lower(): v for k, v in self.headers.items()},
                self._read_body(),
            )
            try:
                action = answer(request)
            except Exception as exc:  # a broken handler answers 500, it does not hang the client
                action = Reply(500, {"error": {"code": "500", "message": f"fake server error: {exc!r}"}})
            if isinstance(action, Reset):
                time.sleep(action.delay)
                self._drop()
            elif isinstance(action, SSE):
                self._stream(action)
            else:
                self._reply(action)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

        def _reply(self, reply: Reply) -> None:
            time.sleep(reply.delay)
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            headers = {name.lower() for name in reply.headers}
            body = reply.body
            chunked = not isinstance(body, bytes) and "content-length" not in headers
            if isinstance(body, bytes):
                self.send_header("Content-Length", str(len(body)))
            elif chunked:
                self.send_header("Transfer-Encoding", "chunked")
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if isinstance(body, bytes):
                self.wfile.write(body)
            else:
                for data in body:
                    if data:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)
                if chunked:
                    self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

        def _stream(self, stream: SSE) -> None:
            time.sleep(stream.first_byte_delay)
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream;charset=UTF-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Cache-Control", "no-cache")
            for name, value in stream.headers.items():
                self.send_header(name, value)
            self.end_headers()
            for index, event in enumerate(stream.events):
                if stream.cut_after is not None and index >= stream.cut_after:
                    self._drop()
                    return
                if stream.delay:
                    time.sleep(stream.delay)
                data = event.encode()
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

        def _drop(self) -> None:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)

    return _Handler
