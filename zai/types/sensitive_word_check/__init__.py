"""zai-sdk's `zai.types.sensitive_word_check`: aliases of our generated models."""

from . import sensitive_word_check
from .sensitive_word_check import SensitiveWordCheckRequest

__all__ = ["SensitiveWordCheckRequest", "sensitive_word_check"]
