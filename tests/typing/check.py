"""The type test suite: correct programs must check clean, and each marked wrong call must be reported.

    python tests/typing/check.py [--mypy PATH] [--pyright PATH] [--only mypy|pyright]

`good_*.py` are programs that must type-check with no diagnostic, and so must the README's Python
examples. In `bad_*.py` every line ending in `# type-error` is one mistake, which each checker must
report with exactly one error on that line; no other line may get one. An error is one (line, rule)
pair: pyright's `reportUnknown*` diagnostics next to another error on the same line are its
consequence (the failed expression's type is Unknown), not a second error, and so is the
`reportArgumentType` detail pyright may add to its "no overloads match" (`reportCallIssue`).

mypy --strict and pyright --strict (the project's settings: pyproject.toml, pyrightconfig.json) each
run once over all the files. `make typetest` runs this; it is not a pytest module, so it runs once,
not once per Python.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MARKER = "# type-error"
README_PRELUDE = """\
# One of the README's Python examples, after the names the examples assume. Snippets may import a
# name only to show it: unused names are not type errors.
# pyright: reportUnusedImport=false, reportUnusedVariable=false
from __future__ import annotations

from pathlib import Path

from zai import ZaiClient
from zai.types.chat import ChatCompletionMessageParam

client = ZaiClient()
messages: list[ChatCompletionMessageParam] = [{"role": "user", "content": "Hi"}]
"""

# pyright rules that only repeat, on the same line, that an expression's type is unknown.
CONSEQUENCES = {
    "reportUnknownMemberType",
    "reportUnknownVariableType",
    "reportUnknownArgumentType",
    "reportUnknownParameterType",
    "reportUnknownLambdaType",
}

# file -> line -> the rules (mypy error codes, pyright rules) reported there
Errors = dict[Path, dict[int, set[str]]]


def readme_examples(target: Path) -> list[Path]:
    """Write each of the README's ```python blocks into a module of its own."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)
    paths = []
    for number, block in enumerate(blocks, 1):
        path = target / f"readme_example_{number}.py"
        path.write_text(README_PRELUDE + "\n" + block, encoding="utf-8")
        paths.append(path)
    return paths


def expected(path: Path) -> set[int]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {number for number, line in enumerate(lines, 1) if line.rstrip().endswith(MARKER)}


def run_mypy(mypy: str, files: list[Path]) -> tuple[Errors, list[str], float]:
    started = time.monotonic()
    result = subprocess.run(
        [mypy, "--no-error-summary", "--hide-error-context", *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    elapsed = time.monotonic() - started
    errors: Errors = {}
    messages: list[str] = []
    for line in result.stdout.splitlines():
        match = re.match(r"^(.+?):(\d+): error: .*?(?:\[([a-z-]+)\])?$", line)
        if match:
            path = (ROOT / match.group(1)).resolve()
            errors.setdefault(path, {}).setdefault(int(match.group(2)), set()).add(match.group(3) or line)
            messages.append(line)
    if result.returncode not in (0, 1) or (result.returncode == 1 and not errors):
        raise SystemExit(f"mypy failed:\n{result.stdout}{result.stderr}")
    return errors, messages, elapsed


def run_pyright(pyright: str, files: list[Path]) -> tuple[Errors, list[str], float]:
    started = time.monotonic()
    result = subprocess.run([pyright, "--outputjson", *map(str, files)], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    try:
        report = json.loads(result.stdout)
    except ValueError:
        raise SystemExit(f"pyright failed:\n{result.stdout}{result.stderr}") from None
    errors: Errors = {}
    messages: list[str] = []
    for diagnostic in report["generalDiagnostics"]:
        if diagnostic["severity"] not in ("error", "warning"):
            continue
        path = Path(diagnostic["file"]).resolve()
        line = diagnostic["range"]["start"]["line"] + 1
        rule = diagnostic.get("rule") or diagnostic["message"]
        errors.setdefault(path, {}).setdefault(line, set()).add(rule)
        messages.append(f"{path}:{line}: {diagnostic['message'].splitlines()[0]} [{rule}]")
    for lines in errors.values():
        for rules in lines.values():
            if rules - CONSEQUENCES:
                rules -= CONSEQUENCES
            if {"reportCallIssue", "reportArgumentType"} <= rules:  # "no overload matches", and why
                rules.discard("reportArgumentType")
    return errors, messages, elapsed


def compare(name: str, errors: Errors, messages: list[str], files: list[Path]) -> tuple[int, int, int, list[str]]:
    """(mistakes reported, mistakes in all, false errors, problems) for one checker."""
    problems: list[str] = []
    caught = total = false = 0
    for path in files:
        marked = expected(path)
        found = {line: len(rules) for line, rules in errors.pop(path, {}).items()}
        total += len(marked)
        for line in sorted(marked):
            count = found.get(line, 0)
            caught += count >= 1
            if count != 1:
                problems.append(f"{name}: {path.name}:{line}: expected 1 error, got {count}")
        for line, count in sorted(found.items()):
            if line not in marked:
                false += count
                problems.append(f"{name}: {path.name}:{line}: unexpected error")
    for path, lines in errors.items():  # errors in the modules the programs import
        count = sum(len(rules) for rules in lines.values())
        false += count
        problems.append(f"{name}: {path}: {count} unexpected error(s)")
    if problems:
        problems.extend(f"  {message}" for message in messages)
    return caught, total, false, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mypy", default=str(ROOT / ".venvs/3.9/bin/mypy"))
    parser.add_argument("--pyright", default=str(ROOT / "tools/node_modules/.bin/pyright"))
    parser.add_argument("--only", choices=("mypy", "pyright"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = sorted(HERE.glob("good_*.py")) + sorted(HERE.glob("bad_*.py")) + readme_examples(Path(tmp))
        files = [path.resolve() for path in files]
        good = sum(1 for path in files if not expected(path))
        status = 0
        checkers = {"mypy": (run_mypy, args.mypy), "pyright": (run_pyright, args.pyright)}
        for name, (run, executable) in checkers.items():
            if args.only and args.only != name:
                continue
            errors, messages, elapsed = run(executable, files)
            caught, total, false, problems = compare(name, errors, messages, files)
            print(
                f"{name}: {caught}/{total} wrong calls reported, {false} false error(s) "
                f"({good} correct programs), {elapsed:.1f} s"
            )
            if problems:
                status = 1
                print("\n".join(problems))
    return status


if __name__ == "__main__":
    sys.exit(main())
