"""zai-sdk's `zai.api_resource.agents.agents`: aliases of our generated resources."""

from zai.core import StreamResponse
from zai.core._base_type import Body, Headers
from zai.types.agents.agents_completion import AgentsCompletion
from zai.types.agents.agents_completion_chunk import AgentsCompletionChunk
from zai.types.sensitive_word_check.sensitive_word_check import SensitiveWordCheckRequest
from zai_api.api.agents import Agents
from zai_api.types import NOT_GIVEN, NotGiven

__all__ = [
    "Agents",
    "AgentsCompletion",
    "AgentsCompletionChunk",
    "Body",
    "Headers",
    "NOT_GIVEN",
    "NotGiven",
    "SensitiveWordCheckRequest",
    "StreamResponse",
]
