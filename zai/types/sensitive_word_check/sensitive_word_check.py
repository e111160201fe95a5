"""zai-sdk 0.2.3's import path for the models of content-safety options."""

from zai_api.models.sensitive_word_check import SensitiveWordCheckParam as SensitiveWordCheckRequest

__all__ = ["SensitiveWordCheckRequest"]
