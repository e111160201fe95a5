"""zai-sdk 0.2.3's import path for the models of streamed agent answers."""

from zai_api.models.agents_completion_chunk import AgentsCompletionChunk

__all__ = ["AgentsCompletionChunk"]
