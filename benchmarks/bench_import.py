"""Import time and memory in fresh interpreters, and the generator's wall time."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

from bench_common import HERE, REPO, Samples, rotated

__all__ = ["NOTES", "generate_seconds", "import_samples"]


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
            wall.add(kind, seconds)
            rss.add(kind, mib)
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


NOTES = """\
- Import: wall time of `python -c "import <module>"` in a fresh interpreter, interpreter start-up
  included (nothing subtracted). Peak RSS is the child's VmHWM from `/proc/self/status` after the
  import (`ru_maxrss` is only the fallback: on Linux it keeps the peak of the process before
  `exec`, i.e. of the benchmark process that spawned the child).
- `make generate`: wall time of `scripts/generate.py --output <tmpdir>/zai_api` (median of runs).
"""
