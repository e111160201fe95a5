"""zai-sdk's `zai.types.sensitive_word_check.sensitive_word_check`: aliases of our generated models."""

from zai_api.models.sensitive_word_check import SensitiveWordCheckParam as SensitiveWordCheckRequest

__all__ = ["SensitiveWordCheckRequest"]
