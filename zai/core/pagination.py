"""zai-sdk's `zai.core.pagination`: the cursor page that list calls return."""

from .._pagination import AsyncCursorPage, SyncCursorPage

__all__ = ["AsyncCursorPage", "SyncCursorPage"]
