"""zai-sdk's `zai.api_resource.agents`: aliases of our generated resources."""

from . import agents
from .agents import Agents

__all__ = ["Agents", "agents"]
