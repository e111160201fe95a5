"""zai-sdk's `zai.types.chat.code_geex.code_geex_params`: aliases of our generated models."""

from zai_api.models.code_geex_extra import CodeGeexExtraParam as CodeGeexExtra
from zai_api.models.code_geex_extra_contexts_item import CodeGeexExtraContextsItemParam as CodeGeexContext
from zai_api.models.code_geex_extra_target import CodeGeexExtraTargetParam as CodeGeexTarget

__all__ = ["CodeGeexContext", "CodeGeexExtra", "CodeGeexTarget"]
