"""Cursor pages: a list response that can fetch the pages after it.

Iterating a page yields every item of this page and of the pages after it, fetched on demand with
the cursor parameter set to the last item's id, until a page is empty or says it has no more.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Iterator
from typing import TYPE_CHECKING, Any, Callable, Generic, TypeVar

__all__ = ["AsyncCursorPage", "SyncCursorPage"]

T = TypeVar("T")


def _has_more(page: Any) -> bool | None:
    value = page.get("has_more") if hasattr(page, "get") else None
    return value if isinstance(value, bool) else None


def _next_cursor(page: Any, items: list[Any], next_field: str) -> Any:
    if not items or _has_more(page) is False:
        return None
    last = items[-1]
    return last.get(next_field) if hasattr(last, "get") else None


class SyncCursorPage(Generic[T]):
    """One page of a list (`.data`), iterable across all pages.

    `.page` is the whole list response; its other fields (`object`, `first_id`, ...) also read as
    attributes of the page at run time, but type checkers only know `data` and `has_more`.
    """

    def __init__(self, page: Any, items: list[T], fetch: Callable[[Any], SyncCursorPage[T]], next_field: str) -> None:
        self.page = page
        self.data = items
        self._fetch = fetch
        self._cursor = _next_cursor(page, items, next_field)

    def has_next_page(self) -> bool:
        return self._cursor is not None

    def get_next_page(self) -> SyncCursorPage[T] | None:
        return self._fetch(self._cursor) if self._cursor is not None else None

    def iter_pages(self) -> Iterator[SyncCursorPage[T]]:
        page: SyncCursorPage[T] | None = self
        while page is not None:
            yield page
            page = page.get_next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.data

    @property
    def has_more(self) -> bool | None:
        """Whether the server said more items follow this page (None if it did not say)."""
        return _has_more(self.page)

    if not TYPE_CHECKING:  # a misspelled attribute stays a type error

        def __getattr__(self, name: str) -> Any:
            # Other fields of the list response (object, first_id, ...).
            if name.startswith("_") or name in ("page", "data"):
                raise AttributeError(name)
            return getattr(self.page, name)

    def __repr__(self) -> str:
        return f"SyncCursorPage(data={self.data!r})"


class AsyncCursorPage(Generic[T]):
    """The asynchronous twin of `SyncCursorPage`: ``async for item in page``."""

    def __init__(
        self, page: Any, items: list[T], fetch: Callable[[Any], Awaitable[AsyncCursorPage[T]]], next_field: str
    ) -> None:
        self.page = page
        self.data = items
        self._fetch = fetch
        self._cursor = _next_cursor(page, items, next_field)

    def has_next_page(self) -> bool:
        return self._cursor is not None

    async def get_next_page(self) -> AsyncCursorPage[T] | None:
        return await self._fetch(self._cursor) if self._cursor is not None else None

    async def iter_pages(self) -> AsyncIterator[AsyncCursorPage[T]]:
        page: AsyncCursorPage[T] | None = self
        while page is not None:
            yield page
            page = await page.get_next_page()

    async def _items(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    @property
    def has_more(self) -> bool | None:
        """Whether the server said more items follow this page (None if it did not say)."""
        return _has_more(self.page)

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            if name.startswith("_") or name in ("page", "data"):
                raise AttributeError(name)
            return getattr(self.page, name)

    def __repr__(self) -> str:
        return f"AsyncCursorPage(data={self.data!r})"
