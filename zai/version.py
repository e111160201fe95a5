"""zai-sdk's `zai.version`: the package version."""

from ._version import __version__

VERSION: str = __version__

__all__ = ["VERSION", "__version__"]
