"""zai-sdk 0.2.3's `zai.types.sensitive_word_check` import path."""
