"""zai-sdk's `zai.core._errors`: the SDK's error classes (the same objects as `zai.<Name>`)."""

from .._exceptions import *  # noqa: F403
from .._exceptions import __all__ as __all__
