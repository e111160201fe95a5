"""zai-sdk's `zai.core._base_models`: the base class of every response model."""

from zai_api.types import BaseModel

__all__ = ["BaseModel"]
