"""A local Z.ai-compatible HTTP server: real sockets, real chunked SSE, scriptable per call."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Callable, Union
from urllib.parse import parse_qs, urlsplit

from ._chat import ChatSimulator
from ._examples import SpecExamples

__all__ = ["FakeZai", "RecordedRequest", "Reply", "Reset", "SSE"]

API_PREFIX = "/api"


class Reply:
    """Answer with `status` and a JSON (or raw) body, optionally after `delay` seconds."""

    def __init__(
        self,
        status: int = 200,
        json_body: Any = None,
        *,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        delay: float = 0.0,
        content_type: str = "application/json",
    ) -> None:
        self.status = status
        self.body = body if body is not None else (b"" if json_body is None else json.dumps(json_body).encode())
        self.headers = dict(headers or {})
        self.delay = delay
        self.content_type = content_type


class SSE:
    """Answer 200 with an event stream.

    `events` are dicts (sent as `data: <json>`) or raw strings (sent as they are, so they can carry
    `event:` lines or malformed data). `done` appends `data: [DONE]`. `cut_after=k` drops the
    connection after k events, without ending the chunked body. `first_byte_delay` and `delay`
    slow the start and each event.
    """

    def __init__(
        self,
        events: Iterable[Mapping[str, Any] | str],
        *,
        done: bool = True,
        cut_after: int | None = None,
        delay: float = 0.0,
        first_byte_delay: float = 0.0,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.events = [e if isinstance(e, str) else f"data: {json.dumps(e, ensure_ascii=False)}\n\n" for e in events]
        if done:
            self.events.append("data: [DONE]\n\n")
        self.cut_after = cut_after
        self.delay = delay
        self.first_byte_delay = first_byte_delay
        self.headers = dict(headers or {})


class Reset:
    """Close the connection without answering (after `delay` seconds)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay


Action = Union[Reply, SSE, Reset]
Handler = Callable[["RecordedRequest"], Action]


class RecordedRequest:
    """A request the server received."""

    def __init__(
        self, method: str, path: str, query: dict[str, list[str]], headers: dict[str, str], body: bytes
    ) -> None:
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body)

    def __repr__(self) -> str:
        return f"RecordedRequest({getattr(self, 'method', '?')} {getattr(self, 'path', '?')})"


class FakeZai:
    """A Z.ai-compatible server on 127.0.0.1, for tests, demos and examples.

        with FakeZai() as server:
            client = ZaiClient(api_key="test.key", base_url=server.base_url)
            busy = Reply(429, {"error": {"code": "1302", "message": "slow down"}})
            server.script("POST", "/paas/v4/chat/completions", busy)
            ...
            assert server.count("POST", "/paas/v4/chat/completions") == 2

    Paths are the spec's (relative to `/api`). Scripted actions are used in order, one per request
    to that route; then the built-in simulation answers (chat completions, deferred chat, results),
    and every other operation of the API answers with the example of the OpenAPI document. With
    `simulate_chat=False` the chat operations answer with their examples too.
    """

    def __init__(self, *, port: int = 0, require_auth: bool = True, simulate_chat: bool = True) -> None:
        self.require_auth = require_auth
        self.requests: list[RecordedRequest] = []
        self._scripts: dict[tuple[str, str], deque[Action]] = defaultdict(deque)
        self._lock = threading.Lock()
        self.chat = ChatSimulator()
        self._routes: dict[tuple[str, str], Handler] = {}
        self._prefix_routes: list[tuple[str, str, Handler]] = []
        self.examples = SpecExamples()
        if simulate_chat:
            self.chat.install(self)
        self._server = _QuietServer(("127.0.0.1", port), _make_handler(self._action))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """The `base_url` to give a client (the `/paas/v4` endpoint)."""
        return f"http://127.0.0.1:{self.port}{API_PREFIX}/paas/v4"

    def start(self) -> FakeZai:
        if self._thread is None:
            self._thread = threading.Thread(target=self._server.serve_forever, name="FakeZai", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> FakeZai:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    # ------------------------------------------------------------------ scripting

    def route(self, method: str, path: str, handler: Handler, *, prefix: bool = False) -> None:
        """Answer `method path` (or every path under `path`, with `prefix`) with `handler(request)`."""
        if prefix:
            self._prefix_routes.append((method.upper(), path, handler))
        else:
            self._routes[(method.upper(), path)] = handler

    def script(self, method: str, path: str, *actions: Action) -> None:
        """Queue actions for the next requests to `method path`."""
        with self._lock:
            self._scripts[(method.upper(), path)].extend(actions)

    def reset(self) -> None:
        """Forget recorded requests and pending scripts."""
        with self._lock:
            self.requests.clear()
            self._scripts.clear()
            self.examples.reset()

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

    def _action(self, request: RecordedRequest) -> Action:
        key = (request.method, request.path)
        with self._lock:
            self.requests.append(request)
            queue = self._scripts.get(key)
            if queue:
                return queue.popleft()
        if self.require_auth and not request.headers.get("authorization", "").startswith("Bearer "):
            return Reply(401, {"error": {"code": "1001", "message": "Authorization header missing"}})
        handler = self._routes.get(key)
        if handler is None:
            for method, prefix, candidate in self._prefix_routes:
                if method == request.method and request.path.startswith(prefix):
                    handler = candidate
                    break
        if handler is not None:
            return handler(request)
        answer = self.examples.answer(request)
        if answer is None:
            return Reply(404, {"error": {"code": "1222", "message": f"No such API: {request.method} {request.path}"}})
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

        def _read_body(self) -> bytes:
            if self.headers.get("transfer-encoding", "").lower() == "chunked":
                body = b""
                while True:
                    size = int(self.rfile.readline().split(b";")[0], 16)
                    if size == 0:
                        self.rfile.readline()
                        return body
                    body += self.rfile.read(size)
                    self.rfile.readline()
            length = int(self.headers.get("content-length") or 0)
            return self.rfile.read(length) if length else b""

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
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(reply.body)
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
