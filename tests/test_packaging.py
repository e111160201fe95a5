"""What the sdist and the wheel hold: the license, the user part of the README, what `make test` needs."""

from __future__ import annotations

import re
import tarfile
import zipfile
from pathlib import Path

import pytest
from hatchling.builders.sdist import SdistBuilder
from hatchling.builders.wheel import WheelBuilder

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.exhaustive  # no version-specific code: the oldest and newest Python suffice

# What `make test` and `make demo` read, besides the packages and the tests.
MAKE_TEST_NEEDS = [
    "Makefile",
    "pyproject.toml",
    "pyrightconfig.json",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    "requirements/dev.txt",
    "requirements/test.txt",
    "requirements/typecheck.txt",
    "tools/package.json",
    "tools/package-lock.json",
    "scripts/find-python",
    "scripts/generate.py",
    "scripts/check_coverage.py",
    "scripts/hatch_build.py",
    "openapi/openapi.yaml",
    "openapi/redocly.yaml",
    "templates/types.py.jinja",
    "docs/testing.md",
    "examples/run_all.py",
    "benchmarks/bench.py",
    "tests/conftest.py",
    "tests/contract/__init__.py",
]


def files_the_makefile_names() -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.findall(r"(?:scripts|requirements|tools|openapi|benchmarks|tests|examples)/[\w./-]*\w", text)
    return sorted({name for name in found if (ROOT / name).is_file() and "node_modules" not in name})


def test_the_sdist_holds_what_make_test_needs(tmp_path: Path) -> None:
    path = next(iter(SdistBuilder(str(ROOT)).build(directory=str(tmp_path))))
    with tarfile.open(path) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert "scripts/find-python" in files_the_makefile_names()
    assert not [name for name in MAKE_TEST_NEEDS + files_the_makefile_names() if name not in names]
    assert not [name for name in names if name.startswith((".venv", "tools/node_modules", ".git/", ".ci/"))]


def test_the_wheel_has_the_license_and_the_user_readme(tmp_path: Path) -> None:
    path = next(iter(WheelBuilder(str(ROOT)).build(directory=str(tmp_path))))
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        metadata = archive.read(next(name for name in names if name.endswith(".dist-info/METADATA"))).decode()
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    assert "License-Expression: MIT" in metadata
    description = metadata.partition("\n\n")[2]
    assert description.startswith("# zai-sdk\n") and "## Two commands" in description
    assert description.rstrip().endswith("Changes are in [CHANGELOG.md](CHANGELOG.md).")
    assert "## Working on the SDK" not in description and "make test" not in description
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
