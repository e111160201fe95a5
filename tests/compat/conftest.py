"""The side environment: zai-sdk 0.2.3 (with pydantic 2 and openai), for side-by-side tests.

zai-sdk installs a module named `zai`, like ours, so it lives in its own virtual environment
(`benchmarks/.env`, made by `make benchmarks/.env/.ok`). Its interpreter is `ZAI_SDK_PYTHON`, or
`benchmarks/.env/bin/python` when that variable is not set. When neither exists the tests here are
skipped, unless `ZAI_COMPAT_TESTS=1` (set by `make compat`), where a missing side environment is a
failure. These tests run once, on one Python, in `make compat`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_SIDE_PYTHON = ROOT / "benchmarks" / ".env" / "bin" / "python"


def side_python() -> Path:
    path = Path(os.environ.get("ZAI_SDK_PYTHON") or DEFAULT_SIDE_PYTHON).absolute()  # not resolved: a venv
    if not path.exists():
        message = f"zai-sdk 0.2.3's side environment is missing ({path}); run `make benchmarks/.env/.ok`"
        if os.environ.get("ZAI_COMPAT_TESTS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


def run_side(script: Path, *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120) -> str:
    """Run `script` with zai-sdk's interpreter, isolated from our checkout, and return its stdout.

    `-I` keeps our tree off `sys.path` (zai-sdk and we share the module name `zai`); `cwd` must be a
    directory without a `zai/` folder.
    """
    command = [str(side_python()), "-I", str(script), *args]
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return result.stdout


def run_ours(script: Path, *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120) -> str:
    """Run `script` with our interpreter (this test run's), with our package importable."""
    full_env = dict(env if env is not None else os.environ)
    full_env["PYTHONPATH"] = os.pathsep.join([str(ROOT), full_env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    command = [sys.executable, str(script), *args]
    result = subprocess.run(
        command, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-4000:]}")
    return result.stdout


@pytest.fixture(scope="session")
def zai_sdk_surface(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """zai-sdk 0.2.3's import surface, listed by its own interpreter (see zai_sdk_surface.py)."""
    output = run_side(HERE / "zai_sdk_surface.py", cwd=tmp_path_factory.mktemp("side"))
    surface: dict[str, Any] = json.loads(output)
    assert surface["version"] == "0.2.3", surface["file"]
    return surface
