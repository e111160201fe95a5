"""The batch runner at 10k, 100k and 1M requests, against a hand-written httpx + JSONL flow.

Method
------
A local batch flow (`batch_server.py`) runs in its own process: uploads are streamed to its disk,
each batch's output and error files are written by a worker thread from the uploaded lines (one
request in a thousand fails), and files are served from disk. Every measured run is a fresh child
process (so its peak RSS is its own), given the same generator of request bodies, which:

- ``httpx`` (the baseline, written by hand): writes the batch lines with `json.dumps` into JSONL
  files of 50,000 requests, uploads each with `httpx` multipart from the open file, creates the
  batches, polls them, then streams each output and error file, splits the lines and
  `json.loads` each one;
- ``ours``: `zai.lib.run_batch(client, requests)` with its defaults (requests checked against the
  operation, results in input order), then iterates the results;
- ``ours async``: the same with `arun_batch` on an `AsyncZaiClient`.

Every kind reads the content of each answer (and counts the failures), polls every 50 ms and keeps
all batches running at once. Measured in the child: CPU (`time.process_time()`) from the first
request read to the last result consumed; peak RSS (VmHWM); RSS after the run returned, its
results were consumed and it was closed (VmRSS after `gc.collect()`); the RSS once the libraries
were imported, before the run, for reference. The CPU ratio is the median over rounds of the
paired ratio to the baseline of the same round (kinds run in rotating order).

Usage: ``python benchmarks/bench_batches.py [--quick] [--sizes 10000,100000] [--output FILE]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
API_KEY = "bench-id.bench-secret"
ENDPOINT = "/v4/chat/completions"
BASELINE = "httpx"
OURS = "ours"
OURS_ASYNC = "ours async"
KINDS = (BASELINE, OURS, OURS_ASYNC)
POLL = 0.05
SHARD = 50_000
TARGET_RATIO = 1.2
TARGET_PEAK_MIB = 100.0
TARGET_PEAK_SIZE = 1_000_000


@dataclass(frozen=True)
class Config:
    sizes: tuple[int, ...] = (10_000, 100_000, 1_000_000)
    rounds: dict[int, int] = field(default_factory=lambda: {10_000: 5, 100_000: 3, 1_000_000: 1})

    @classmethod
    def quick(cls) -> Config:
        return cls(sizes=(1_000, 10_000), rounds={1_000: 2, 10_000: 1})


# ---------------------------------------------------------------------------------------------- the workers


def bodies(count: int) -> Iterator[dict[str, Any]]:
    """The requests: small chat bodies, each a little different."""
    for number in range(count):
        yield {
            "model": "glm-4-flash",
            "messages": [
                {"role": "system", "content": "You classify product reviews as positive, neutral or negative."},
                {"role": "user", "content": f"Review {number}: the parcel came late but the fox lamp works."},
            ],
            "temperature": 0.1,
        }


def _status() -> dict[str, float]:
    """VmHWM and VmRSS of this process, in MiB."""
    values: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            name, _, rest = line.partition(":")
            if name in ("VmHWM", "VmRSS"):
                values[name] = int(rest.split()[0]) / 1024
    return values


def _touch_line(record: dict[str, Any]) -> tuple[int, int]:
    response = record.get("response") or {}
    if response.get("status_code") == 200 and not record.get("error"):
        return len(response["body"]["choices"][0]["message"]["content"]), 0
    return 0, 1


def run_baseline(base_url: str, count: int) -> tuple[int, int]:
    """The batch flow written by hand with httpx and json (see the module docstring)."""
    import httpx  # noqa: PLC0415

    directory = tempfile.mkdtemp(prefix="bench-batch-baseline-")
    headers = {"Authorization": f"Bearer {API_KEY}"}
    try:
        with httpx.Client(base_url=base_url, headers=headers, timeout=600) as http:
            paths: list[str] = []
            handle = None
            for number, body in enumerate(bodies(count)):
                if number % SHARD == 0:
                    if handle is not None:
                        handle.close()
                    paths.append(os.path.join(directory, f"shard-{len(paths)}.jsonl"))
                    handle = open(paths[-1], "w", encoding="utf-8")  # noqa: SIM115
                line = {"custom_id": f"request-{number}", "method": "POST", "url": ENDPOINT, "body": body}
                handle.write(json.dumps(line) + "\n")
            if handle is not None:
                handle.close()
            batch_ids: list[str] = []
            for path in paths:
                with open(path, "rb") as upload:
                    files = {"file": (os.path.basename(path), upload, "application/jsonl")}
                    uploaded = http.post("/files", files=files, data={"purpose": "batch"}).raise_for_status()
                file_id = uploaded.json()["id"]
                created = http.post("/batches", json={"endpoint": ENDPOINT, "input_file_id": file_id})
                batch_ids.append(created.raise_for_status().json()["id"])
            finished: dict[str, dict[str, Any]] = {}
            while len(finished) < len(batch_ids):
                for batch_id in batch_ids:
                    if batch_id not in finished:
                        state = http.get(f"/batches/{batch_id}").raise_for_status().json()
                        if state["status"] in ("completed", "failed", "expired", "cancelled"):
                            finished[batch_id] = state
                if len(finished) < len(batch_ids):
                    time.sleep(POLL)
            touched = failed = 0
            for batch_id in batch_ids:
                for file_id in (finished[batch_id].get("output_file_id"), finished[batch_id].get("error_file_id")):
                    if not file_id:
                        continue
                    with http.stream("GET", f"/files/{file_id}/content") as response:
                        rest = b""
                        for chunk in response.raise_for_status().iter_bytes(256 * 1024):
                            lines = (rest + chunk).split(b"\n")
                            rest = lines.pop()
                            for line in lines:
                                if line:
                                    size, bad = _touch_line(json.loads(line))
                                    touched += size
                                    failed += bad
                        if rest.strip():
                            size, bad = _touch_line(json.loads(rest))
                            touched += size
                            failed += bad
            return touched, failed
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _touch_result(result: Any) -> tuple[int, int]:
    if result.ok:
        return len(result.body["choices"][0]["message"]["content"]), 0
    return 0, 1


def run_ours(base_url: str, count: int) -> tuple[int, int]:
    from zai import ZaiClient  # noqa: PLC0415
    from zai.lib import run_batch  # noqa: PLC0415

    touched = failed = 0
    with (
        ZaiClient(api_key=API_KEY, base_url=base_url) as client,
        run_batch(client, bodies(count), poll_interval=POLL, max_concurrent_batches=1000) as run,
    ):
        for result in run:
            size, bad = _touch_result(result)
            touched += size
            failed += bad
    return touched, failed


def run_ours_async(base_url: str, count: int) -> tuple[int, int]:
    import asyncio  # noqa: PLC0415

    from zai import AsyncZaiClient  # noqa: PLC0415
    from zai.lib import arun_batch  # noqa: PLC0415

    async def main() -> tuple[int, int]:
        touched = failed = 0
        async with AsyncZaiClient(api_key=API_KEY, base_url=base_url) as client:
            run = await arun_batch(client, bodies(count), poll_interval=POLL, max_concurrent_batches=1000)
            async with run:
                async for result in run:
                    size, bad = _touch_result(result)
                    touched += size
                    failed += bad
        return touched, failed

    return asyncio.run(main())


RUNNERS = {BASELINE: run_baseline, OURS: run_ours, OURS_ASYNC: run_ours_async}


def worker(kind: str, base_url: str, count: int) -> None:
    """One measured run in this (fresh) process; prints its measures as JSON."""
    import httpx  # noqa: F401, PLC0415  (every kind pays for the same imports before measuring)

    if kind != BASELINE:
        # The SDK imports a resource's module (and its models) on first use: imported here, not measured.
        import zai.lib  # noqa: F401, PLC0415
        import zai_api.api.batches  # noqa: PLC0415
        import zai_api.api.files  # noqa: F401, PLC0415
    if kind == OURS_ASYNC:
        import asyncio  # noqa: F401, PLC0415
    gc.collect()
    floor = _status()["VmRSS"]
    started_cpu, started_wall = time.process_time(), time.perf_counter()
    touched, failed = RUNNERS[kind](base_url, count)
    cpu, wall = time.process_time() - started_cpu, time.perf_counter() - started_wall
    gc.collect()
    status = _status()
    expected_failures = count // 1000
    if failed != expected_failures or touched <= 0:
        raise SystemExit(f"{kind}: {failed} failures (expected {expected_failures}), {touched} characters read")
    print(json.dumps({"cpu": cpu, "wall": wall, "peak": status["VmHWM"], "after": status["VmRSS"], "floor": floor}))


# ---------------------------------------------------------------------------------------------- the driver


class BatchServer:
    """`batch_server.py` in its own process."""

    def __enter__(self) -> str:
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "batch_server.py")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None
        port = int(self.process.stdout.readline())
        return f"http://127.0.0.1:{port}/api/paas/v4"

    def __exit__(self, *exc_info: object) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


def _polls(base_url: str) -> int:
    import httpx  # noqa: PLC0415

    return int(httpx.get(f"{base_url}/stats").json()["polls"])


def measure_once(kind: str, base_url: str, count: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--worker", kind, "--url", base_url, "--count", str(count)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{kind} at {count} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


@dataclass
class SizeResult:
    count: int
    runs: dict[str, list[dict[str, float]]]

    def median(self, kind: str, key: str) -> float:
        return statistics.median(run[key] for run in self.runs[kind])

    def ratios(self, kind: str) -> list[float]:
        return [run["cpu"] / base["cpu"] for run, base in zip(self.runs[kind], self.runs[BASELINE])]


def measure(config: Config, log: Any = sys.stderr) -> list[SizeResult]:
    results: list[SizeResult] = []
    with BatchServer() as base_url:
        for count in config.sizes:
            runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in KINDS}
            for round_index in range(config.rounds.get(count, 1)):
                order = KINDS[round_index % len(KINDS) :] + KINDS[: round_index % len(KINDS)]
                for kind in order:
                    polls = _polls(base_url)
                    sample = measure_once(kind, base_url, count)
                    sample["polls"] = _polls(base_url) - polls
                    runs[kind].append(sample)
                    cpu, peak, polls = sample["cpu"], sample["peak"], int(sample["polls"])
                    print(f"  {count:>9,} {kind:<10} cpu {cpu:7.2f} s  peak {peak:6.1f} MiB  polls {polls}", file=log)
            results.append(SizeResult(count, runs))
    return results


def _size(count: int) -> str:
    return f"{count // 1_000_000}M" if count >= 1_000_000 else f"{count // 1000}k"


def table(results: Sequence[SizeResult]) -> str:
    lines = [
        "| requests | kind | CPU (s) | CPU ratio to httpx | paired ratios (min-max) | peak RSS (MiB) | RSS after (MiB) "
        "| RSS before run (MiB) | wall (s) | polls |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for result in results:
        for kind in KINDS:
            ratios = result.ratios(kind)
            ratio = f"{statistics.median(ratios):.2f}" if kind != BASELINE else "1"
            spread = f"{min(ratios):.2f}-{max(ratios):.2f}" if kind != BASELINE else ""
            lines.append(
                f"| {_size(result.count)} | {kind} | {result.median(kind, 'cpu'):.2f} | {ratio} | {spread} "
                f"| {result.median(kind, 'peak'):.1f} | {result.median(kind, 'after'):.1f} "
                f"| {result.median(kind, 'floor'):.1f} | {result.median(kind, 'wall'):.1f} "
                f"| {result.median(kind, 'polls'):.0f} |"
            )
    return "\n".join(lines)


def verdicts(results: Sequence[SizeResult]) -> list[str]:
    """The targets, met or not: CPU within 1.2x of the baseline at every size, peak RSS at 1M."""
    lines: list[str] = []
    for result in results:
        ratio = statistics.median(result.ratios(OURS))
        state = "met" if ratio <= TARGET_RATIO else "NOT met"
        lines.append(f"- CPU at {_size(result.count)}: {ratio:.2f}x the hand-written flow (≤ {TARGET_RATIO}): {state}")
        if result.count >= TARGET_PEAK_SIZE:
            peak = max(max(run["peak"] for run in result.runs[kind]) for kind in (OURS, OURS_ASYNC))
            state = "met" if peak < TARGET_PEAK_MIB else "NOT met"
            lines.append(f"- peak RSS at {_size(result.count)}: {peak:.1f} MiB (< {TARGET_PEAK_MIB:g}): {state}")
    return lines


NOTES = """\
How this is measured (`benchmarks/bench_batches.py`): each run is a fresh process given the same
generator of small chat bodies, against a local batch flow in another process (`batch_server.py`:
uploads streamed to its disk, output and error files written from the uploaded lines, one request
in a thousand failing). `httpx` is the flow written by hand: `json.dumps` of each batch line into
JSONL files of 50,000 requests, httpx multipart uploads from the open files, batches created and
polled, then each output and error file streamed, split into lines and `json.loads`-ed. `ours` is
`zai.lib.run_batch` with its defaults (every request checked against the operation, results in
input order), `ours async` is `arun_batch`. Every kind reads each answer's content, polls every
50 ms and keeps all batches running at once. CPU is `time.process_time()` of the run's process from
the first request read to the last result consumed (client creation included, imports not); the
ratio is the median of the ratios paired by round. Peak RSS is the process's VmHWM; RSS after is
VmRSS once the run returned, its results were consumed and it was closed; RSS before is VmRSS after
the imports. Polls are the batch retrievals the server saw."""


def run_line() -> str:
    """When and where: the date, the Python and the machine's CPUs and load when the run ended."""
    import platform  # noqa: PLC0415
    from datetime import datetime, timezone  # noqa: PLC0415

    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    date = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"Run ended {date}; Python {platform.python_version()}, {os.cpu_count()} CPUs, load average {load}."


def section(results: Sequence[SizeResult]) -> str:
    """The markdown for results.md."""
    lines = ["## Batch runner", "", run_line(), "", table(results), "", *verdicts(results), "", NOTES]
    return "\n".join(lines) + "\n"


def merge_section(path: Path, markdown: str) -> None:
    """Put `markdown` into `path` in place of its batch runner section, or at its end."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start = text.find("## Batch runner")
    if start < 0:
        text = text.rstrip("\n") + ("\n\n" if text else "") + markdown
    else:
        end = text.find("\n## ", start + 1)
        text = text[:start] + markdown + (text[end:] if end >= 0 else "")
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a smoke run at 1k and 10k requests")
    parser.add_argument("--sizes", help="comma-separated request counts (one round each beyond the defaults)")
    parser.add_argument("--output", type=Path, help="put the markdown section into this file (e.g. results.md)")
    parser.add_argument("--worker", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.url, args.count)
        return
    config = Config.quick() if args.quick else Config()
    if args.sizes:
        sizes = tuple(int(size) for size in args.sizes.split(","))
        config = Config(sizes=sizes, rounds={size: config.rounds.get(size, 1) for size in sizes})
    markdown = section(measure(config))
    print(markdown)
    if args.output:
        merge_section(args.output, markdown)


if __name__ == "__main__":
    main()
