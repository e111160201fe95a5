"""zai-sdk's `zai.core._streaming`, which programs import `StreamResponse` from: the SDK's `Stream`."""

from .._streaming import Stream

StreamResponse = Stream

__all__ = ["StreamResponse"]
