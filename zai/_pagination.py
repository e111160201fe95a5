"""Cursor pages: a list response that can fetch the pages after it.

Iterating a page yields every item of this page and of the pages after it, fetched on demand with
the cursor parameter set to the last item's id, until a page is empty or says it has no more.
A server that ignores the cursor (and answers the same page, ``has_more`` still true) would make
that loop endless: a page whose next cursor was already used raises `APIPaginationError` instead.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Iterator
from typing import TYPE_CHECKING, Any, Callable, Generic, TypeVar

import httpx

from ._exceptions import APIPaginationError

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


class _Page(Generic[T]):
    """What the sync and async pages share: the data, the next cursor, the cursors used so far.

    `.page` is the whole list response; its other fields (`object`, `first_id`, ...) also read as
    attributes of the page at run time, but type checkers only know `data` and `has_more`.
    """

    def __init__(self, page: Any, items: list[T], next_field: str, response: httpx.Response) -> None:
        self.page = page
        self.data = items
        self._next_field = next_field
        self._response = response
        self._cursor = _next_cursor(page, items, next_field)
        # The cursors that fetched this page and the pages before it, as sent (query values are text).
        self._used: frozenset[str] = frozenset()

    def has_next_page(self) -> bool:
        return self._cursor is not None

    def _follows(self, previous: _Page[T]) -> None:
        """Record that `previous` fetched this page; raise if this page leads back to a page already fetched."""
        self._used = previous._used | {str(previous._cursor)}
        if self._cursor is not None and str(self._cursor) in self._used:
            raise APIPaginationError(
                f"The list did not advance: the page fetched with cursor {previous._cursor!r} leads to cursor "
                f"{self._cursor!r} (its last item's `{self._next_field}`), which was already used. The server "
                "ignored the cursor; stopping instead of fetching the same pages forever.",
                response=self._response,
                body=self.page,
                cursor=self._cursor,
            )

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
        return f"{type(self).__name__}(data={self.__dict__.get('data')!r})"


class SyncCursorPage(_Page[T]):
    """One page of a list (`.data`), iterable across all pages."""

    def __init__(
        self,
        page: Any,
        items: list[T],
        fetch: Callable[[Any], SyncCursorPage[T]],
        next_field: str,
        response: httpx.Response,
    ) -> None:
        super().__init__(page, items, next_field, response)
        self._fetch = fetch

    def get_next_page(self) -> SyncCursorPage[T] | None:
        if self._cursor is None:
            return None
        page = self._fetch(self._cursor)
        page._follows(self)
        return page

    def iter_pages(self) -> Iterator[SyncCursorPage[T]]:
        page: SyncCursorPage[T] | None = self
        while page is not None:
            yield page
            page = page.get_next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.data


class AsyncCursorPage(_Page[T]):
    """The asynchronous twin of `SyncCursorPage`: ``async for item in page``."""

    def __init__(
        self,
        page: Any,
        items: list[T],
        fetch: Callable[[Any], Awaitable[AsyncCursorPage[T]]],
        next_field: str,
        response: httpx.Response,
    ) -> None:
        super().__init__(page, items, next_field, response)
        self._fetch = fetch

    async def get_next_page(self) -> AsyncCursorPage[T] | None:
        if self._cursor is None:
            return None
        page = await self._fetch(self._cursor)
        page._follows(self)
        return page

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
