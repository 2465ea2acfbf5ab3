"""render, redirect, resolve_url, get_object_or_404 and get_list_or_404."""

from __future__ import annotations

import pytest

from framework.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist
from framework.http import Http404, HttpRequest
from framework.shortcuts import (
    get_list_or_404,
    get_object_or_404,
    redirect,
    render,
    resolve_url,
)
from framework.urls import NoReverseMatch
from tests.views.urls import once

BACKEND = "framework.template.backends.jinja2.Jinja2"


@pytest.fixture(autouse=True)
def _project(settings, tmp_path):
    settings.ROOT_URLCONF = "tests.views.urls"
    (tmp_path / "page.html").write_text(
        "<p>{{ who }}</p>{% block part %}[{{ request.path }}]{% endblock %}"
    )
    settings.TEMPLATES = [{"BACKEND": BACKEND, "DIRS": [str(tmp_path)]}]


def _request() -> HttpRequest:
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = "/x/"
    return request


# -- render --------------------------------------------------------------------


def test_render_returns_a_response_with_request_context():
    response = render(_request(), "page.html", {"who": "<me>"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response.content == b"<p>&lt;me&gt;</p>[/x/]"


def test_render_status_and_content_type():
    response = render(_request(), "page.html", status=201, content_type="text/plain")
    assert response.status_code == 201
    assert response["Content-Type"] == "text/plain"


def test_render_partial():
    assert render(_request(), "page.html#part").content == b"[/x/]"


# -- redirect / resolve_url ----------------------------------------------------


class Article:
    def get_absolute_url(self) -> str:
        return "/articles/1/"


def test_redirect_to_url_name_with_args_and_kwargs():
    assert redirect("item", 3)["Location"] == "/items/3/"
    assert redirect("item", pk=4)["Location"] == "/items/4/"


def test_redirect_is_302_or_301():
    assert redirect("/a/").status_code == 302
    assert redirect("/a/", permanent=True).status_code == 301


def test_redirect_to_object_and_view():
    assert redirect(Article())["Location"] == "/articles/1/"
    assert redirect(once)["Location"] == "/once/"


@pytest.mark.parametrize(
    "to", ["/some/path/", "https://example.com/x", "page.html", "./rel", "../up"]
)
def test_resolve_url_passes_urls_through(to):
    assert resolve_url(to) == to


def test_resolve_url_unknown_bare_name_raises():
    with pytest.raises(NoReverseMatch):
        resolve_url("no-such-view")


def test_resolve_url_unreversible_view_raises():
    def stray(request):
        return None

    with pytest.raises(NoReverseMatch):
        resolve_url(stray)


# -- get_object_or_404 / get_list_or_404 ---------------------------------------


class FakeQuerySet:
    def __init__(self, model, rows):
        self.model = model
        self.rows = rows

    def filter(self, **kwargs):
        return [r for r in self.rows if all(r.get(k) == v for k, v in kwargs.items())]

    def get(self, **kwargs):
        found = self.filter(**kwargs)
        if not found:
            raise self.model.DoesNotExist("none")
        if len(found) > 1:
            raise MultipleObjectsReturned("many")
        return found[0]


class Book:
    class DoesNotExist(Exception):
        pass


Book.objects = FakeQuerySet(Book, [{"pk": 1, "t": "a"}, {"pk": 2, "t": "a"}])  # type: ignore[attr-defined]


def test_get_object_from_model_manager_or_queryset():
    assert get_object_or_404(Book, pk=1) == {"pk": 1, "t": "a"}
    assert get_object_or_404(Book.objects, pk=2)["pk"] == 2  # type: ignore[attr-defined]


def test_missing_object_is_http404_naming_the_model():
    with pytest.raises(Http404, match="No Book matches the given query"):
        get_object_or_404(Book, pk=9)


def test_object_does_not_exist_base_class_is_caught_too():
    class Thing:
        class objects:  # noqa: N801 - a manager-like stand-in
            @staticmethod
            def get(**kwargs):
                raise ObjectDoesNotExist()

    with pytest.raises(Http404, match="No Thing"):
        get_object_or_404(Thing, pk=1)


def test_multiple_objects_still_propagate():
    with pytest.raises(MultipleObjectsReturned):
        get_object_or_404(Book, t="a")


def test_model_default_manager_is_preferred():
    class Entry:
        DoesNotExist = LookupError

    Entry._default_manager = FakeQuerySet(Entry, [{"pk": 5}])  # type: ignore[attr-defined]
    Entry.objects = FakeQuerySet(Entry, [])  # type: ignore[attr-defined]
    assert get_object_or_404(Entry, pk=5) == {"pk": 5}


def test_meta_object_name_is_used_when_present():
    class Meta:
        object_name = "Chapter"

    class Chapter:
        _meta = Meta
        DoesNotExist = KeyError

    Chapter.objects = FakeQuerySet(Chapter, [])  # type: ignore[attr-defined]
    with pytest.raises(Http404, match="No Chapter matches"):
        get_object_or_404(Chapter, pk=1)


def test_non_queryable_first_argument_is_value_error():
    with pytest.raises(ValueError, match="must be a Model, Manager or QuerySet"):
        get_object_or_404("Book", pk=1)


def test_get_list_or_404():
    assert get_list_or_404(Book, t="a") == Book.objects.rows  # type: ignore[attr-defined]
    with pytest.raises(Http404, match="No Book"):
        get_list_or_404(Book.objects, t="zzz")  # type: ignore[attr-defined]
