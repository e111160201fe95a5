"""`zai.types.fine_tuning` (zhipuai 2.x's path; zai-sdk 0.2.3 has no fine-tuning): aliases of the generated models."""
