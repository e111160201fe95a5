"""Asynchronous throughput: bursts of concurrent calls on one client, against raw `httpx.AsyncClient`.

Two kinds of measure:

- `throughput_measures`: bursts of `CONCURRENCY` (200) calls, fewer than the pool's connections,
  repeated in one process (ours, and openai in the side environment, each on an `httpx.AsyncClient`
  configured like its baseline's, so the ratio is the SDK layer alone).
- `burst_measures`: one burst of 1,000, 5,000 or 20,000 calls (or 1,000 streams), more than the
  pool's connections, on a fresh client in a fresh process (`python bench_async.py --burst ...`),
  for throughput, CPU per call and peak memory growth. The SDK runs with its defaults; the
  baseline is raw httpx with its best settings for the job: the same pool (1,000 connections, 100
  kept alive) and an `asyncio.Semaphore(1000)` around each call in the caller. Without the
  semaphore, raw httpx queues the burst inside httpcore's pool, whose work per request grows with
  the queue, and 5,000 calls do not finish in minutes; keeping 1,000 connections alive is slower.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import subprocess
import sys
import time
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from typing import Any, Callable

import httpx
from bench_common import API_KEY, BASELINE, HERE, MODEL, OPENAI, OURS, Config, Row, Samples, rotated

__all__ = ["NOTES", "burst_measures", "burst_rows", "throughput_measures", "throughput_rows"]

CONCURRENCY = 200
MESSAGES = [{"role": "user", "content": "Tell me a short story about a fox."}]
POOL_SIZE = 1000  # the SDK's default max_connections
KEEP_ALIVE = 100
STREAM_BURST_CHUNKS = 20  # chunks per stream in the stream bursts (the body's max_tokens)


# ---------------------------------------------------------------------------------------------------- 200 at once

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
    limits = module.Limits(max_connections=POOL_SIZE, max_keepalive_connections=KEEP_ALIVE)
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


async def _throughput_samples(subjects: dict[str, AsyncSubject], rounds: int, bursts: int, warmup: int) -> Samples:
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
            samples.add(kind, CONCURRENCY * bursts / (time.perf_counter() - start))
    return samples


async def _throughput(kinds: Sequence[str], base_url: str, config: Config) -> dict[str, Samples]:
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
            results[key] = await _throughput_samples(subjects, rounds, config.async_bursts, config.async_warmup)
            results[key].missing.update(missing)
        finally:
            for subject in subjects.values():
                await subject.close()
    return results


def throughput_measures(kinds: Sequence[str], base_url: str, config: Config) -> dict[str, Samples]:
    """Bursts of 200 calls for the SDK kinds given, each against raw httpx (in this process)."""
    return asyncio.run(_throughput(kinds, base_url, config))


def throughput_rows(ours: dict[str, Samples], sides: Callable[[str], dict[str, str]]) -> list[Row]:
    return [
        Row("async 200 concurrent, same pool", "calls/s", ours["async"], 1.0, (">=", 0.9), sides("async")),
        Row("async 200 concurrent, defaults", "calls/s", ours["async_defaults"], 1.0, None, sides("async_defaults")),
    ]


# ---------------------------------------------------------------------------------------------------- bursts


def _memory(field: str) -> float:
    """A `/proc/self/status` field in MiB (0 where there is none)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


async def _burst(kind: str, base_url: str, calls: int, streams: bool) -> dict[str, Any]:
    """One burst in this (fresh) process: throughput, CPU per call, errors, peak memory growth."""
    url = f"{base_url}/chat/completions"
    body: dict[str, Any] = {"model": MODEL, "messages": MESSAGES}
    if streams:
        body.update(stream=True, max_tokens=STREAM_BURST_CHUNKS)
    if kind == OURS:
        import zai  # noqa: PLC0415

        client = zai.AsyncZaiClient(api_key=API_KEY, base_url=base_url)

        async def call() -> int:
            if streams:
                stream = await client.chat.completions.create(**body)
                return sum([chunk.choices[0].delta.content is not None async for chunk in stream])
            completion = await client.chat.completions.create(**body)
            return 1 if completion.choices[0].message.content else 0

        close = client.close
    else:
        limits = httpx.Limits(max_connections=POOL_SIZE, max_keepalive_connections=KEEP_ALIVE)
        http = httpx.AsyncClient(limits=limits, timeout=httpx.Timeout(300.0, connect=8.0))
        gate = asyncio.Semaphore(POOL_SIZE)
        headers = {"Authorization": f"Bearer {API_KEY}"}

        async def call() -> int:
            async with gate:
                if streams:
                    chunks = 0
                    async with http.stream("POST", url, json=body, headers=headers) as response:
                        response.raise_for_status()
                        async for line in response.aiter_lines():
                            if line.startswith("data: ") and line[6:] != "[DONE]":
                                chunks += json.loads(line[6:])["choices"][0]["delta"]["content"] is not None
                    return chunks
                response = await http.post(url, json=body, headers=headers)
                response.raise_for_status()
                return 1 if response.json()["choices"][0]["message"]["content"] else 0

        close = http.aclose
    expected = STREAM_BURST_CHUNKS if streams else 1
    await call()  # lazy imports and the first connection, on both sides
    gc.collect()
    before = _memory("VmRSS:")
    started, cpu = time.perf_counter(), time.process_time()
    results = await asyncio.gather(*(call() for _ in range(calls)), return_exceptions=True)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = _memory("VmHWM:")
    await close()
    failures = [r for r in results if isinstance(r, BaseException) or r != expected]
    return {
        "rate": calls / wall,
        "cpu": cpu / calls,
        "memory": max(peak - before, 0.0),
        "errors": len(failures),
        "first_error": repr(failures[0])[:300] if failures else None,
    }


def _run_burst(kind: str, base_url: str, calls: int, streams: bool) -> dict[str, Any]:
    command = [sys.executable, str(HERE / "bench_async.py"), "--burst", kind, base_url, str(calls)]
    done = subprocess.run(
        [*command, *(["--streams"] if streams else [])], cwd=HERE, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        return {"errors": calls, "first_error": tail[0]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def burst_key(calls: int, streams: bool) -> str:
    return f"{'streams' if streams else 'burst'}_{calls}"


def burst_measures(base_url: str, config: Config) -> dict[str, dict[str, Samples]]:
    """Per burst: {"rate": ..., "cpu": ..., "memory": ...} samples for ours and raw httpx, plus errors."""
    results: dict[str, dict[str, Samples]] = {}
    plan = [(calls, rounds, False) for calls, rounds in config.bursts]
    plan += [(calls, rounds, True) for calls, rounds in config.stream_bursts]
    for calls, rounds, streams in plan:
        key = burst_key(calls, streams)
        print(f"    {calls:,} {'streams' if streams else 'calls'} at once, {rounds} round(s)", flush=True)
        measures = {"rate": Samples(), "cpu": Samples(), "memory": Samples(), "errors": Samples()}
        for round_index in range(rounds):
            for kind in rotated([BASELINE, OURS], round_index):
                outcome = _run_burst(kind, base_url, calls, streams)
                measures["errors"].add(kind, float(outcome["errors"]))
                if outcome["errors"]:
                    print(f"      {kind}: {outcome['errors']} failed: {outcome['first_error']}", flush=True)
                if "rate" in outcome:
                    for name in ("rate", "cpu", "memory"):
                        measures[name].add(kind, float(outcome[name]))
        results[key] = measures
    return results


def burst_rows(bursts: dict[str, dict[str, Samples]], config: Config) -> list[Row]:
    rows: list[Row] = []
    plan = [(calls, False) for calls, _ in config.bursts] + [(calls, True) for calls, _ in config.stream_bursts]
    for calls, streams in plan:
        measures = bursts[burst_key(calls, streams)]
        errors = {kind: int(sum(values)) for kind, values in measures["errors"].values.items()}
        problem = ", ".join(f"{kind}: {count:,} failed" for kind, count in errors.items() if count)
        what = f"{calls:,} {'streams' if streams else 'calls'} at once"
        rows += [
            Row(f"async {what}", "calls/s", measures["rate"], 1.0, (">=", 0.9), problem=problem),
            Row(f"async {what}, CPU", "ms/call", measures["cpu"], 1e3, None),
            Row(f"async {what}, peak memory growth", "MiB", measures["memory"], 1.0, ("<=", 1.0)),
        ]
    return rows


NOTES = f"""\
- Async, 200 concurrent: bursts of {CONCURRENCY} concurrent non-streaming calls (`asyncio.gather`), in calls per
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
- Async bursts larger than the pool: one `asyncio.gather` of 1,000, 5,000 or 20,000 chat calls
  (or 1,000 streams of {STREAM_BURST_CHUNKS} chunks, each read to the end) on one fresh client in a fresh
  process, after one untimed call. Ours: `AsyncZaiClient()` as it comes. Baseline, raw httpx with
  its best settings for the job: `httpx.AsyncClient(limits=httpx.Limits(max_connections=1000,
  max_keepalive_connections=100))` with an `asyncio.Semaphore(1000)` around each call (without
  it, httpcore's own queue makes a 5,000-call burst take many minutes; keeping 1,000 connections
  alive is slower). Rows: calls per second of wall time (ratio ours/raw, higher is better), CPU
  per call, and the growth of the process's peak RSS (VmHWM) over its RSS just before the burst
  (ratio ours/raw, lower is better). Any failed call is reported in the verdict column.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description="one burst, in this process (run by bench.py)")
    parser.add_argument("--burst", nargs=3, metavar=("KIND", "BASE_URL", "CALLS"), required=True)
    parser.add_argument("--streams", action="store_true")
    args = parser.parse_args()
    kind, base_url, calls = args.burst
    print(json.dumps(asyncio.run(_burst(kind, base_url, int(calls), args.streams))))


if __name__ == "__main__":
    main()
