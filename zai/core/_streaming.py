"""zai-sdk's `zai.core._streaming`: `StreamResponse`, which programs import from here to annotate streams.

The same object as `zai.core.StreamResponse` (`zai.Stream`). zai-sdk's SSE parser, also in this module
there, is private: this SDK has one SSE decoder (`zai._sse`).
"""

from . import StreamResponse

__all__ = ["StreamResponse"]
