"""Merge OpenAPI fragments (paths, components, tags) into the document, refusing any overlap.

    python scripts/merge_fragment.py FRAGMENT.yaml [FRAGMENT.yaml ...] --out merged.yaml [--in-place]

A fragment is a YAML mapping with any of `tags`, `paths` and `components` (schemas, responses,
parameters). Used to try a new group of operations before it is folded into openapi/openapi.yaml.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "openapi.yaml"


def merge(document: dict[str, Any], fragment: dict[str, Any], name: str) -> list[str]:
    problems = []
    known_tags = {tag["name"] for tag in document.setdefault("tags", [])}
    for tag in fragment.get("tags", []):
        if tag["name"] in known_tags:
            problems.append(f"{name}: tag {tag['name']} already exists")
        else:
            document["tags"].append(tag)
    for path, item in (fragment.get("paths") or {}).items():
        target = document.setdefault("paths", {}).setdefault(path, {})
        for method, operation in item.items():
            if method in target:
                problems.append(f"{name}: {method.upper()} {path} already exists")
            target[method] = operation
    for section, entries in (fragment.get("components") or {}).items():
        target = document.setdefault("components", {}).setdefault(section, {})
        for key, value in entries.items():
            if key in target and target[key] != value:
                problems.append(f"{name}: components/{section}/{key} already exists with other content")
            target[key] = value
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("fragments", nargs="+", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--in-place", action="store_true", help="write the result to openapi/openapi.yaml")
    args = parser.parse_args()
    yaml = YAML()
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    document = yaml.load(SPEC.read_text(encoding="utf-8"))
    problems: list[str] = []
    for fragment_path in args.fragments:
        problems += merge(document, yaml.load(fragment_path.read_text(encoding="utf-8")), fragment_path.name)
    if problems:
        sys.exit("\n".join(problems))
    out = SPEC if args.in_place else args.out
    if out is None:
        sys.exit("give --out or --in-place")
    with out.open("w", encoding="utf-8") as handle:
        yaml.dump(document, handle)


if __name__ == "__main__":
    main()
