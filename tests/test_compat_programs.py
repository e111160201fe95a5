"""What programs written against zai-sdk 0.2.3 by other people do, found by running such programs
side by side with zai-sdk (tests/compat runs the same behaviours against zai-sdk itself).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_stream_response_imports_from_zai_sdk_private_streaming_module() -> None:
    # Programs annotate streams with `cast("StreamResponse[ChatCompletionChunk]", ...)` after
    # `from zai.core._streaming import StreamResponse`.
    program = textwrap.dedent(
        """
        from typing import cast
        import zai
        from zai.core._streaming import StreamResponse
        from zai.types.chat import ChatCompletionChunk

        assert StreamResponse is zai.core.StreamResponse is zai.Stream
        assert StreamResponse[ChatCompletionChunk] is not None
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
