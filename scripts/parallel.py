"""Run shell commands side by side, print each one's output when it ends, then a table of times.

    python scripts/parallel.py [-j N] "NAME=COMMAND" ["NAME=COMMAND" ...]

`make test` uses it to spread the pytest runs and the type checkers over the machine's cores: each
job's output is captured and printed whole when the job ends, so logs stay readable. Exit status 1
if any job failed (every job still runs to the end). When ZAI_STAGE_TIMES names a file, one
"NAME<TAB>SECONDS" line per job is appended to it for the summary at the end of `make test`.
Standard library only: it runs before any virtual environment exists.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed


def run(name: str, command: str) -> tuple[str, int, float, str]:
    start = time.monotonic()
    with tempfile.TemporaryFile() as log:
        status = subprocess.call(command, shell=True, stdout=log, stderr=subprocess.STDOUT)
        log.seek(0)
        output = log.read().decode(errors="replace")
    return name, status, time.monotonic() - start, output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="jobs at once (default: cores)")
    parser.add_argument("job", nargs="+", help='"NAME=COMMAND"')
    args = parser.parse_args()
    jobs = []
    for spec in args.job:
        name, sep, command = spec.partition("=")
        if not sep or not name or not command:
            parser.error(f"expected NAME=COMMAND, got {spec!r}")
        jobs.append((name, command))

    print(f"==> {', '.join(name for name, _ in jobs)} ({args.jobs} at a time)", flush=True)
    results = []
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run, name, command) for name, command in jobs]
        for future in as_completed(futures):
            name, status, seconds, output = future.result()
            verdict = "ok" if status == 0 else f"FAILED (exit {status})"
            print(f"==> {name}: {verdict} in {seconds:.0f} s", flush=True)
            sys.stdout.write(output if output.endswith("\n") or not output else output + "\n")
            sys.stdout.flush()
            results.append((name, status, seconds))

    times_file = os.environ.get("ZAI_STAGE_TIMES")
    if times_file:
        with open(times_file, "a", encoding="utf-8") as handle:
            for name, _, seconds in results:
                handle.write(f"  {name}\t{seconds:.0f}\n")
    failed = [name for name, status, _ in results if status != 0]
    if failed:
        print(f"==> failed: {', '.join(failed)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
