"""Synchronous client CPU: chat calls of 1, 100 and 1,000 messages, stream chunks, embeddings.

Each SDK (ours, or zai-sdk 0.2.3 and openai in the side environment) is measured against a raw
`httpx.Client` posting the same JSON and reading the same fields, in the same process and run.
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable

import httpx
from bench_common import API_KEY, BASELINE, MISSING_OPERATION, MODEL, OPENAI, Config, Row, Samples, rotated
from server import EMBEDDING_DIM, EMBEDDING_ROWS, STREAM_CHUNKS

__all__ = ["NOTES", "client_measures", "rows"]

EMBEDDING_INPUT = [f"benchmark sentence number {i}" for i in range(EMBEDDING_ROWS)]
_TURN = "Tell me a short story about a fox, then one about the owl that watched it."


def messages(count: int) -> list[dict[str, str]]:
    """A conversation of `count` messages (alternating user and assistant), ending with the user."""
    roles = ["user", "assistant"]
    return [{"role": roles[(count - 1 - i) % 2], "content": f"{_TURN} ({i})"} for i in range(count)]


def chat_key(size: int) -> str:
    return "chat" if size == 1 else f"chat_{size}"


@dataclass
class SyncSubject:
    """One client's synchronous operations; each returns the units it did (calls or chunks)."""

    chat: Callable[[list[dict[str, str]]], int]
    stream: Callable[[], int]
    embeddings: Callable[[], int] | None
    close: Callable[[], None]


def _check_content(content: object) -> int:
    if not content:
        raise RuntimeError("the chat completion has no content")
    return 1


def _check_stream(chunks: int) -> int:
    if chunks != STREAM_CHUNKS:
        raise RuntimeError(f"read {chunks} stream chunks, expected {STREAM_CHUNKS}")
    return chunks


def _check_rows(rows: int) -> int:
    if rows != EMBEDDING_ROWS:
        raise RuntimeError(f"decoded {rows} embeddings, expected {EMBEDDING_ROWS}")
    return 1


def raw_httpx_subject(base_url: str) -> SyncSubject:
    """The baseline: what a caller writes with httpx and json alone."""
    client = httpx.Client(headers={"Authorization": f"Bearer {API_KEY}"}, timeout=60.0)
    chat_url = f"{base_url}/chat/completions"
    embeddings_url = f"{base_url}/embeddings"
    first = messages(1)

    def chat(conversation: list[dict[str, str]]) -> int:
        response = client.post(chat_url, json={"model": MODEL, "messages": conversation})
        response.raise_for_status()
        return _check_content(response.json()["choices"][0]["message"]["content"])

    def stream() -> int:
        chunks = 0
        done = False
        with client.stream("POST", chat_url, json={"model": MODEL, "messages": first, "stream": True}) as response:
            response.raise_for_status()
            for line in response.iter_lines():  # read to the end so that the connection is reused
                if done or not line.startswith("data: "):
                    continue
                payload = line[6:]
                if payload == "[DONE]":
                    done = True
                    continue
                content = json.loads(payload)["choices"][0]["delta"]["content"]
                chunks += content is not None
        return _check_stream(chunks)

    def embeddings() -> int:
        response = client.post(embeddings_url, json={"model": "embedding-3", "input": EMBEDDING_INPUT})
        response.raise_for_status()
        rows = response.json()["data"]
        total = 0.0
        for row in rows:
            total += sum(row["embedding"])
        return _check_rows(len(rows))

    return SyncSubject(chat, stream, embeddings, client.close)


def sdk_subject(kind: str, base_url: str) -> SyncSubject:
    """Our SDK, zai-sdk 0.2.3 (the same calls) or openai, pointed at the local server."""
    embedding_options: dict[str, Any] = {}
    if kind == OPENAI:
        import openai  # noqa: PLC0415  (only in the side environment)

        client: Any = openai.OpenAI(api_key=API_KEY, base_url=base_url)
        embedding_options["encoding_format"] = "float"  # openai asks for base64 unless told
    else:
        import zai  # noqa: PLC0415  (ours, or zai-sdk 0.2.3 in the side environment)

        client = zai.ZaiClient(api_key=API_KEY, base_url=base_url)
    first = messages(1)

    def chat(conversation: list[dict[str, str]]) -> int:
        completion = client.chat.completions.create(model=MODEL, messages=conversation)
        return _check_content(completion.choices[0].message.content)

    def stream() -> int:
        chunks = 0
        for chunk in client.chat.completions.create(model=MODEL, messages=first, stream=True):
            chunks += chunk.choices[0].delta.content is not None
        return _check_stream(chunks)

    def embeddings() -> int:
        result = client.embeddings.create(model="embedding-3", input=EMBEDDING_INPUT, **embedding_options)
        total = 0.0
        for row in result.data:
            total += sum(row.embedding)
        return _check_rows(len(result.data))

    return SyncSubject(chat, stream, embeddings if hasattr(client, "embeddings") else None, client.close)


def cpu_samples(operations: dict[str, Callable[[], int] | None], rounds: int, seconds: float) -> Samples:
    """CPU seconds per unit (call or chunk) of each operation, one sample per round, alternating.

    A sample repeats the operation until it has used `seconds` of CPU, so a slow client gets fewer
    calls but as long a sample as a fast one.
    """
    samples = Samples()
    present = {kind: op for kind, op in operations.items() if op is not None}
    samples.missing = {kind: MISSING_OPERATION for kind, op in operations.items() if op is None}
    for op in present.values():  # warm-up: connections, lazy imports, caches
        op()
    for round_index in range(rounds):
        for kind in rotated(list(present), round_index):
            op = present[kind]
            gc.collect()
            start = time.process_time()
            units = op()
            while time.process_time() - start < seconds:
                units += op()
            samples.add(kind, (time.process_time() - start) / units)
    return samples


def client_measures(kinds: Sequence[str], base_url: str, config: Config) -> dict[str, Samples]:
    """The synchronous measures for the SDK kinds given, each against the raw-httpx baseline."""
    subjects = {BASELINE: raw_httpx_subject(base_url)}
    for kind in kinds:
        subjects[kind] = sdk_subject(kind, base_url)

    def measure(operations: dict[str, Callable[[], int] | None]) -> Samples:
        return cpu_samples(operations, config.rounds, config.sample_seconds)

    results: dict[str, Samples] = {}
    try:
        for size in config.chat_sizes:
            conversation = messages(size)
            results[chat_key(size)] = measure({k: partial(s.chat, conversation) for k, s in subjects.items()})
        results["stream"] = measure({k: s.stream for k, s in subjects.items()})
        results["embeddings"] = measure({k: s.embeddings for k, s in subjects.items()})
    finally:
        for subject in subjects.values():
            subject.close()
    return results


def rows(ours: dict[str, Samples], config: Config, sides: Callable[[str], dict[str, str]]) -> list[Row]:
    chat_rows = [
        Row(
            f"chat call CPU, {size:,} message{'s' if size > 1 else ''}",
            "µs/call",
            ours[chat_key(size)],
            1e6,
            ("<=", 1.10),
            sides(chat_key(size)),
        )
        for size in config.chat_sizes
    ]
    return [
        *chat_rows,
        Row("stream CPU per chunk", "µs/chunk", ours["stream"], 1e6, ("<=", 1.25), sides("stream")),
        Row("embeddings 16x1024 decode CPU", "ms/call", ours["embeddings"], 1e3, ("<=", 1.2), sides("embeddings")),
    ]


NOTES = f"""\
- Chat call: one non-streaming `chat.completions.create` and reading `choices[0].message.content`,
  with a conversation of 1, 100 or 1,000 messages (about 80 characters each) in the request;
  baseline `httpx.Client.post(json=...)`, `raise_for_status()`, `response.json()`, same field.
- Stream: a {STREAM_CHUNKS:,}-chunk stream in the Z.ai format (one HTTP chunk per `data:` event, then
  `data: [DONE]`); the consumer reads `choices[0].delta.content` of every chunk; baseline
  `client.stream()`, `iter_lines()`, `json.loads` of each `data:` line, stopping at `[DONE]`.
- Embeddings: a call returning {EMBEDDING_ROWS} x {EMBEDDING_DIM} floats, then `sum()` over every row (the floats are
  touched); baseline `response.json()` and the same sums. openai is asked for
  `encoding_format="float"` (it requests base64 otherwise).
"""
