"""Prism, the OpenAPI mock server, started and stopped by the contract test session.

`prism mock openapi/openapi.yaml` runs on a free port of 127.0.0.1 with `--errors`: a request that
violates the document is answered 422 (with the violations in the `sl-violations` header) instead
of being served with a logged warning. Prism mounts the document's paths at its root, so the SDK's
`base_url` is `http://127.0.0.1:PORT/paas/v4` and the operations outside `/paas/v4` go to the root.

The binary is `tools/node_modules/.bin/prism` (pinned in `tools/package.json`, installed by
`make tools/node_modules/.ok`). When it (or Node) is missing the tests are skipped, unless
`ZAI_CONTRACT_TESTS=1` (set by `make contract`), where a missing Prism is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRISM = ROOT / "tools" / "node_modules" / ".bin" / "prism"
SPEC = ROOT / "openapi" / "openapi.yaml"
START_TIMEOUT = 60.0
ATTEMPTS = 3  # a free port can be taken between finding it and Prism binding it


@dataclass(frozen=True)
class Prism:
    url: str  # http://127.0.0.1:PORT, where the document's paths are mounted
    log: Path  # everything Prism printed

    @property
    def base_url(self) -> str:
        """What an SDK client is configured with: the `/paas/v4` endpoint."""
        return self.url + "/paas/v4"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_listening(process: subprocess.Popen[bytes], log: Path, port: int) -> bool:
    """True once Prism listens on `port`; False if it exited because the port was taken."""
    banner = f"Prism is listening on http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        output = log.read_text(encoding="utf-8", errors="replace")
        if process.poll() is not None:
            if "EADDRINUSE" in output:
                return False
            pytest.fail(f"Prism exited with status {process.returncode} before listening:\n{output}", pytrace=False)
        if banner in output:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
            except OSError:
                pass
            else:
                return True
        time.sleep(0.1)
    _stop(process)
    output = log.read_text(encoding="utf-8", errors="replace")
    pytest.fail(f"Prism did not listen on port {port} within {START_TIMEOUT:.0f} s:\n{output}", pytrace=False)


@pytest.fixture(scope="session")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prism]:
    missing = [
        what
        for what, present in ((str(PRISM.relative_to(ROOT)), PRISM.exists()), ("node", shutil.which("node")))
        if not present
    ]
    if missing:
        reason = (
            f"Prism cannot run ({' and '.join(missing)} not found): "
            "run `make tools/node_modules/.ok`, or `make contract` to install it and run these tests"
        )
        if os.environ.get("ZAI_CONTRACT_TESTS") == "1":
            pytest.fail(f"ZAI_CONTRACT_TESTS=1 but {reason}", pytrace=False)
        pytest.skip(reason)

    directory = tmp_path_factory.mktemp("prism")
    for _ in range(ATTEMPTS):
        port = _free_port()
        log = directory / f"prism-{port}.log"
        command = [str(PRISM), "mock", str(SPEC), "-h", "127.0.0.1", "-p", str(port), "--errors"]
        with log.open("wb") as output:
            process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=output, stderr=output)
        try:
            if _wait_until_listening(process, log, port):
                yield Prism(f"http://127.0.0.1:{port}", log)
                return
        finally:
            _stop(process)
    pytest.fail(f"Prism could not bind a free port in {ATTEMPTS} attempts", pytrace=False)


@pytest.fixture(autouse=True)
def _fresh_server() -> None:
    """Replaces tests/conftest.py's fixture of the same name: the in-process fake server is not used here."""
