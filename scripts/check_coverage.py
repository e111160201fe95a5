"""List the known Z.ai operations that openapi/openapi.yaml does not describe.

    python scripts/check_coverage.py

`openapi/operations.txt` lists every known operation (the upstream BigModel document's and the
ones SDKs call outside it). Each must be in our document, or in EXCLUDED below with the reason.
Path parameter names are ignored (`{taskId}` and `{task_id}` are the same path). Exits non-zero
when an operation is missing or an exclusion is stale.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
METHODS = ("get", "put", "post", "delete", "patch")

# The one place where operations are left out on purpose.
EXCLUDED = {
    "POST /anthropic/v1/messages": "the Anthropic-compatible surface is another protocol, for Anthropic clients",
    "GET /anthropic/v1/models": "the Anthropic-compatible surface is another protocol, for Anthropic clients",
    "GET /paas/v4/files/{}": "file metadata by id is not served (both official SDKs comment it out)",
}


def normalise(method: str, path: str) -> str:
    return f"{method.upper()} {re.sub(r'{[^}]*}', '{}', path)}"


def main() -> int:
    known = []
    for line in (ROOT / "openapi" / "operations.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            method, path, _source = line.split()
            known.append(normalise(method, path))
    document = YAML(typ="safe").load((ROOT / "openapi" / "openapi.yaml").read_text(encoding="utf-8"))
    described = {
        normalise(method, path) for path, item in document["paths"].items() for method in METHODS if method in item
    }
    missing = [operation for operation in known if operation not in described and operation not in EXCLUDED]
    stale = [operation for operation in EXCLUDED if operation in described or operation not in known]
    for operation in missing:
        print(f"missing: {operation}")
    for operation in stale:
        print(f"stale exclusion: {operation}")
    covered = len([operation for operation in known if operation in described])
    print(f"{covered} of {len(known)} known operations described, {len(EXCLUDED)} excluded, {len(missing)} missing")
    return 1 if missing or stale else 0


if __name__ == "__main__":
    sys.exit(main())
