"""Paginator and Page over lists (QuerySets are covered by the generic views)."""

from __future__ import annotations

import pytest

from framework.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def test_pages_and_indexes() -> None:
    paginator = Paginator(list(range(1, 24)), 10)
    assert (paginator.count, paginator.num_pages) == (23, 3)
    assert list(paginator.page_range) == [1, 2, 3]
    page = paginator.page(2)
    assert list(page) == list(range(11, 21))
    assert page.has_next() and page.has_previous() and page.next_page_number() == 3
    assert (page.start_index(), page.end_index()) == (11, 20)
    assert paginator.page(3).end_index() == 23


def test_orphans_join_the_last_page() -> None:
    paginator = Paginator(list(range(11)), 5, orphans=1)
    assert paginator.num_pages == 2 and len(paginator.page(2)) == 6


def test_invalid_numbers() -> None:
    paginator = Paginator([1, 2, 3], 2)
    with pytest.raises(PageNotAnInteger):
        paginator.page("x")
    with pytest.raises(EmptyPage):
        paginator.page(0)
    with pytest.raises(EmptyPage):
        paginator.page(3)
    assert paginator.get_page("junk").number == 1
    assert paginator.get_page(99).number == 2
    assert paginator.get_page(None).number == 1


def test_empty_list_has_one_empty_page() -> None:
    paginator = Paginator([], 5)
    page = paginator.get_page(1)
    assert paginator.num_pages == 1 and list(page) == [] and page.start_index() == 0
    with pytest.raises(ValueError, match="per_page"):
        Paginator([], 0)
