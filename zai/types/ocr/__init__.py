"""zai-sdk 0.2.3's `zai.types.ocr` import path."""
