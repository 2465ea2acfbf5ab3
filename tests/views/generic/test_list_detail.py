"""ListView and DetailView over real models, on both backends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest

# The cross-backend fixtures live in tests/db/conftest.py; use them here too.
from framework.http import Http404
from framework.test import RequestFactory
from framework.views.generic import DetailView, ListView
from tests.db.conftest import (  # noqa: F401
    create_models,
    db_backend,
    postgres_server,
)
from tests.db.models.models import Author, Tag


@pytest.fixture
def tags(
    create_models: Callable[..., AbstractContextManager[None]],  # noqa: F811
) -> Iterator[None]:
    with create_models(Tag, Author):
        for i in range(7):
            Tag.objects.create(name=f"t{i}")
        yield


class TagList(ListView):
    model = Tag
    paginate_by = 3
    ordering = "name"


def test_list_view_paginates(tags: None) -> None:
    response = TagList.as_view()(RequestFactory().get("/tags/?page=2"))
    context = response.context_data
    assert response.template_name == ["dbtests/tag_list.html"]
    assert [t.name for t in context["object_list"]] == ["t3", "t4", "t5"]
    assert context["tag_list"] == context["object_list"]
    assert context["is_paginated"] and context["page_obj"].number == 2
    assert context["paginator"].num_pages == 3
    last = TagList.as_view()(RequestFactory().get("/tags/?page=last")).context_data
    assert [t.name for t in last["object_list"]] == ["t6"]
    with pytest.raises(Http404):
        TagList.as_view()(RequestFactory().get("/tags/?page=9"))


def test_list_view_without_pagination(tags: None) -> None:
    view = ListView.as_view(queryset=Tag.objects.filter(name__in=["t1", "t2"]))
    context = view(RequestFactory().get("/")).context_data
    assert context["is_paginated"] is False and len(context["object_list"]) == 2


def test_detail_view_by_pk_and_slug(tags: None) -> None:
    tag = Tag.objects.get(name="t1")
    response = DetailView.as_view(model=Tag)(RequestFactory().get("/"), pk=tag.pk)
    assert response.context_data["object"] == tag
    assert response.context_data["tag"] == tag
    assert response.template_name == ["dbtests/tag_detail.html"]
    by_slug = DetailView.as_view(model=Tag, slug_field="name")
    assert (
        by_slug(RequestFactory().get("/"), slug="t2").context_data["object"].name
        == "t2"
    )
    with pytest.raises(Http404):
        DetailView.as_view(model=Tag)(RequestFactory().get("/"), pk=999)
