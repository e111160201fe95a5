"""zai-sdk 0.2.3's `zai.types` import paths: aliases of the generated models in `zai_api.models`."""
