"""zai-sdk's `zai.types.chat.code_geex`: aliases of our generated models."""

from . import code_geex_params

__all__ = ["code_geex_params"]
