"""zai-sdk 0.2.3's `zai.types.file_parser` import path."""
