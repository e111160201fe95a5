"""zai-sdk 0.2.3's import path for the models of agent answers."""

from zai_api.models.agents_completion import AgentsCompletion

__all__ = ["AgentsCompletion"]
