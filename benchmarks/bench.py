"""`make bench`: the SDK's client-side costs, as ratios to raw httpx + json measured in the same run.

Method
------
A local Z.ai-compatible server (`server.py`) runs in its own process and answers every request
with precomputed bytes, so its CPU never shows up in this process's `time.process_time()`.

- A measure's value is the median over rounds; its ratio is the median over rounds of the paired
  ratio (SDK / baseline in the same round, in an order that rotates between rounds), which cancels
  slow drifts of a shared machine.
- The measures live in one module per area: `bench_chat` (synchronous CPU: chat calls, stream
  chunks, embeddings), `bench_async` (async throughput: 200 at once, and bursts larger than the
  pool in fresh processes), `bench_import` (import time and memory, the generator's wall time),
  `bench_batches` (the batch runner at 10k, 100k and 1M requests against a hand-written flow, in
  fresh processes, with its own section in the results). `bench_common` holds what they share
  (samples, the server, the report table). A new area is a module with its measures, its rows and
  its notes, added to `main()` here.
- `--area batches` measures the batch runner only and puts its rows, notes and section in place in
  the existing results file (the rest of the report, and its date, stay those of the last full run).
- zai-sdk 0.2.3 (whose module is also `zai`) and openai live in a side environment,
  `benchmarks/.env`; this script runs itself there as a worker (`--worker`) with its own raw-httpx
  baseline and the same server, so their ratios are same-run too.

Usage: ``python benchmarks/bench.py [--quick] [--area all|batches] [--side-python PATH] [--dev-python PATH]``.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

import bench_async
import bench_batches
import bench_chat
import bench_import
import httpx
from bench_common import (
    BASELINE,
    HERE,
    OPENAI,
    OURS,
    PACKAGES,
    REPO,
    SIDE_KINDS,
    Config,
    LocalServer,
    Row,
    Samples,
    machine,
    run_side_worker,
    side_ratio,
    side_versions,
    table,
)

RESULTS = HERE / "results.md"

HEADER_NOTES = """\
How to read this: each ratio is ours / raw httpx measured in the same run (for CPU, memory and
import time, lower is better; for throughput, higher is better). The ratio is the median over
rounds of the paired ratio (SDK and baseline measured in the same round, in rotating order); the
min-max column shows how noisy the pairs were. The zai-sdk 0.2.3 and openai ratios come from a
worker in the side environment `benchmarks/.env`, against its own raw-httpx baseline, in the same
run and against the same server. The machine is shared: compare ratios, not absolute numbers.

- The server (`benchmarks/server.py`) is a separate process answering with precomputed bytes over
  HTTP/1.1 keep-alive; client CPU is `time.process_time()` of the benchmark process only. A CPU
  sample repeats calls until it has used {sample:g} s of CPU.
"""


def client_measures(kinds: Sequence[str], base_url: str, config: Config) -> dict[str, Samples]:
    """The in-process measures that have a side-environment counterpart, for the SDK kinds given."""
    results = bench_chat.client_measures(kinds, base_url, config)
    results.update(bench_async.throughput_measures(kinds, base_url, config))
    return results


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


def report(
    rows: Sequence[Row],
    versions: dict[str, str],
    side: dict[str, str] | str,
    config: Config,
    elapsed: float,
    sections: Sequence[str] = (),
) -> str:
    side_text = side if isinstance(side, str) else ", ".join(f"{k} {v}" for k, v in side.items())
    notes = HEADER_NOTES.format(sample=config.sample_seconds) + bench_chat.NOTES + bench_async.NOTES
    notes += bench_batches.NOTES + bench_import.NOTES
    bursts = ", ".join(f"{calls:,} x{rounds}" for calls, rounds in (*config.bursts, *config.stream_bursts))
    batches = ", ".join(f"{count:,} x{rounds}" for count, rounds in config.batch_sizes)
    return (
        "# zai-sdk benchmark\n\n"
        f"- date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}\n"
        f"- machine: {machine()}\n"
        f"- ours: zai-sdk {versions['zai']}, Python {versions['python']}, httpx {versions['httpx']}\n"
        f"- side environment: {side_text}\n"
        f"- rounds: {config.rounds} (CPU), {config.import_rounds} (import), {config.async_rounds} (async), "
        f"bursts {bursts}, batch runs {batches}; run time {elapsed:.0f} s\n\n"
        f"{table(rows)}\n\n{notes}" + "".join(f"\n{section}" for section in sections)
    )


def splice_batches(text: str, rows: Sequence[Row], notes: str, section: str) -> str:
    """`text` (a results file) with the batch runner's summary rows, notes and section replaced."""
    lines = text.split("\n")
    new_rows = table(rows).split("\n")[2:]
    row_at = [index for index, line in enumerate(lines) if line.startswith("| batch runner,")]
    notes_at = next((index for index, line in enumerate(lines) if line.startswith("- Batch runner:")), None)
    section_at = next((index for index, line in enumerate(lines) if line == "## Batch runner"), None)
    if not row_at or notes_at is None or section_at is None or row_at[-1] - row_at[0] + 1 != len(row_at):
        raise SystemExit("the results file has no batch runner rows, notes and section to replace: run it all")
    notes_end = notes_at + 1
    while notes_end < len(lines) and lines[notes_end].startswith("  "):
        notes_end += 1
    # From the end of the file backwards, so the earlier indexes stay right.
    lines[section_at:] = [*section.rstrip("\n").split("\n"), ""]
    lines[notes_at:notes_end] = notes.rstrip("\n").split("\n")
    lines[row_at[0] : row_at[-1] + 1] = new_rows
    return "\n".join(lines)


def batches_only(config: Config, output: Path) -> None:
    """`--area batches`: measure the batch runner and put its results in place in `output`."""
    print("==> the batch runner against a hand-written httpx flow (a fresh process each)", flush=True)
    batches = bench_batches.measure(config)
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    rows, section = bench_batches.rows(batches), bench_batches.section(batches, when=when)
    text = splice_batches(output.read_text(encoding="utf-8"), rows, bench_batches.NOTES, section)
    print()
    print(table(rows))
    print()
    print(section)
    output.write_text(text, encoding="utf-8")
    print(f"(put in place in {output})")


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the SDK against raw httpx (see the module docstring).")
    parser.add_argument("--quick", action="store_true", help="fewer rounds: a smoke run, not a measurement")
    parser.add_argument("--side-python", type=Path, default=HERE / ".env" / "bin" / "python")
    parser.add_argument("--dev-python", type=Path, default=REPO / ".venv" / "bin" / "python")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--area",
        choices=("all", "batches"),
        default="all",
        help="batches: measure the batch runner only and update its rows and section in --output",
    )
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
    if args.area == "batches":
        batches_only(config, args.output)
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
        print("==> async bursts larger than the pool: ours vs raw httpx (a fresh process each)", flush=True)
        bursts = bench_async.burst_measures(server.base_url, config)
    finally:
        server.stop()

    print("==> the batch runner against a hand-written httpx flow (a fresh process each)", flush=True)
    batches = bench_batches.measure(config)

    print("==> import time and peak RSS (fresh interpreters)", flush=True)
    commands = {BASELINE: (sys.executable, "httpx"), OURS: (sys.executable, "zai")}
    if installed:
        commands["side httpx"] = (str(side_python), "httpx")
        commands.update({kind: (str(side_python), "openai" if kind == OPENAI else "zai") for kind in installed})
    wall, rss = bench_import.import_samples(commands, config.import_rounds)

    print("==> make generate (full document, into a temporary folder)", flush=True)
    generated = bench_import.generate_seconds(dev_python, config.generate_runs)

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
        *bench_chat.rows(ours, config, sides),
        Row("`import` wall", "ms", wall, 1e3, ("<=", 1.25), sides("import", wall)),
        Row("peak RSS after import", "MiB", rss, 1.0, None, sides("rss", rss)),
        *bench_async.throughput_rows(ours, sides),
        *bench_async.burst_rows(bursts, config),
        *bench_batches.rows(batches),
        generate_row,
    ]
    elapsed = time.perf_counter() - started
    text = report(rows, versions, side, config, elapsed, [bench_batches.section(batches)])
    print()
    print(text)
    args.output.write_text(text, encoding="utf-8")
    print(f"(written to {args.output.relative_to(REPO) if args.output.is_relative_to(REPO) else args.output})")


if __name__ == "__main__":
    main()
