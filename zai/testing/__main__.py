"""`python -m zai.testing [--port 8000]`: run the fake server until Ctrl-C.

It prints the base URL and the environment variables that point the SDK, the `zai` command and
the examples at it.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Sequence

from ._server import FakeZai

__all__ = ["main"]

KEY = "fake-id.fake-secret"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m zai.testing",
        description="Run a local Z.ai-compatible server (zai.testing.FakeZai) on 127.0.0.1 until Ctrl-C.",
    )
    parser.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000; 0: any free)")
    parser.add_argument(
        "--no-auth", action="store_true", help="accept requests without an Authorization header (default: refuse)"
    )
    parser.add_argument(
        "--pending-polls",
        type=int,
        default=1,
        metavar="N",
        help="polls that a new task or batch answers as still running (default: 1)",
    )
    args = parser.parse_args(argv)
    try:
        server = FakeZai(port=args.port, require_auth=not args.no_auth, pending_polls=args.pending_polls)
    except OSError as error:
        print(f"cannot listen on 127.0.0.1:{args.port}: {error.strerror or error} (try --port 0)", file=sys.stderr)
        return 1
    with server:
        print(f"Fake Z.ai server listening on {server.base_url}")
        print("Point the SDK, the zai command and the examples at it (any key works):")
        print(f"  export ZAI_BASE_URL={server.base_url}")
        print(f"  export ZAI_API_KEY={KEY}")
        print("Press Ctrl-C to stop it.", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
