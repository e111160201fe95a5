"""Run the Dify ZhipuAI model plugin with zai-sdk 0.2.3 and with this SDK, and compare.

A manual check (dify_plugin is too heavy for `make test`); docs/migration.md says what it showed.

    .venvs/3.11/bin/python scripts/dify_plugin_compat.py --plugin-dir PATH/models/zhipuai

`PATH` is a checkout of langgenius/dify-official-plugins. The script builds two virtual
environments under /tmp (Python 3.12, as the plugin requires): `dify-side` with dify_plugin and
zai-sdk 0.2.3, `dify-ours` with dify_plugin and this checkout (editable). For each case it scripts
the same replies on a local `FakeZai`, runs scripts/dify_plugin_driver.py in both environments
(the plugin's LLM `invoke`, blocking and streaming, with tools, tool results and images, its
credential validation and its text embedding), and prints where the results, the chunks, the
usage, the errors and the requests the server received differ. It exits 1 on a difference not
listed in `EXPECTED`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zai.testing import SSE, FakeZai, Reply  # noqa: E402
from zai.testing._actions import Action  # noqa: E402

CHAT = "/paas/v4/chat/completions"
EMBED = "/paas/v4/embeddings"
DRIVER = Path(__file__).resolve().parent / "dify_plugin_driver.py"
BASE = {"id": "chatcmpl-1", "created": 1700000000, "model": "glm-4.7", "request_id": "req-1"}
USAGE = {"prompt_tokens": 12, "completion_tokens": 7, "total_tokens": 19}
CALL = {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Beijing"}'}}


def completion(message: dict[str, Any], finish: str = "stop") -> Reply:
    body = {**BASE, "choices": [{"index": 0, "finish_reason": finish, "message": message}], "usage": USAGE}
    return Reply(200, body)


def chunk(delta: dict[str, Any], finish: str | None = None, usage: dict[str, Any] | None = None) -> dict[str, Any]:
    event: dict[str, Any] = {**BASE, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    if usage is not None:
        event["usage"] = usage
    return event


def error(status: int, code: str, message: str) -> Reply:
    return Reply(status, {"error": {"code": code, "message": message}})


THINKING_STREAM = SSE(
    [
        chunk({"role": "assistant", "reasoning_content": "Think"}),
        chunk({"reasoning_content": "ing."}),
        chunk({"content": "Hi"}),
        chunk({"content": " there"}),
        chunk({"content": ""}, "stop", USAGE),
    ]
)
TOOL_STREAM = SSE(
    [
        chunk({"role": "assistant", "content": ""}),
        chunk({"tool_calls": [{"index": 0, **CALL}]}),
        chunk({}, "tool_calls", USAGE),
    ]
)
BOX_STREAM = SSE(
    [
        chunk({"role": "assistant", "content": "<|begin_of_box|>"}),
        chunk({"content": "A red dot"}),
        chunk({"content": "<|end_of_box|>"}),
        chunk({"content": ""}, "stop", USAGE),
    ]
)
ERROR_STREAM = SSE(
    [chunk({"role": "assistant", "content": "Hi"}), {"error": {"code": "1301", "message": "unsafe content"}}],
    done=False,
)

# case -> the replies scripted for it, by route, in order.
CASES: dict[str, dict[str, list[Action]]] = {
    "blocking": {CHAT: [completion({"role": "assistant", "content": "Hi.", "reasoning_content": "Short."})]},
    "blocking_tools": {CHAT: [completion({"role": "assistant", "content": "", "tool_calls": [CALL]}, "tool_calls")]},
    "blocking_tool_result": {CHAT: [completion({"role": "assistant", "content": "21 degrees."})]},
    "blocking_json_schema": {CHAT: [completion({"role": "assistant", "content": '{"a": 1}'})]},
    "stream": {CHAT: [THINKING_STREAM]},
    "stream_tools": {CHAT: [TOOL_STREAM]},
    "stream_tool_result": {CHAT: [THINKING_STREAM]},
    "vision_blocking": {CHAT: [completion({"role": "assistant", "content": "A red dot."})]},
    # GLM-4V may answer with a list of parts: the plugin's `text += content` fails alike with both.
    "vision_blocking_parts": {
        CHAT: [completion({"role": "assistant", "content": [{"type": "text", "text": "A red dot."}]})]
    },
    "vision_stream_box": {CHAT: [BOX_STREAM]},
    "error_400": {CHAT: [error(400, "1210", "bad parameter")]},
    "error_401_stream": {CHAT: [error(401, "1000", "authentication failed")]},
    "error_in_stream": {CHAT: [ERROR_STREAM]},
    "retry_503": {CHAT: [error(503, "1305", "busy"), completion({"role": "assistant", "content": "Hi."})]},
    "validate_llm": {CHAT: [completion({"role": "assistant", "content": "Hello!"})]},
    "validate_llm_401": {CHAT: [error(401, "1000", "authentication failed")]},
    "embedding": {},
    "validate_embedding": {},
    "validate_embedding_401": {EMBED: [error(401, "1000", "authentication failed")]},
}

# (pattern of a transcript path, what zai-sdk had there, what we have) -> why they differ, on purpose
# (each in docs/migration.md). A value `...` matches anything, a compiled pattern a string it matches.
EXPECTED: list[tuple[str, Any, Any, str]] = [
    (r"requests\[\d+\]\.body\.(thinking|response_format)", None, "<absent>", "unset arguments are not sent as null"),
    (
        r"(error|error\.cause)\.message",
        re.compile(r".*An error occurred during streaming.*"),
        re.compile(r".*\[\d+\] .*"),
        "an error inside a stream reads `[code] message` (the server's code and message)",
    ),
    (r"error\.type", "APIResponseError", "APIStreamError", "errors inside a stream are APIStreamError"),
]


def matches(rule: Any, value: Any) -> bool:
    if rule is ...:
        return True
    if isinstance(rule, re.Pattern):
        return isinstance(value, str) and rule.fullmatch(value) is not None
    return bool(rule == value)


def expected(path: str, theirs: Any, mine: Any) -> str | None:
    for pattern, left, right, why in EXPECTED:
        if re.fullmatch(pattern, path) and matches(left, theirs) and matches(right, mine):
            return why
    return None


def build(env: Path, *packages: str) -> Path:
    python = env / "bin" / "python"
    uv = ROOT / ".venv" / "bin" / "uv"
    if not python.exists():
        finder = ROOT / "scripts" / "find-python"
        base = subprocess.run([str(finder), "3.12"], capture_output=True, text=True, check=True).stdout.strip()
        subprocess.run([str(uv), "venv", "--quiet", "--python", base, str(env)], check=True)
    # Every run: an environment made from another checkout is pointed back at this one.
    subprocess.run([str(uv), "pip", "install", "--quiet", "--python", str(python), *packages], check=True)
    return python


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out or {prefix: {}}
    if isinstance(value, list):
        out = {}
        for index, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{index}]"))
        return out or {prefix: []}
    return {prefix: value}


def run_case(server: FakeZai, python: Path, plugin_dir: Path, case: str) -> dict[str, Any]:
    server.reset()
    for route, actions in CASES[case].items():
        server.script("POST", route, *actions)
    env = {**os.environ, "ZAI_BASE_URL": server.base_url, "PYTHONPATH": ""}
    result = subprocess.run(
        [str(python), "-I", str(DRIVER), case],
        cwd=plugin_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{case} failed with {python}:\n{result.stderr[-4000:]}")
    outcome: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    outcome["requests"] = [{"path": r.path, "body": json.loads(r.body) if r.body else None} for r in server.requests]
    return outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plugin-dir", type=Path, required=True, help="models/zhipuai of dify-official-plugins")
    parser.add_argument("--venvs", type=Path, default=Path("/tmp"), help="where to build the two environments")
    parser.add_argument("--case", action="append", help="run only these cases")
    parser.add_argument("--json", type=Path, help="write both transcripts here")
    args = parser.parse_args()
    plugin_dir = args.plugin_dir.resolve()
    common = ["dify_plugin==0.10.2", "pydantic>=2.13.4", "sniffio", "pyyaml"]
    side = build(args.venvs / "dify-side", *common, "zai-sdk==0.2.3")
    ours = build(args.venvs / "dify-ours", *common, "-e", str(ROOT))
    cases = args.case or list(CASES)
    transcripts: dict[str, dict[str, Any]] = {}
    unexpected = 0
    with FakeZai() as server:
        for case in cases:
            theirs, mine = run_case(server, side, plugin_dir, case), run_case(server, ours, plugin_dir, case)
            transcripts[case] = {"zai-sdk": theirs, "ours": mine}
            left, right = flatten(theirs), flatten(mine)
            diffs = sorted(p for p in set(left) | set(right) if left.get(p, "<absent>") != right.get(p, "<absent>"))
            print(f"{case}: {'identical' if not diffs else f'{len(diffs)} difference(s)'}")
            for path in diffs:
                theirs_at, mine_at = left.get(path, "<absent>"), right.get(path, "<absent>")
                why = expected(path, theirs_at, mine_at)
                unexpected += why is None
                print(f"  {path}: {why or 'UNEXPECTED'}\n    zai-sdk: {theirs_at!r}\n    ours:    {mine_at!r}")
    if args.json:
        args.json.write_text(json.dumps(transcripts, indent=2, sort_keys=True), encoding="utf-8")
    print(f"{len(cases)} cases, {unexpected} unexpected difference(s)")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
