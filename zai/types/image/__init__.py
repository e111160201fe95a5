"""zai-sdk 0.2.3's `zai.types.image` import path."""
