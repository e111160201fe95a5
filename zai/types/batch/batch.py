"""zai-sdk 0.2.3's import path for the models of batches."""

from zai_api.models.batch import Batch

__all__ = ["Batch"]
