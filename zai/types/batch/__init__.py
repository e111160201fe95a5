"""zai-sdk 0.2.3's `zai.types.batch` import path."""
