"""zai-sdk 0.2.3's `zai.core._errors` import path."""

from .._exceptions import *  # noqa: F403
from .._exceptions import __all__ as __all__
