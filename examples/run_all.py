"""Run every example: against a local Z.ai-compatible server, or the real API when ZAI_API_KEY is set."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from zai.testing import FakeZai

EXAMPLES = [
    "chat.py",
    "streaming.py",
    "tool_calls.py",
    "deferred_chat.py",
    "thinking.py",
    "roleplay.py",
    "multimodal.py",
    "assistant.py",
    "embeddings.py",
    "images.py",
    "video.py",
    "transcription.py",
    "speech.py",
    "files.py",
    "batches.py",
    "web_search.py",
    "moderation.py",
]


def run(env: dict[str, str]) -> int:
    here = Path(__file__).parent
    failures = 0
    for name in EXAMPLES:
        print(f"\n===== examples/{name} =====", flush=True)
        result = subprocess.run([sys.executable, str(here / name)], env=env, check=False)
        failures += result.returncode != 0
    return failures


def main() -> None:
    env = dict(os.environ)
    if env.get("ZAI_API_KEY"):
        print(f"ZAI_API_KEY is set: calling the real API at {env.get('ZAI_BASE_URL', 'https://api.z.ai/api/paas/v4')}")
        failures = run(env)
    else:
        with FakeZai() as server:
            print(f"No ZAI_API_KEY: using the local Z.ai-compatible server at {server.base_url}")
            env.update(ZAI_API_KEY="demo-id.demo-secret", ZAI_BASE_URL=server.base_url)
            failures = run(env)
    if failures:
        sys.exit(f"\n{failures} example(s) failed")
    print("\nAll examples ran.")


if __name__ == "__main__":
    main()
