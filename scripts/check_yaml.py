"""Check that YAML files load identically with ruamel.yaml (YAML 1.2) and PyYAML (YAML 1.1).

    python scripts/check_yaml.py [FILE ...]     (default: openapi/openapi.yaml, openapi/drift-accepted.yaml)

The generator reads the document with ruamel; outside tools (linters, mock servers, users' scripts)
often read it with PyYAML, whose YAML 1.1 rules differ: `yes`/`no`/`on`/`off` are booleans, `1:30`
is a number, and a `?` inside a flow sequence (`[What can you do?]`) is a syntax error for its
pure-Python parser though not for its C one. Every loader must give the same values, types included.
Exits 1 on the first difference, with its location.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILES = (ROOT / "openapi" / "openapi.yaml", ROOT / "openapi" / "drift-accepted.yaml")


def loaders() -> dict[str, Callable[[str], Any]]:
    from ruamel.yaml import YAML  # noqa: PLC0415 (a development tool: the tests use difference() without it)

    result: dict[str, Callable[[str], Any]] = {
        "ruamel.yaml (safe, YAML 1.2)": YAML(typ="safe", pure=True).load,
        "PyYAML SafeLoader (pure Python)": lambda text: yaml.load(text, Loader=yaml.SafeLoader),
    }
    if hasattr(yaml, "CSafeLoader"):
        result["PyYAML CSafeLoader (libyaml)"] = lambda text: yaml.load(text, Loader=yaml.CSafeLoader)
    return result


def difference(left: Any, right: Any, where: str = "") -> str | None:
    """The first place where two loaded documents differ (values and their types), or None."""
    if type(left) is not type(right):
        return f"{where or '/'}: {type(left).__name__} {left!r:.60} != {type(right).__name__} {right!r:.60}"
    if isinstance(left, dict):
        for key in left.keys() | right.keys():
            if key not in left or key not in right:
                return f"{where}/{key}: present in only one"
            found = difference(left[key], right[key], f"{where}/{key}")
            if found:
                return found
        return None
    if isinstance(left, list):
        if len(left) != len(right):
            return f"{where}: {len(left)} items != {len(right)} items"
        for index, (a, b) in enumerate(zip(left, right)):
            found = difference(a, b, f"{where}[{index}]")
            if found:
                return found
        return None
    return None if left == right else f"{where}: {left!r:.60} != {right!r:.60}"


def check(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    loaded: dict[str, Any] = {}
    problems = []
    for name, load in loaders().items():
        try:
            loaded[name] = load(text)
        except Exception as error:  # any loader's failure is the finding
            problems.append(f"{path.name}: {name} cannot load it: {' '.join(str(error).split())}")
    names = list(loaded)
    for name in names[1:]:
        found = difference(loaded[names[0]], loaded[name])
        if found:
            problems.append(f"{path.name}: {names[0]} and {name} differ at {found}")
    return problems


def main(argv: list[str]) -> int:
    files = [Path(arg) for arg in argv] or list(DEFAULT_FILES)
    problems = [problem for path in files for problem in check(path)]
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"{', '.join(path.name for path in files)}: identical with {len(loaders())} YAML loaders")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
