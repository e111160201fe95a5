"""zai-sdk's `zai.types.agents.agents_completion`: aliases of our generated models."""

from zai_api.models.agent_choice import AgentChoice as AgentsCompletionChoice
from zai_api.models.agent_error import AgentError as AgentsError
from zai_api.models.agent_output_message import AgentOutputMessage as AgentsCompletionMessage
from zai_api.models.agent_usage import AgentUsage as AgentsCompletionUsage
from zai_api.models.agents_completion import AgentsCompletion
from zai_api.types import BaseModel

__all__ = [
    "AgentsCompletion",
    "AgentsCompletionChoice",
    "AgentsCompletionMessage",
    "AgentsCompletionUsage",
    "AgentsError",
    "BaseModel",
]
