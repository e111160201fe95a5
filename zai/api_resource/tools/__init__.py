"""zai-sdk's `zai.api_resource.tools`: aliases of our generated resources."""

from . import tools
from .tools import Tools

__all__ = ["Tools", "tools"]
