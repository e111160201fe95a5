"""A fast local Z.ai-compatible HTTP/1.1 server for the benchmarks, run in its own process.

Every answer is precomputed bytes, so the server costs next to nothing per request and the client's
CPU time is what the benchmark sees. It speaks plain HTTP/1.1 with keep-alive (and pipelining) on
asyncio protocols, listens with a large backlog so hundreds of connections can open at once, and
answers:

- ``POST /api/paas/v4/chat/completions``: a chat completion as JSON, or, when the body has
  ``"stream": true``, a stream of `STREAM_CHUNKS` chunks (or ``max_tokens`` chunks, when the body
  asks for fewer) in the Z.ai format (``data: {json}`` events ending with ``data: [DONE]``), sent
  with chunked transfer encoding, one HTTP chunk per event as a token-by-token server sends them;
- ``POST /api/paas/v4/embeddings``: `EMBEDDING_ROWS` vectors of `EMBEDDING_DIM` floats.

Run it as a script: it prints its port on the first line of stdout, then serves until its stdin is
closed (the parent exited) or `--max-seconds` have passed, so it never outlives a benchmark run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import sys
import threading
from typing import Any

__all__ = [
    "CHAT_PATH",
    "EMBEDDINGS_PATH",
    "EMBEDDING_DIM",
    "EMBEDDING_ROWS",
    "STREAM_CHUNKS",
    "Responses",
]

CHAT_PATH = "/api/paas/v4/chat/completions"
EMBEDDINGS_PATH = "/api/paas/v4/embeddings"
STREAM_CHUNKS = 2000
EMBEDDING_ROWS = 16
EMBEDDING_DIM = 1024

_CREATED = 1758884740
_ID = "20250926190540d1d5a6b0f6e8e54b2b"
_TEXT = "the quick brown fox jumps over a lazy dog while seven wise owls watch from an old oak tree"
_WORDS = _TEXT.split()
_MAX_HEADER_BYTES = 64 * 1024


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _head(status: str, content_type: str, extra: str) -> bytes:
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
        f"X-Request-Id: {_ID}\r\n{extra}Connection: keep-alive\r\n\r\n"
    ).encode()


def _fixed(body: bytes, status: str = "200 OK", content_type: str = "application/json; charset=UTF-8") -> bytes:
    return _head(status, content_type, f"Content-Length: {len(body)}\r\n") + body


def _chat_body() -> bytes:
    words = [_WORDS[i % len(_WORDS)] for i in range(120)]
    return _json(
        {
            "choices": [
                {
                    "finish_reason": "stop",
                    "index": 0,
                    "message": {
                        "content": " ".join(words[:80]).capitalize() + ".",
                        "reasoning_content": " ".join(words[40:]).capitalize() + ".",
                        "role": "assistant",
                    },
                }
            ],
            "created": _CREATED,
            "id": _ID,
            "model": "glm-4.5",
            "object": "chat.completion",
            "request_id": _ID,
            "usage": {
                "completion_tokens": 120,
                "prompt_tokens": 12,
                "prompt_tokens_details": {"cached_tokens": 0},
                "total_tokens": 132,
            },
        }
    )


def _stream_events(chunks: int = STREAM_CHUNKS) -> list[bytes]:
    events: list[bytes] = []
    for index in range(chunks):
        chunk: dict[str, Any] = {
            "id": _ID,
            "created": _CREATED,
            "model": "glm-4.5",
            "choices": [{"index": 0, "delta": {"role": "assistant", "content": " " + _WORDS[index % len(_WORDS)]}}],
        }
        if index == chunks - 1:
            chunk["choices"][0]["finish_reason"] = "stop"
            chunk["usage"] = {
                "prompt_tokens": 12,
                "completion_tokens": chunks,
                "total_tokens": chunks + 12,
                "prompt_tokens_details": {"cached_tokens": 0},
            }
        events.append(b"data: " + _json(chunk) + b"\n\n")
    events.append(b"data: [DONE]\n\n")
    return events


def _stream(chunks: int = STREAM_CHUNKS) -> bytes:
    extra = "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n"
    head = _head("200 OK", "text/event-stream;charset=UTF-8", extra)
    body = b"".join(b"%x\r\n%s\r\n" % (len(event), event) for event in _stream_events(chunks))
    return head + body + b"0\r\n\r\n"


def _embeddings_body() -> bytes:
    rng = random.Random(1024)
    rows = []
    for index in range(EMBEDDING_ROWS):
        vector = [rng.gauss(0.0, 1.0) for _ in range(EMBEDDING_DIM)]
        norm = math.sqrt(sum(x * x for x in vector))
        # Unit vectors printed with the ~10 significant digits that embedding APIs return.
        rows.append({"embedding": [float(f"{x / norm:.10g}") for x in vector], "index": index, "object": "embedding"})
    return _json(
        {
            "data": rows,
            "model": "embedding-3",
            "object": "list",
            "usage": {"completion_tokens": 0, "prompt_tokens": 16 * 9, "total_tokens": 16 * 9},
        }
    )


class Responses:
    """The precomputed answers, as complete HTTP/1.1 responses."""

    def __init__(self) -> None:
        self.chat = _fixed(_chat_body())
        self.stream = _stream()
        self._short_streams: dict[int, bytes] = {}
        self.embeddings = _fixed(_embeddings_body())
        self.not_found = _fixed(_json({"error": {"code": "1211", "message": "Not found"}}), "404 Not Found")
        self.bad_request = _fixed(_json({"error": {"code": "1210", "message": "Bad request"}}), "400 Bad Request")

    def answer(self, method: bytes, path: bytes, body: bytes) -> bytes:
        if method != b"POST":
            return self.not_found
        if path == CHAT_PATH.encode():
            try:
                request = json.loads(body)
            except ValueError:
                return self.bad_request
            if not isinstance(request, dict) or request.get("stream") is not True:
                return self.chat
            length = request.get("max_tokens")
            if isinstance(length, int) and 0 < length < STREAM_CHUNKS:
                if length not in self._short_streams:
                    self._short_streams[length] = _stream(length)
                return self._short_streams[length]
            return self.stream
        if path == EMBEDDINGS_PATH.encode():
            return self.embeddings
        return self.not_found


class _Connection(asyncio.Protocol):
    """One keep-alive connection: parse requests from the buffer, answer each with precomputed bytes."""

    def __init__(self, responses: Responses) -> None:
        self._responses = responses
        self._buffer = b""
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while self._transport is not None and not self._transport.is_closing():
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self._buffer) > _MAX_HEADER_BYTES:
                    self._transport.close()
                return
            lines = self._buffer[:end].split(b"\r\n")
            length = 0
            close = False
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value.strip() or b"0")
                elif name == b"connection" and value.strip().lower() == b"close":
                    close = True
            if len(self._buffer) < end + 4 + length:
                return  # wait for the rest of the body
            body = self._buffer[end + 4 : end + 4 + length]
            self._buffer = self._buffer[end + 4 + length :]
            method, _, rest = lines[0].partition(b" ")
            path = rest.partition(b" ")[0].partition(b"?")[0]
            self._transport.write(self._responses.answer(method, path, body))
            if close:
                self._transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        self._transport = None


async def serve(host: str, port: int, max_seconds: float) -> None:
    responses = Responses()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _Connection(responses), host, port, backlog=2048, reuse_address=True)
    stop = asyncio.Event()

    def watch_stdin() -> None:  # the parent closing our stdin (or dying) stops the server
        sys.stdin.buffer.read()
        loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=watch_stdin, daemon=True).start()
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        try:
            await asyncio.wait_for(stop.wait(), timeout=max_seconds)
        except asyncio.TimeoutError:
            print(f"server: stopping after {max_seconds:g} s", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--max-seconds", type=float, default=900.0)
    args = parser.parse_args()
    asyncio.run(serve(args.host, args.port, args.max_seconds))


if __name__ == "__main__":
    main()
