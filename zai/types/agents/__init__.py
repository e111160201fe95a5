"""zai-sdk's `zai.types.agents`: aliases of our generated models."""

from . import agents_completion, agents_completion_chunk, chat_completions_create_param
from .agents_completion import AgentsCompletion, AgentsCompletionUsage, AgentsError
from .agents_completion_chunk import AgentsChoice, AgentsChoiceDelta, AgentsCompletionChunk
from .agents_completion_chunk import AgentsCompletionUsage as AgentsCompletionChunkUsage
from .chat_completions_create_param import Reference

__all__ = [
    "AgentsChoice",
    "AgentsChoiceDelta",
    "AgentsCompletion",
    "AgentsCompletionChunk",
    "AgentsCompletionChunkUsage",
    "AgentsCompletionUsage",
    "AgentsError",
    "Reference",
    "agents_completion",
    "agents_completion_chunk",
    "chat_completions_create_param",
]
