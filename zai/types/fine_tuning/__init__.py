"""zai-sdk 0.2.3's `zai.types.fine_tuning` import path."""
