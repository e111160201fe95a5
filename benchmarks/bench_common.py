"""What every benchmark area shares: names, the run's size, samples and their ratios, the local
server, the side environment, and the report table.

An area is a module (`bench_chat`, `bench_async`, `bench_import`, `bench_batches`) with a `measure(...)`
function returning `Samples` per measure and a `rows(...)` function turning them into report
`Row`s, plus a `NOTES` paragraph for the method section. `bench.py` runs the areas in turn.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

API_KEY = "bench-id.bench-secret"
MODEL = "glm-4.5"
BASELINE = "httpx"
OURS = "ours"
OFFICIAL = "zai-sdk 0.2.3"
OPENAI = "openai"
SIDE_KINDS = (OFFICIAL, OPENAI)
PACKAGES = {OFFICIAL: "zai-sdk", OPENAI: "openai"}  # distribution names in the side environment
MISSING_OPERATION = "n/a (operation missing)"


@dataclass(frozen=True)
class Config:
    """How much to measure (about 15 minutes on 2 cores, most of it the large bursts and the
    batch runs). `--quick` is a smoke run."""

    rounds: int = 11  # CPU measures: rounds, each with one sample of every client
    sample_seconds: float = 0.2  # CPU time of one sample: calls are repeated until it is reached
    chat_sizes: tuple[int, ...] = (1, 100, 1000)  # messages per chat request
    import_rounds: int = 15
    async_rounds: int = 9
    async_default_rounds: int = 3  # the informational row with each library's default pool
    async_bursts: int = 2  # bursts of CONCURRENCY calls per sample
    async_warmup: int = 3  # untimed bursts per client first
    # Bursts larger than the pool: (calls, rounds); each burst runs in a fresh process.
    bursts: tuple[tuple[int, int], ...] = ((1000, 3), (5000, 2), (20000, 1))
    stream_bursts: tuple[tuple[int, int], ...] = ((1000, 2),)
    # The batch runner: (requests, rounds); each run is a fresh process.
    batch_sizes: tuple[tuple[int, int], ...] = ((10_000, 5), (100_000, 3), (1_000_000, 1))
    generate_runs: int = 3

    @classmethod
    def quick(cls) -> Config:
        return cls(
            rounds=3,
            sample_seconds=0.05,
            import_rounds=3,
            async_rounds=2,
            async_default_rounds=1,
            bursts=((1000, 1),),
            stream_bursts=((200, 1),),
            batch_sizes=((1_000, 2), (10_000, 1)),
            generate_runs=1,
        )


# ---------------------------------------------------------------------------------------------------- statistics


@dataclass
class Samples:
    """One measure: per kind, one sample per round, or the reason the kind has none."""

    values: dict[str, list[float]] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)

    def add(self, kind: str, value: float) -> None:
        self.values.setdefault(kind, []).append(value)

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
    """The client measures of `kinds`, run by `bench.py --worker` in the side environment."""
    command = [str(python), str(HERE / "bench.py"), "--worker", "--base-url", base_url, "--kinds", ",".join(kinds)]
    done = subprocess.run(
        command + (["--quick"] if quick else []), cwd=HERE, capture_output=True, text=True, check=False, timeout=1200
    )
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return f"failed ({done.stderr.strip().splitlines()[-1:] or done.returncode})"
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return {key: Samples.from_json(value) for key, value in data.items()}


def side_ratio(side: dict[str, Samples] | str, key: str, kind: str, missing_kind: str | None) -> str:
    """The side environment's ratio for `kind` in measure `key`, as report text."""
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


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            model = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), model)
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return f"{platform.system()} {platform.release()}, {model}, {os.cpu_count()} CPUs, load average {load}"


# ---------------------------------------------------------------------------------------------------- report


@dataclass
class Row:
    """One line of the results table."""

    measure: str
    unit: str
    samples: Samples | None
    scale: float = 1.0  # seconds -> unit
    target: tuple[str, float] | None = None  # on the ratio: ("<=", 1.10) or (">=", 0.9)
    side: dict[str, str] = field(default_factory=dict)  # kind -> ratio text
    note: str = ""
    problem: str = ""  # shown instead of the verdict (e.g. calls that failed)
    limit: tuple[str, float] | None = None  # on ours' own value, in `unit`: ("<", 100.0), judged on the worst round

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
        if self.problem:
            return f"**{self.problem}**"
        if self.limit is not None:
            values = [] if self.samples is None else self.samples.values.get(OURS, [])
            if not values:
                return "n/a"
            op, bound = self.limit
            worst = max(values) * self.scale if op.startswith("<") else min(values) * self.scale
            return "met" if _holds(worst, op, bound) else "**missed**"
        ratio = self.ratio()
        if self.target is None:
            return ""
        if ratio is None:
            return "n/a"
        op, bound = self.target
        return "met" if _holds(ratio, op, bound) else "**missed**"

    def target_text(self) -> str:
        if self.limit is not None:
            return f"{_SIGNS[self.limit[0]]} {_number(self.limit[1])} {self.unit}"
        return "" if self.target is None else f"{_SIGNS[self.target[0]]} {self.target[1]:.2f}"


_SIGNS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥"}


def _holds(value: float, op: str, bound: float) -> bool:
    return {"<": value < bound, "<=": value <= bound, ">": value > bound, ">=": value >= bound}[op]


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if value >= 1 else f"{value:.3f}"


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
        target = row.target_text()
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
