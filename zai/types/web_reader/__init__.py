"""zai-sdk 0.2.3's `zai.types.web_reader` import path."""
