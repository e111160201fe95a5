"""zai-sdk's `zai.types.agents.agents_completion_chunk`: aliases of our generated models."""

from zai_api.models.agent_chunk_choice import AgentChunkChoice as AgentsChoice
from zai_api.models.agent_error import AgentError as AgentsError
from zai_api.models.agent_output_message import AgentOutputMessage as AgentsChoiceDelta
from zai_api.models.agent_usage import AgentUsage as AgentsCompletionUsage
from zai_api.models.agents_completion_chunk import AgentsCompletionChunk
from zai_api.types import BaseModel

__all__ = [
    "AgentsChoice",
    "AgentsChoiceDelta",
    "AgentsCompletionChunk",
    "AgentsCompletionUsage",
    "AgentsError",
    "BaseModel",
]
