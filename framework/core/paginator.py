"""Split a sequence or QuerySet into numbered pages.

``Paginator(object_list, per_page)`` counts once and slices lazily, so a
QuerySet page is one ``LIMIT/OFFSET`` query. ``get_page()`` never raises:
junk becomes page 1 and numbers past the end become the last page.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import Any

__all__ = ["EmptyPage", "InvalidPage", "Page", "PageNotAnInteger", "Paginator"]


class InvalidPage(Exception):
    """The requested page does not exist."""


class PageNotAnInteger(InvalidPage):
    """The page number is not an integer."""


class EmptyPage(InvalidPage):
    """The page number is below 1 or past the last page."""


class Paginator:
    """Pages of ``per_page`` items; ``orphans`` small leftovers join the last page."""

    def __init__(
        self,
        object_list: Any,
        per_page: int,
        orphans: int = 0,
        allow_empty_first_page: bool = True,
    ) -> None:
        self.object_list = object_list
        self.per_page = int(per_page)
        self.orphans = int(orphans)
        self.allow_empty_first_page = allow_empty_first_page
        if self.per_page < 1:
            raise ValueError("Paginator per_page must be at least 1.")

    def validate_number(self, number: Any) -> int:
        """Return ``number`` as a valid page number or raise InvalidPage."""
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            value = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer.") from None
        if value < 1:
            raise EmptyPage("That page number is less than 1.")
        if value > self.num_pages and not (value == 1 and self.allow_empty_first_page):
            raise EmptyPage("That page contains no results.")
        return value

    def get_page(self, number: Any) -> Page:
        """Return a page, falling back to the first or last one on bad input."""
        try:
            value = self.validate_number(number)
        except PageNotAnInteger:
            value = 1
        except EmptyPage:
            value = max(self.num_pages, 1)
        return self.page(value)

    def page(self, number: Any) -> Page:
        """Return page ``number`` (1-based); raise InvalidPage if it is not one."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return Page(self.object_list[bottom:top], number, self)

    @cached_property
    def count(self) -> int:
        """Count items with ``count()`` (one query for QuerySets) or ``len()``."""
        counter = getattr(self.object_list, "count", None)
        if callable(counter) and not isinstance(self.object_list, list | tuple | str):
            return int(counter())
        return len(self.object_list)

    @cached_property
    def num_pages(self) -> int:
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, self.count - self.orphans)
        return math.ceil(hits / self.per_page)

    @property
    def page_range(self) -> range:
        return range(1, self.num_pages + 1)


class Page(Sequence[Any]):
    """One page: its items, its number, and links to its neighbours."""

    def __init__(self, object_list: Any, number: int, paginator: Paginator) -> None:
        self.object_list = object_list
        self.number = number
        self.paginator = paginator

    def __repr__(self) -> str:
        return f"<Page {self.number} of {self.paginator.num_pages}>"

    def _items(self) -> list[Any]:
        if not isinstance(self.object_list, list):
            self.object_list = list(self.object_list)
        return self.object_list

    def __len__(self) -> int:
        return len(self._items())

    def __getitem__(self, index: Any) -> Any:
        return self._items()[index]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._items())

    def has_next(self) -> bool:
        return self.number < self.paginator.num_pages

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def next_page_number(self) -> int:
        return self.paginator.validate_number(self.number + 1)

    def previous_page_number(self) -> int:
        return self.paginator.validate_number(self.number - 1)

    def start_index(self) -> int:
        """Return the 1-based index of the first item (0 on an empty page)."""
        if self.paginator.count == 0:
            return 0
        return (self.number - 1) * self.paginator.per_page + 1

    def end_index(self) -> int:
        """Return the 1-based index of the last item."""
        if self.number == self.paginator.num_pages:
            return self.paginator.count
        return self.number * self.paginator.per_page
