"""`make bench`: the SDK's client-side costs, as ratios to raw httpx + json measured in the same run.

Method
------
A local Z.ai-compatible server (`server.py`) runs in its own process and answers every request
with precomputed bytes, so its CPU never shows up in this process's `time.process_time()`.

- CPU measures (chat call, stream chunk, embeddings call): `time.process_time()` around calls
  repeated until the sample has used `Config.sample_seconds` of CPU, divided by the calls (or
  stream chunks) made. Each round takes one sample of every client, in an order that rotates
  between rounds, after an untimed warm-up that opens the keep-alive connection. The baseline is a
  raw `httpx.Client` (the same httpx, the same connection reuse) posting the same JSON, decoding
  with `response.json()` and reading the same field; for streams, `iter_lines()` and `json.loads`
  of each `data:` line.
- A measure's value is the median over rounds; its ratio is the median over rounds of the paired
  ratio (SDK / baseline in the same round), which cancels slow drifts of a shared machine.
- `import` wall time: fresh interpreters running `python -c "import zai"` and
  `python -c "import httpx"`, alternating; each child also prints its peak RSS (VmHWM).
- Async throughput: bursts of 200 concurrent non-streaming chat calls (`asyncio.gather`) through
  one `AsyncZaiClient` against 200 concurrent posts through one `httpx.AsyncClient`, both on an
  `httpx.AsyncClient` configured identically (the SDK's passed as `http_client`), so the ratio is
  the SDK layer alone. An informational row uses each library's own default pool.
- `make generate`: wall time of `scripts/generate.py --output <tmpdir>` for the full document.
- zai-sdk 0.2.3 (whose module is also `zai`) and openai live in a side environment,
  `benchmarks/.env`; this script runs itself there as a worker (`--worker`) with its own raw-httpx
  baseline and the same server, so their ratios are same-run too.

Usage: ``python benchmarks/bench.py [--quick] [--side-python PATH] [--dev-python PATH]``.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import httpx
from server import EMBEDDING_DIM, EMBEDDING_ROWS, STREAM_CHUNKS

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results.md"

API_KEY = "bench-id.bench-secret"
MODEL = "glm-4.5"
MESSAGES = [{"role": "user", "content": "Tell me a short story about a fox."}]
EMBEDDING_INPUT = [f"benchmark sentence number {i}" for i in range(EMBEDDING_ROWS)]
CONCURRENCY = 200
BASELINE = "httpx"
OURS = "ours"
OFFICIAL = "zai-sdk 0.2.3"
OPENAI = "openai"
SIDE_KINDS = (OFFICIAL, OPENAI)
PACKAGES = {OFFICIAL: "zai-sdk", OPENAI: "openai"}  # distribution names in the side environment
MISSING_OPERATION = "n/a (operation missing)"


@dataclass(frozen=True)
class Config:
    """How much to measure (sized for about 2.5 minutes on 2 cores). `--quick` is a smoke run."""

    rounds: int = 11  # CPU measures: rounds, each with one sample of every client
    sample_seconds: float = 0.2  # CPU time of one sample: calls are repeated until it is reached
    import_rounds: int = 15
    async_rounds: int = 9
    async_default_rounds: int = 3  # the informational row with each library's default pool
    async_bursts: int = 2  # bursts of CONCURRENCY calls per sample
    async_warmup: int = 3  # untimed bursts per client first
    generate_runs: int = 3

    @classmethod
    def quick(cls) -> Config:
        return cls(
            rounds=3, sample_seconds=0.05, import_rounds=3, async_rounds=2, async_default_rounds=1, generate_runs=1
        )


# ---------------------------------------------------------------------------------------------------- statistics


@dataclass
class Samples:
    """One measure: per kind, one sample per round, or the reason the kind has none."""

    values: dict[str, list[float]] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)

    def median(self, kind: str) -> float | None:
        values = self.values.get(kind)
        return statistics.median(values) if values else None

    def paired_ratios(self, kind: str, baseline: str = BASELINE) -> list[float]:
        return [a / b for a, b in zip(self.values.get(kind, []), self.values.get(baseline, [])) if b > 0]

    def ratio(self, kind: str, baseline: str = BASELINE) -> float | None:
        ratios = self.paired_ratios(kind, baseline)
        return statistics.median(ratios) if ratios else None

    def to_json(self) -> dict[str, Any]:
        return {"values": self.values, "missing": self.missing}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Samples:
        return cls(values=data.get("values", {}), missing=data.get("missing", {}))


def rotated(kinds: Sequence[str], round_index: int) -> list[str]:
    """The kinds in a different order each round, so that none always runs first."""
    shift = round_index % len(kinds)
    return list(kinds[shift:]) + list(kinds[:shift])


# ---------------------------------------------------------------------------------------------------- subjects


@dataclass
class SyncSubject:
    """One client's synchronous operations; each returns the units it did (calls or chunks)."""

    chat: Callable[[], int]
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

    def chat() -> int:
        response = client.post(chat_url, json={"model": MODEL, "messages": MESSAGES})
        response.raise_for_status()
        return _check_content(response.json()["choices"][0]["message"]["content"])

    def stream() -> int:
        chunks = 0
        done = False
        with client.stream("POST", chat_url, json={"model": MODEL, "messages": MESSAGES, "stream": True}) as response:
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

    def chat() -> int:
        completion = client.chat.completions.create(model=MODEL, messages=MESSAGES)
        return _check_content(completion.choices[0].message.content)

    def stream() -> int:
        chunks = 0
        for chunk in client.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True):
            chunks += chunk.choices[0].delta.content is not None
        return _check_stream(chunks)

    def embeddings() -> int:
        result = client.embeddings.create(model="embedding-3", input=EMBEDDING_INPUT, **embedding_options)
        total = 0.0
        for row in result.data:
            total += sum(row.embedding)
        return _check_rows(len(result.data))

    return SyncSubject(chat, stream, embeddings if hasattr(client, "embeddings") else None, client.close)


AsyncCall = Callable[[], Awaitable[object]]


@dataclass
class AsyncSubject:
    call: AsyncCall
    close: Callable[[], Awaitable[None]]


def _async_pool(module: Any = httpx) -> Any:
    """The pool configuration both sides get: room for every concurrent call, 100 kept alive.

    These are the SDK's own default limits. Keeping all 200 connections alive instead sends
    httpcore's pool into a slow path (it polls every idle connection on every request), which
    would measure httpcore, not the SDK.
    """
    limits = module.Limits(max_connections=1000, max_keepalive_connections=100)
    return module.AsyncClient(limits=limits, timeout=module.Timeout(60.0))


def raw_async_subject(base_url: str, *, defaults: bool = False) -> AsyncSubject:
    client = httpx.AsyncClient(timeout=60.0) if defaults else _async_pool()
    url = f"{base_url}/chat/completions"
    headers = {"Authorization": f"Bearer {API_KEY}"}

    async def call() -> object:
        response = await client.post(url, json={"model": MODEL, "messages": MESSAGES}, headers=headers)
        response.raise_for_status()
        return response.json()["choices"][0]["message"]["content"]

    return AsyncSubject(call, client.aclose)


def sdk_async_subject(kind: str, base_url: str, *, defaults: bool = False) -> AsyncSubject | str:
    """The SDK's async client on the shared pool configuration (or its own default pool)."""
    if kind == OPENAI:
        import openai  # noqa: PLC0415  (only in the side environment)

        try:
            import httpx2  # noqa: PLC0415  (openai 3 runs on this fork of httpx)

            module: Any = httpx2
        except ImportError:
            module = httpx
        pool = None if defaults else _async_pool(module)
        client: Any = openai.AsyncOpenAI(api_key=API_KEY, base_url=base_url, http_client=pool)
    else:
        import zai  # noqa: PLC0415

        if not hasattr(zai, "AsyncZaiClient"):
            return "n/a (no async client)"
        pool = None if defaults else _async_pool()
        client = zai.AsyncZaiClient(api_key=API_KEY, base_url=base_url, http_client=pool)

    async def call() -> object:
        completion = await client.chat.completions.create(model=MODEL, messages=MESSAGES)
        return completion.choices[0].message.content

    async def close() -> None:
        await client.close()
        if pool is not None:  # passed in, so the client leaves it open
            await pool.aclose()

    return AsyncSubject(call, close)


# ---------------------------------------------------------------------------------------------------- measuring


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
            samples.values.setdefault(kind, []).append((time.process_time() - start) / units)
    return samples


async def throughput_samples(subjects: dict[str, AsyncSubject], rounds: int, bursts: int, warmup: int) -> Samples:
    """Calls per second of bursts of CONCURRENCY concurrent calls, one sample per round, alternating."""
    samples = Samples()

    async def burst(call: AsyncCall) -> None:
        await asyncio.gather(*(call() for _ in range(CONCURRENCY)))

    # Warm-up: the first bursts open connections and let httpcore's pool settle.
    for round_index in range(warmup):
        for kind in rotated(list(subjects), round_index):
            await burst(subjects[kind].call)
    for round_index in range(rounds):
        for kind in rotated(list(subjects), round_index):
            gc.collect()
            start = time.perf_counter()
            for _ in range(bursts):
                await burst(subjects[kind].call)
            samples.values.setdefault(kind, []).append(CONCURRENCY * bursts / (time.perf_counter() - start))
    return samples


async def async_measures(kinds: Sequence[str], base_url: str, config: Config) -> dict[str, Samples]:
    results: dict[str, Samples] = {}
    for key, defaults in (("async", False), ("async_defaults", True)):
        subjects: dict[str, AsyncSubject] = {BASELINE: raw_async_subject(base_url, defaults=defaults)}
        missing: dict[str, str] = {}
        for kind in kinds:
            subject = sdk_async_subject(kind, base_url, defaults=defaults)
            if isinstance(subject, str):
                missing[kind] = subject
            else:
                subjects[kind] = subject
        try:
            rounds = config.async_default_rounds if defaults else config.async_rounds
            results[key] = await throughput_samples(subjects, rounds, config.async_bursts, config.async_warmup)
            results[key].missing.update(missing)
        finally:
            for subject in subjects.values():
                await subject.close()
    return results


def client_measures(kinds: Sequence[str], base_url: str, config: Config) -> dict[str, Samples]:
    """Every in-process measure for the SDK kinds given, each against the raw-httpx baseline."""
    subjects = {BASELINE: raw_httpx_subject(base_url)}
    for kind in kinds:
        subjects[kind] = sdk_subject(kind, base_url)
    try:
        results = {
            "chat": cpu_samples({k: s.chat for k, s in subjects.items()}, config.rounds, config.sample_seconds),
            "stream": cpu_samples({k: s.stream for k, s in subjects.items()}, config.rounds, config.sample_seconds),
            "embeddings": cpu_samples(
                {k: s.embeddings for k, s in subjects.items()}, config.rounds, config.sample_seconds
            ),
        }
    finally:
        for subject in subjects.values():
            subject.close()
    results.update(asyncio.run(async_measures(kinds, base_url, config)))
    return results


def import_samples(commands: dict[str, tuple[str, str]], rounds: int) -> tuple[Samples, Samples]:
    """(wall seconds, peak RSS in MiB) of `python -c "import <module>"` in fresh interpreters, alternating."""
    # Peak RSS: Linux's VmHWM (KiB) when there is one; not ru_maxrss, which on Linux keeps the peak of
    # the process before exec, i.e. of this benchmark process that spawned the child.
    code = (
        "import {}\n"
        "try:\n"
        "    print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')))\n"
        "except OSError:\n"
        "    import resource, sys\n"
        "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // (1024 if sys.platform == 'darwin' else 1))"
    )
    wall, rss = Samples(), Samples()
    # As on a user's machine, modules load from their bytecode caches: a PYTHONDONTWRITEBYTECODE
    # inherited from the environment would make every child compile every module from source.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}

    def run(python: str, module: str) -> tuple[float, float]:
        start = time.perf_counter()
        # cwd: a folder without a `zai` package, so the installed one is imported.
        done = subprocess.run(
            [python, "-c", code.format(module)], cwd=HERE, capture_output=True, text=True, check=True, env=env
        )
        return time.perf_counter() - start, int(done.stdout.split()[-1]) / 1024

    for python, module in commands.values():  # warm-up: bytecode caches, the OS page cache
        run(python, module)
    for round_index in range(rounds):
        for kind in rotated(list(commands), round_index):
            seconds, mib = run(*commands[kind])
            wall.values.setdefault(kind, []).append(seconds)
            rss.values.setdefault(kind, []).append(mib)
    return wall, rss


def generate_seconds(dev_python: Path, runs: int) -> list[float] | str:
    """Wall seconds of each run of the generator over the full document, into a temporary folder."""
    if not dev_python.exists():
        return f"not measured ({dev_python} missing)"
    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            command = [str(dev_python), "scripts/generate.py", "--output", f"{tmp}/run{run}/zai_api"]
            start = time.perf_counter()
            done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                return f"failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}"
            times.append(time.perf_counter() - start)
    return times


# ---------------------------------------------------------------------------------------------------- processes


class LocalServer:
    """`server.py` in a child process; stops when this process closes its stdin."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "server.py")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None
        port = self.process.stdout.readline().strip()
        if not port.isdigit():
            self.stop()
            raise RuntimeError("the benchmark server did not start")
        self.base_url = f"http://127.0.0.1:{port}/api/paas/v4"

    def stop(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def side_versions(python: Path) -> dict[str, str] | str:
    """Versions of what the side environment has, or why it cannot be used."""
    if not python.exists():
        return "not installed"
    code = (
        "import json, importlib.metadata as m, sys\n"
        "v = {'python': sys.version.split()[0]}\n"
        "for name in ('zai-sdk', 'openai', 'httpx'):\n"
        "    try: v[name] = m.version(name)\n"
        "    except m.PackageNotFoundError: pass\n"
        "print(json.dumps(v))"
    )
    done = subprocess.run([str(python), "-c", code], cwd=HERE, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return "not installed"
    versions: dict[str, str] = json.loads(done.stdout)
    return versions


def run_side_worker(python: Path, kinds: Sequence[str], base_url: str, quick: bool) -> dict[str, Samples] | str:
    command = [str(python), str(HERE / "bench.py"), "--worker", "--base-url", base_url, "--kinds", ",".join(kinds)]
    done = subprocess.run(
        command + (["--quick"] if quick else []), cwd=HERE, capture_output=True, text=True, check=False, timeout=900
    )
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return f"failed ({done.stderr.strip().splitlines()[-1:] or done.returncode})"
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return {key: Samples.from_json(value) for key, value in data.items()}


# ---------------------------------------------------------------------------------------------------- report


@dataclass
class Row:
    measure: str
    unit: str
    samples: Samples | None
    scale: float = 1.0  # seconds -> unit
    target: tuple[str, float] | None = None  # ("<=", 1.10) or (">=", 0.9)
    side: dict[str, str] = field(default_factory=dict)  # kind -> ratio text
    note: str = ""

    def value(self, kind: str) -> str:
        if self.samples is None:
            return self.note or "n/a"
        if kind in self.samples.missing:
            return self.samples.missing[kind]
        median = self.samples.median(kind)
        return "—" if median is None else _number(median * self.scale)

    def ratio(self) -> float | None:
        return None if self.samples is None else self.samples.ratio(OURS)

    def spread(self) -> str:
        ratios = [] if self.samples is None else self.samples.paired_ratios(OURS)
        return f"{min(ratios):.2f}-{max(ratios):.2f}" if ratios else ""

    def verdict(self) -> str:
        ratio = self.ratio()
        if self.target is None:
            return ""
        if ratio is None:
            return "n/a"
        op, bound = self.target
        return "met" if (ratio <= bound if op == "<=" else ratio >= bound) else "**missed**"


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if value >= 1 else f"{value:.3f}"


def side_ratio(side: dict[str, Samples] | str, key: str, kind: str, missing_kind: str | None) -> str:
    if missing_kind is not None:
        return missing_kind
    if isinstance(side, str):
        return side
    samples = side.get(key)
    if samples is None:
        return "n/a"
    if kind in samples.missing:
        return samples.missing[kind]
    ratio = samples.ratio(kind)
    return "n/a" if ratio is None else f"{ratio:.2f}"


def table(rows: Sequence[Row]) -> str:
    head = [
        "measure",
        "ours",
        "raw httpx",
        "ratio",
        "paired ratios (min-max)",
        "target",
        "",
        "zai-sdk 0.2.3 ratio",
        "openai ratio",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join([" --- "] * len(head)) + "|"]
    for row in rows:
        ratio = row.ratio()
        target = "" if row.target is None else f"{'≤' if row.target[0] == '<=' else '≥'} {row.target[1]:.2f}"
        cells = [
            f"{row.measure} ({row.unit})",
            row.value(OURS),
            row.value(BASELINE),
            ("n/a" if row.target else "") if ratio is None else f"{ratio:.2f}",
            row.spread(),
            target,
            row.verdict(),
            row.side.get(OFFICIAL, ""),
            row.side.get(OPENAI, ""),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            model = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), model)
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return f"{platform.system()} {platform.release()}, {model}, {os.cpu_count()} CPUs, load average {load}"


METHOD_NOTES = """\
How to read this: each ratio is ours / raw httpx measured in the same run (for CPU and import time,
lower is better; for throughput, higher is better). The ratio is the median over rounds of the
paired ratio (SDK and baseline measured in the same round, in rotating order); the min-max column
shows how noisy the pairs were. The zai-sdk 0.2.3 and openai ratios come from a worker in the side
environment `benchmarks/.env`, against its own raw-httpx baseline, in the same run and against the
same server.

- The server (`benchmarks/server.py`) is a separate process answering with precomputed bytes over
  HTTP/1.1 keep-alive; client CPU is `time.process_time()` of the benchmark process only. A CPU
  sample repeats calls until it has used {sample:g} s of CPU.
- Chat call: one non-streaming `chat.completions.create` and reading `choices[0].message.content`;
  baseline `httpx.Client.post(json=...)`, `raise_for_status()`, `response.json()`, same field.
- Stream: a {chunks}-chunk stream in the Z.ai format (one HTTP chunk per `data:` event, then
  `data: [DONE]`); the consumer reads `choices[0].delta.content` of every chunk; baseline
  `client.stream()`, `iter_lines()`, `json.loads` of each `data:` line, stopping at `[DONE]`.
- Embeddings: a call returning {rows} x {dim} floats, then `sum()` over every row (the floats are
  touched); baseline `response.json()` and the same sums. openai is asked for
  `encoding_format="float"` (it requests base64 otherwise).
- Import: wall time of `python -c "import <module>"` in a fresh interpreter, interpreter start-up
  included (nothing subtracted). Peak RSS is the child's VmHWM from `/proc/self/status` after the
  import (`ru_maxrss` is only the fallback: on Linux it keeps the peak of the process before
  `exec`, i.e. of the benchmark process that spawned the child).
- Async: bursts of {concurrency} concurrent non-streaming calls (`asyncio.gather`), in calls per
  second of wall time. Judged row: the SDK gets `http_client=httpx.AsyncClient(limits=
  httpx.Limits(max_connections=1000, max_keepalive_connections=100))` and the baseline is an
  identical `httpx.AsyncClient`: the same pool, so the ratio is the SDK layer alone. These are the
  SDK's own default limits; room for all 200 calls, and not 200 kept-alive connections on purpose:
  with 200 idle connections kept, httpcore's pool polls every idle socket on every request and
  falls to about 20 calls/s whatever the client on top, which would measure httpcore, not the SDK.
  The "defaults" row is informational: `AsyncZaiClient()` with its own pool against
  `httpx.AsyncClient()` with httpx's defaults (100 connections, 20 kept alive), i.e. what each
  gives out of the box. openai 3 runs on httpx2, a fork of httpx; it gets the same limits in
  httpx2's types (and its own defaults in the informational row).
- `make generate`: wall time of `scripts/generate.py --output <tmpdir>/zai_api` (median of runs).
"""


def report(
    rows: Sequence[Row], versions: dict[str, str], side: dict[str, str] | str, config: Config, elapsed: float
) -> str:
    side_text = side if isinstance(side, str) else ", ".join(f"{k} {v}" for k, v in side.items())
    notes = METHOD_NOTES.format(
        chunks=f"{STREAM_CHUNKS:,}",
        rows=EMBEDDING_ROWS,
        dim=EMBEDDING_DIM,
        concurrency=CONCURRENCY,
        sample=config.sample_seconds,
    )
    return (
        "# zai-sdk benchmark\n\n"
        f"- date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}\n"
        f"- machine: {machine()}\n"
        f"- ours: zai-sdk {versions['zai']}, Python {versions['python']}, httpx {versions['httpx']}\n"
        f"- side environment: {side_text}\n"
        f"- rounds: {config.rounds} (CPU), {config.import_rounds} (import), {config.async_rounds} (async); "
        f"run time {elapsed:.0f} s\n\n"
        f"{table(rows)}\n\n{notes}"
    )


# ---------------------------------------------------------------------------------------------------- main


def worker(base_url: str, kinds: Sequence[str], config: Config) -> None:
    """Run the client measures for `kinds` here and print their samples as JSON (the side environment)."""
    available: list[str] = []
    missing: dict[str, str] = {}
    for kind in kinds:
        module = "openai" if kind == OPENAI else "zai"
        try:
            __import__(module)
            available.append(kind)
        except ImportError:
            missing[kind] = "not installed"
    results = client_measures(available, base_url, config)
    for samples in results.values():
        samples.missing.update(missing)
    print(json.dumps({key: samples.to_json() for key, samples in results.items()}))


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the SDK against raw httpx (see the module docstring).")
    parser.add_argument("--quick", action="store_true", help="fewer rounds: a smoke run, not a measurement")
    parser.add_argument("--side-python", type=Path, default=HERE / ".env" / "bin" / "python")
    parser.add_argument("--dev-python", type=Path, default=REPO / ".venv" / "bin" / "python")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    parser.add_argument("--kinds", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    config = Config.quick() if args.quick else Config()
    # Absolute, not resolved: a venv's python is a symlink to the base interpreter.
    side_python, dev_python = args.side_python.absolute(), args.dev_python.absolute()
    if args.worker:
        worker(args.base_url, [k for k in args.kinds.split(",") if k], config)
        return

    import zai  # noqa: PLC0415  (after the worker branch: the side environment has another zai)

    started = time.perf_counter()
    versions = {"zai": zai.__version__, "python": platform.python_version(), "httpx": httpx.__version__}
    side = side_versions(side_python)
    installed = [] if isinstance(side, str) else [kind for kind in SIDE_KINDS if PACKAGES[kind] in side]
    side_results: dict[str, Samples] | str = "not installed"
    server = LocalServer()
    try:
        print(f"==> client measures: ours vs raw httpx ({server.base_url})", flush=True)
        ours = client_measures([OURS], server.base_url, config)
        if installed:
            print(f"==> client measures in {side_python.parent.parent}: {', '.join(installed)}", flush=True)
            side_results = run_side_worker(side_python, installed, server.base_url, args.quick)
    finally:
        server.stop()

    print("==> import time and peak RSS (fresh interpreters)", flush=True)
    commands = {BASELINE: (sys.executable, "httpx"), OURS: (sys.executable, "zai")}
    if installed:
        commands["side httpx"] = (str(side_python), "httpx")
        commands.update({kind: (str(side_python), "openai" if kind == OPENAI else "zai") for kind in installed})
    wall, rss = import_samples(commands, config.import_rounds)

    print("==> make generate (full document, into a temporary folder)", flush=True)
    generated = generate_seconds(dev_python, config.generate_runs)

    def sides(key: str, from_imports: Samples | None = None) -> dict[str, str]:
        result = {}
        for kind in SIDE_KINDS:
            gone = None if kind in installed else "not installed"
            if from_imports is not None and gone is None:
                ratio = from_imports.ratio(kind, "side httpx")
                result[kind] = "n/a" if ratio is None else f"{ratio:.2f}"
            else:
                result[kind] = side_ratio(side_results, key, kind, gone)
        return result

    generate_row = Row("`make generate` wall", "s", None)
    if isinstance(generated, str):
        generate_row.note = generated
    else:
        generate_row.samples = Samples(values={OURS: generated})
    rows = [
        Row("chat call CPU", "µs/call", ours["chat"], 1e6, ("<=", 1.10), sides("chat")),
        Row("stream CPU per chunk", "µs/chunk", ours["stream"], 1e6, ("<=", 1.5), sides("stream")),
        Row("embeddings 16x1024 decode CPU", "ms/call", ours["embeddings"], 1e3, ("<=", 1.2), sides("embeddings")),
        Row("`import` wall", "ms", wall, 1e3, ("<=", 1.25), sides("import", wall)),
        Row("peak RSS after import", "MiB", rss, 1.0, None, sides("rss", rss)),
        Row("async 200 concurrent, same pool", "calls/s", ours["async"], 1.0, (">=", 0.9), sides("async")),
        Row("async 200 concurrent, defaults", "calls/s", ours["async_defaults"], 1.0, None, sides("async_defaults")),
        generate_row,
    ]
    text = report(rows, versions, side, config, time.perf_counter() - started)
    print()
    print(text)
    args.output.write_text(text, encoding="utf-8")
    print(f"(written to {args.output.relative_to(REPO) if args.output.is_relative_to(REPO) else args.output})")


if __name__ == "__main__":
    main()
