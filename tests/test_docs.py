"""Every Python block of README.md and docs/*.md runs against the fake server, as a reader would run it.

How a page runs: its blocks are executed in order in one namespace (a later block may use what an
earlier one defined, as a reader keeps one session), in a folder holding the small files the pages
name (`requests.jsonl`, `meeting.wav`, ...), with `ZAI_API_KEY` and `ZAI_BASE_URL` pointing at the
session's `FakeZai`, and with the waits of `wait()` helpers and retries skipped. `client` is
`ZaiClient()` in every block, the client the pages say their snippets assume (a block that shows
another configuration does not change it for the next blocks), and `messages` starts as a
one-message conversation, for the snippets about other things that pass one along; a block that awaits at top level,
written for an async session, runs in an event loop with `client = AsyncZaiClient()`. Functions
named `test_*` that a page defines are then run: those without arguments directly, and the pages
in `PYTEST_PAGES` (pytest fixtures and all) by pytest itself.

A block that cannot run against the fake starts with a `# not run:` comment saying why; every
such block is listed in `NOT_RUN`, so that the list is reviewed when it changes.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import gc
import inspect
import io
import json
import logging
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import KEY
from zai import AsyncZaiClient, ZaiClient
from zai.testing import FakeZai
from zai.testing._examples import BINARY_BODY

pytest_plugins = ["pytester"]
pytestmark = pytest.mark.exhaustive  # no version-specific code: the oldest and newest Python suffice

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["README.md", *sorted(str(path.relative_to(ROOT)) for path in (ROOT / "docs").glob("*.md"))]

PYTEST_PAGES = {"docs/testing.md"}
MARK = "# not run:"

# (page, reason) of every block marked as not runnable.
NOT_RUN = {
    ("docs/low-level.md", "the generated client on its own, with the real API's URL and your key"),
}

BATCH_LINE = {
    "custom_id": "q1",
    "method": "POST",
    "url": "/v4/chat/completions",
    "body": {"model": "glm-5.2", "messages": [{"role": "user", "content": "What is the capital of France?"}]},
}
FILES = {
    "requests.jsonl": (json.dumps(BATCH_LINE) + "\n").encode(),
    "questions.jsonl": (json.dumps(BATCH_LINE) + "\n").encode(),
    "train.jsonl": b'{"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]}\n',
    "meeting.wav": BINARY_BODY,
    "my-voice.wav": BINARY_BODY,
    "note.jpg": b"\xff\xd8\xff\xe0 a JPEG",
    "report.pdf": b"%PDF-1.4 a report",
    "invoice.png": b"\x89PNG an invoice",
    "handbook.pdf": b"%PDF-1.4 a handbook",
    "faq.docx": b"PK a document",
}


def blocks(page: str) -> list[tuple[int, str]]:
    """The page's Python blocks: (line number of the first code line, code)."""
    text = (ROOT / page).read_text(encoding="utf-8")
    found: list[tuple[int, str]] = []
    for match in re.finditer(r"^```python\n(.*?)^```", text, flags=re.S | re.M):
        found.append((text.count("\n", 0, match.start()) + 2, match.group(1)))
    return found


def marked(page: str) -> set[tuple[str, str]]:
    return {(page, code.splitlines()[0][len(MARK) :].strip()) for _, code in blocks(page) if code.startswith(MARK)}


def test_the_blocks_marked_not_run_are_listed() -> None:
    assert set().union(*(marked(page) for page in PAGES)) == NOT_RUN


@pytest.fixture
def reader(server: FakeZai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sleeps: list[float]) -> Iterator[Path]:
    """A folder with the pages' files, an environment that points the SDK at the fake, and logging
    as it was afterwards (a page shows how to turn the SDK's logs on)."""
    for name, content in FILES.items():
        (tmp_path / name).write_bytes(content)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ZAI_API_KEY", KEY)
    monkeypatch.setenv("ZAI_BASE_URL", server.base_url)
    loggers = [logging.getLogger(), logging.getLogger("zai")]
    saved = [(logger.level, logger.handlers[:]) for logger in loggers]
    yield tmp_path
    for logger, (level, handlers) in zip(loggers, saved):
        logger.setLevel(level)
        logger.handlers[:] = handlers


async def run_async(compiled: Any, namespace: dict[str, Any]) -> None:
    """A block written for an async session (top-level `await`): `client` is an `AsyncZaiClient()`."""
    async with AsyncZaiClient() as client:
        namespace["client"] = client
        await eval(compiled, namespace)


@pytest.mark.parametrize("page", sorted(page for page in set(PAGES) - PYTEST_PAGES if blocks(page)))
def test_page_runs(page: str, reader: Path) -> None:
    namespace: dict[str, Any] = {"__name__": f"docs_{Path(page).stem}", "messages": [{"role": "user", "content": "Hi"}]}
    # Snippets create clients and never close them, as readers do: that is not what this test checks.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        with ZaiClient() as client, contextlib.redirect_stdout(io.StringIO()):
            for line, code in blocks(page):
                if code.startswith(MARK):
                    continue
                namespace["client"] = client  # a block that shows another configuration does not change it
                flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
                compiled = compile("\n" * (line - 1) + code, str(ROOT / page), "exec", flags=flags)
                if compiled.co_flags & inspect.CO_COROUTINE:
                    asyncio.run(run_async(compiled, namespace))
                else:
                    exec(compiled, namespace)
            for name, value in list(namespace.items()):
                if name.startswith("test_") and callable(value) and not inspect.signature(value).parameters:
                    value()
        namespace.clear()
        gc.collect()


@pytest.mark.parametrize("page", sorted(PYTEST_PAGES))
def test_pytest_page_passes(page: str, reader: Path, pytester: pytest.Pytester) -> None:
    code = "\n\n".join(code for _, code in blocks(page) if not code.startswith(MARK))
    pytester.makepyfile(**{f"test_{Path(page).stem}": code})
    options = ["-q", "-p", "no:cacheprovider", "-W", "error", "-o", "asyncio_default_fixture_loop_scope=function"]
    result = pytester.runpytest_inprocess(*options)
    result.assert_outcomes(passed=len(re.findall(r"^(?:async )?def test_", code, flags=re.M)))
