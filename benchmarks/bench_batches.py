"""The batch runner at 10k, 100k and 1M requests, against the same flow written by hand with httpx.

A local batch flow (`batch_server.py`) runs in its own process: uploads are streamed to its disk,
each batch's output and error files are written by a worker thread from the uploaded lines (one
request in a thousand fails), and files are served from disk. A batch answers its third poll, and
only that one, with `completed` (that poll waits for its files): every kind polls each batch the
same number of times, whatever the pace of its rounds. Every measured run is a fresh child process
(`python bench_batches.py --worker KIND ...`, so its peak RSS is its own), given the same generator
of request bodies, which:

- ``httpx`` (the baseline of `run_batch`, written by hand): writes the batch lines with
  `json.dumps` into JSONL files of 50,000 requests, uploads each with `httpx` multipart from the
  open file, creates the batches, polls them, then streams each output and error file, splits the
  lines and `json.loads` each one;
- ``httpx async`` (the baseline of `arun_batch`): the same flow with `httpx.AsyncClient`, the
  uploads and batch creations of the shards concurrent, the polls of a round concurrent;
- ``ours``: `zai.lib.run_batch(client, requests)` with its defaults (requests checked against the
  operation, results in input order), then iterates the results;
- ``ours async``: the same with `arun_batch` on an `AsyncZaiClient`.

Every kind reads the content of each answer (and counts the failures), pauses 50 ms between rounds
of polls and keeps all batches running at once. Measured in the child: CPU (`time.process_time()`)
from the first request read to the last result consumed; peak RSS (VmHWM); RSS after the run
returned, its results were consumed and it was closed (VmRSS after `gc.collect()`); the RSS once
the libraries were imported, before the run, for reference. The CPU ratio is the median over
rounds of the paired ratio to the baseline of the same round (kinds run in rotating order): sync
to the sync flow, async to the async flow.

`bench.py` runs this area (`measure`), puts its judged `rows` in the summary table and its
`section` (every measure of every kind) in results.md.
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
from typing import Any

from bench_common import API_KEY, BASELINE, HERE, OURS, Config, Row, Samples, rotated

__all__ = ["NOTES", "measure", "rows", "section"]

ENDPOINT = "/v4/chat/completions"
BASELINE_ASYNC = "httpx async"
OURS_ASYNC = "ours async"
KINDS = (BASELINE, OURS, BASELINE_ASYNC, OURS_ASYNC)
BASELINE_OF = {OURS: BASELINE, OURS_ASYNC: BASELINE_ASYNC}
POLL = 0.05
SHARD = 50_000
TARGET_RATIO = 1.2
TARGET_PEAK_MIB = 100.0
TARGET_PEAK_SIZE = 1_000_000
MEASURES = ("cpu", "wall", "peak", "after", "floor", "polls")


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


def run_baseline_async(base_url: str, count: int) -> tuple[int, int]:
    """`run_baseline` with `httpx.AsyncClient`: the shards' uploads and batch creations run
    concurrently, and so do the polls of a round."""
    import asyncio  # noqa: PLC0415

    import httpx  # noqa: PLC0415

    async def start(http: httpx.AsyncClient, path: str) -> str:
        with open(path, "rb") as upload:
            files = {"file": (os.path.basename(path), upload, "application/jsonl")}
            uploaded = (await http.post("/files", files=files, data={"purpose": "batch"})).raise_for_status()
        created = await http.post("/batches", json={"endpoint": ENDPOINT, "input_file_id": uploaded.json()["id"]})
        batch_id: str = created.raise_for_status().json()["id"]
        return batch_id

    async def poll(http: httpx.AsyncClient, batch_id: str) -> dict[str, Any]:
        state: dict[str, Any] = (await http.get(f"/batches/{batch_id}")).raise_for_status().json()
        return state

    async def main(directory: str) -> tuple[int, int]:
        headers = {"Authorization": f"Bearer {API_KEY}"}
        async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=600) as http:
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
            batch_ids = list(await asyncio.gather(*(start(http, path) for path in paths)))
            finished: dict[str, dict[str, Any]] = {}
            while len(finished) < len(batch_ids):
                waiting = [batch_id for batch_id in batch_ids if batch_id not in finished]
                states = await asyncio.gather(*(poll(http, batch_id) for batch_id in waiting))
                for batch_id, state in zip(waiting, states):
                    if state["status"] in ("completed", "failed", "expired", "cancelled"):
                        finished[batch_id] = state
                if len(finished) < len(batch_ids):
                    await asyncio.sleep(POLL)
            touched = failed = 0
            for batch_id in batch_ids:
                for file_id in (finished[batch_id].get("output_file_id"), finished[batch_id].get("error_file_id")):
                    if not file_id:
                        continue
                    async with http.stream("GET", f"/files/{file_id}/content") as response:
                        rest = b""
                        async for chunk in response.raise_for_status().aiter_bytes(256 * 1024):
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

    directory = tempfile.mkdtemp(prefix="bench-batch-baseline-")
    try:
        return asyncio.run(main(directory))
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


RUNNERS = {BASELINE: run_baseline, OURS: run_ours, BASELINE_ASYNC: run_baseline_async, OURS_ASYNC: run_ours_async}


def worker(kind: str, base_url: str, count: int) -> None:
    """One measured run in this (fresh) process; prints its measures as JSON."""
    import httpx  # noqa: F401, PLC0415  (every kind pays for the same imports before measuring)

    if kind in (BASELINE_ASYNC, OURS_ASYNC):
        import asyncio  # noqa: F401, PLC0415
    if kind in (OURS, OURS_ASYNC):
        # The SDK imports a resource's module (and its models) on first use: imported here, not measured.
        import zai.lib  # noqa: F401, PLC0415
        import zai_api.api.batches  # noqa: PLC0415
        import zai_api.api.files  # noqa: F401, PLC0415
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


def _stats(base_url: str) -> tuple[int, int]:
    """The polls and uploads the server has seen."""
    import httpx  # noqa: PLC0415

    stats = httpx.get(f"{base_url}/stats").json()
    return int(stats["polls"]), int(stats["uploads"])


def _measure_once(kind: str, base_url: str, count: int) -> dict[str, float] | str:
    """One run's measures, or why it failed."""
    command = [sys.executable, str(HERE / "bench_batches.py"), "--worker", kind, "--url", base_url]
    done = subprocess.run(
        [*command, "--count", str(count)], cwd=HERE, capture_output=True, text=True, check=False, timeout=1800
    )
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        return f"{kind} failed: {tail[0][:200]}"
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


class SizeResult:
    """The runs at one size: per measure, a sample per round for each kind (in round order)."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.measures = {name: Samples() for name in MEASURES}
        self.problem = ""  # a run that failed: the size's later rounds are not run

    def samples(self, name: str, kind: str) -> Samples:
        """Measure `name` with `kind` in the SDK's place and its own baseline (the sync or the async
        flow) in the baseline's, for a report row."""
        values = self.measures[name].values
        return Samples(values={BASELINE: values.get(BASELINE_OF[kind], []), OURS: values.get(kind, [])})


def measure(config: Config) -> list[SizeResult]:
    """Every size of `config.batch_sizes`, its rounds in turn, each kind in a fresh process."""
    results: list[SizeResult] = []
    with BatchServer() as base_url:
        for count, rounds in config.batch_sizes:
            result = SizeResult(count)
            print(f"    {count:,} requests, {rounds} round(s)", flush=True)
            for round_index in range(rounds):
                samples: dict[str, dict[str, float]] = {}
                for kind in rotated(KINDS, round_index):
                    polls, uploads = _stats(base_url)
                    sample = _measure_once(kind, base_url, count)
                    if isinstance(sample, str):
                        result.problem = sample
                        break
                    polled, uploaded = _stats(base_url)
                    if uploaded - uploads != -(-count // SHARD):  # a retried upload is not the same work
                        result.problem = f"{kind} uploaded {uploaded - uploads} files for {-(-count // SHARD)} shards"
                        break
                    sample["polls"] = polled - polls
                    samples[kind] = sample
                    cpu, peak, polls = sample["cpu"], sample["peak"], int(sample["polls"])
                    print(f"      {kind:<11} cpu {cpu:7.2f} s  peak {peak:6.1f} MiB  polls {polls}", flush=True)
                if result.problem:  # only whole rounds are kept, so that samples stay paired
                    print(f"      {result.problem}", flush=True)
                    break
                for kind, sample in samples.items():
                    for name in MEASURES:
                        result.measures[name].add(kind, sample[name])
            results.append(result)
    return results


def _size(count: int) -> str:
    if count >= 1_000_000 and count % 1_000_000 == 0:
        return f"{count // 1_000_000}M"
    return f"{count // 1000}k" if count % 1000 == 0 else f"{count:,}"


def rows(results: Sequence[SizeResult]) -> list[Row]:
    """The summary table's rows: CPU at every size (`run_batch` against the sync flow, `arun_batch`
    against the async flow, both judged), and peak RSS (judged at 1M) and RSS after at the largest
    size."""
    table: list[Row] = []
    for result in results:
        what = f"batch runner, {_size(result.count)} requests"
        for kind, suffix in ((OURS, ""), (OURS_ASYNC, ", async")):
            samples = result.samples("cpu", kind)
            table.append(Row(f"{what}, CPU{suffix}", "s", samples, 1.0, ("<=", TARGET_RATIO), problem=result.problem))
    if results:
        largest = results[-1]
        what = f"batch runner, {_size(largest.count)} requests"
        limit = ("<", TARGET_PEAK_MIB) if largest.count >= TARGET_PEAK_SIZE else None
        for kind, suffix in ((OURS, ""), (OURS_ASYNC, ", async")):
            table.append(Row(f"{what}, peak RSS{suffix}", "MiB", largest.samples("peak", kind), limit=limit))
        for kind, suffix in ((OURS, ""), (OURS_ASYNC, ", async")):
            table.append(Row(f"{what}, RSS after{suffix}", "MiB", largest.samples("after", kind)))
    return table


def table(results: Sequence[SizeResult]) -> str:
    """Every measure of every kind at every size (medians over rounds)."""
    lines = [
        "| requests | kind | CPU (s) | CPU ratio to its flow | paired ratios (min-max) | peak RSS (MiB) "
        "| RSS after (MiB) | RSS before run (MiB) | wall (s) | polls |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for result in results:
        for kind in KINDS:
            cpu = result.measures["cpu"]
            if not cpu.values.get(kind):
                lines.append(f"| {_size(result.count)} | {kind} | {result.problem or 'not run'} |  |  |  |  |  |  |  |")
                continue
            baseline = BASELINE_OF.get(kind)
            ratios = cpu.paired_ratios(kind, baseline) if baseline else []
            ratio = f"{statistics.median(ratios):.2f}" if ratios else "1"
            spread = f"{min(ratios):.2f}-{max(ratios):.2f}" if ratios else ""

            median = {name: result.measures[name].median(kind) or 0.0 for name in MEASURES}
            lines.append(
                f"| {_size(result.count)} | {kind} | {median['cpu']:.2f} | {ratio} | {spread} "
                f"| {median['peak']:.1f} | {median['after']:.1f} | {median['floor']:.1f} | {median['wall']:.1f} "
                f"| {median['polls']:.0f} |"
            )
    return "\n".join(lines)


NOTES = """\
- Batch runner: each run is a fresh process given the same generator of small chat bodies, against a
  local batch flow in another process (`batch_server.py`: uploads streamed to its disk, output and
  error files written from the uploaded lines, one request in a thousand failing). Baseline ("raw
  httpx" column): the flow written by hand, `json.dumps` of each batch line into JSONL files of
  50,000 requests, httpx multipart uploads from the open files, batches created and polled, then
  each output and error file streamed, split into lines and `json.loads`-ed. Ours:
  `zai.lib.run_batch` with its defaults (every request checked against the operation, results in
  input order). The "async" rows are `arun_batch` against the same flow written with
  `httpx.AsyncClient`, which, as `arun_batch` does, uploads the shards and creates their batches
  concurrently and sends the polls of a round concurrently. Every kind reads each answer's content,
  pauses 50 ms between rounds of polls and keeps all batches running at once. A batch says it is
  done at its third poll, which waits for its files, so every kind polls each batch 3 times. (When a
  batch was done as soon as its files were written, the async kinds, whose rounds of concurrent
  polls take less time, fitted about 3 times as many rounds into the server's work: at 1M requests
  `arun_batch` polled 1,705 times, `run_batch` 519; the runners poll alike against the same answers,
  `test_both_twins_poll_and_pause_alike`.) CPU is `time.process_time()` of the run's process from
  the first request read to the last result consumed (client creation included, imports not). Peak
  RSS is the process's VmHWM (the target is judged on the worst round); RSS after is VmRSS once the
  run returned, its results were consumed and it was closed. Every measure of every kind is in the
  "Batch runner" section below.
"""

SECTION_NOTES = """\
Medians over rounds; the CPU ratio is the median of the ratios paired by round to the flow written
by hand the same way (ours to httpx, ours async to httpx async; see the notes on the batch runner
above). RSS before run is VmRSS once the libraries were imported; polls are the batch retrievals
the server saw."""


def section(results: Sequence[SizeResult], when: str = "") -> str:
    """The results.md section with every measure of every kind; `when` says when it was measured, if
    not in the same run as the rest of the report (`bench.py --area batches`)."""
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    run = f"on {when} by `bench.py --area batches`" if when else "in the same run as the table above"
    lines = [
        "## Batch runner",
        "",
        f"Measured {run} (load average when the batch runs ended: {load}).",
        "",
        table(results),
        "",
        SECTION_NOTES,
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="one batch run, in this process (run by bench.py)")
    parser.add_argument("--worker", choices=KINDS, required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--count", type=int, required=True)
    args = parser.parse_args()
    worker(args.worker, args.url, args.count)


if __name__ == "__main__":
    main()
