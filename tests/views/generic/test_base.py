"""View, TemplateView and RedirectView."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import iscoroutinefunction

from framework.core.exceptions import ImproperlyConfigured
from framework.http import HttpResponse
from framework.template.response import TemplateResponse
from framework.test import AsyncClient, Client
from framework.views.generic import RedirectView, TemplateView, View

BACKEND = "framework.template.backends.jinja2.Jinja2"


@pytest.fixture(autouse=True)
def _project(settings, tmp_path):
    settings.ROOT_URLCONF = "tests.views.urls"
    settings.MIDDLEWARE = []
    (tmp_path / "page.html").write_text(
        "{{ view.__class__.__name__ }} {{ kwargs_seen }}{{ extra }}"
    )
    settings.TEMPLATES = [{"BACKEND": BACKEND, "DIRS": [str(tmp_path)]}]


class Simple(View):
    greeting = "hi"

    def get(self, request, *args, **kwargs):
        return HttpResponse(f"{self.greeting} {args} {kwargs}")

    def post(self, request, *args, **kwargs):
        return HttpResponse("posted")


class AsyncSimple(View):
    async def get(self, request, *args, **kwargs):
        return HttpResponse("async get")

    async def delete(self, request, *args, **kwargs):
        return HttpResponse("async delete")


class Mixed(View):
    def get(self, request):
        return HttpResponse()

    async def post(self, request):
        return HttpResponse()


# -- as_view -------------------------------------------------------------------


def test_as_view_builds_a_fresh_instance_with_initkwargs(rf):
    view = Simple.as_view(greeting="hello")
    response = view(rf.get("/"), 1, pk=2)
    assert response.content == b"hello (1,) {'pk': 2}"
    assert view.view_class is Simple
    assert view.view_initkwargs == {"greeting": "hello"}
    assert Simple.greeting == "hi"


def test_as_view_rejects_unknown_keywords():
    with pytest.raises(TypeError, match="invalid keyword 'colour'"):
        Simple.as_view(colour="red")


def test_as_view_rejects_http_method_names():
    with pytest.raises(TypeError, match="'get' cannot be passed"):
        Simple.as_view(get=lambda request: None)


def test_setup_stores_request_and_arguments(rf):
    request = rf.get("/")
    view = Simple()
    view.setup(request, "a", b=1)
    assert (view.request, view.args, view.kwargs) == (request, ("a",), {"b": 1})


def test_as_view_copies_dispatch_attributes():
    class Exempt(Simple):
        def dispatch(self, request, *args, **kwargs):
            return super().dispatch(request, *args, **kwargs)

        dispatch.csrf_exempt = True  # type: ignore[attr-defined]

    assert Exempt.as_view().csrf_exempt is True


# -- dispatch ------------------------------------------------------------------


def test_dispatch_routes_by_method(rf):
    view = Simple.as_view()
    assert view(rf.post("/")).content == b"posted"


def test_unimplemented_method_is_405_with_allow(rf):
    response = Simple.as_view()(rf.put("/p/"))
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST, HEAD, OPTIONS"


def test_unknown_method_is_405(rf):
    class Custom(Simple):
        def frobnicate(self, request):
            return HttpResponse("no")

    assert Custom.as_view()(rf.generic("FROBNICATE", "/")).status_code == 405


def test_head_falls_back_to_get(rf):
    response = Simple.as_view()(rf.head("/"))
    assert response.status_code == 200
    assert response.content.startswith(b"hi")


def test_head_is_not_added_without_get(rf):
    class PostOnly(View):
        def post(self, request):
            return HttpResponse()

    response = PostOnly.as_view()(rf.head("/"))
    assert response.status_code == 405
    assert response["Allow"] == "POST, OPTIONS"


def test_options_lists_allowed_methods(rf):
    response = Simple.as_view()(rf.options("/"))
    assert response.status_code == 200
    assert response["Allow"] == "GET, POST, HEAD, OPTIONS"
    assert response["Content-Length"] == "0"
    assert response.content == b""


# -- async ---------------------------------------------------------------------


def test_async_view_class_gives_a_coroutine_function():
    assert AsyncSimple.view_is_async is True
    assert Simple.view_is_async is False
    assert iscoroutinefunction(AsyncSimple.as_view())
    assert not iscoroutinefunction(Simple.as_view())


def test_async_view_handlers_are_awaited(rf):
    view = AsyncSimple.as_view()
    assert asyncio.run(view(rf.get("/"))).content == b"async get"
    assert asyncio.run(view(rf.delete("/"))).content == b"async delete"
    assert asyncio.run(view(rf.head("/"))).content == b"async get"


def test_async_view_builtin_answers_are_awaitable(rf):
    view = AsyncSimple.as_view()
    not_allowed = asyncio.run(view(rf.post("/")))
    assert not_allowed.status_code == 405
    assert not_allowed["Allow"] == "GET, DELETE, HEAD, OPTIONS"
    options = asyncio.run(view(rf.options("/")))
    assert options.status_code == 200


def test_mixing_sync_and_async_handlers_names_the_class():
    with pytest.raises(ImproperlyConfigured, match="Mixed HTTP handlers must"):
        Mixed.as_view()


def test_async_options_override_counts_towards_the_kind():
    class OptionsSync(AsyncSimple):
        def options(self, request, *args, **kwargs):
            return HttpResponse()

    with pytest.raises(ImproperlyConfigured, match="OptionsSync"):
        OptionsSync.as_view()


def test_sync_and_async_views_through_the_handler():
    assert Client().get("/hello/").content == b"hello world"
    assert Client().get("/hello/ann/").content == b"hello ann"
    assert Client().get("/async/").content == b"async hello"


async def test_async_view_through_the_async_handler():
    response = await AsyncClient().get("/async/")
    assert response.content == b"async hello"


# -- TemplateView --------------------------------------------------------------


def test_template_view_renders_with_view_and_kwargs(rf):
    class Page(TemplateView):
        template_name = "page.html"
        extra_context = {"extra": "!"}

        def get_context_data(self, **kwargs):
            context = super().get_context_data(**kwargs)
            context["kwargs_seen"] = ",".join(sorted(kwargs))
            return context

    response = Page.as_view()(rf.get("/"), pk=1)
    assert isinstance(response, TemplateResponse)
    assert response.context_data is not None
    assert response.context_data["pk"] == 1
    assert response.render().content == b"Page pk!"


def test_template_view_through_the_handler():
    response = Client().get("/page/")
    assert response.status_code == 200
    assert response.content == b"TemplateView "


def test_template_view_content_type(rf):
    view = TemplateView.as_view(template_name="page.html", content_type="text/plain")
    assert view(rf.get("/"))["Content-Type"] == "text/plain"


def test_template_view_without_template_name_is_improperly_configured(rf):
    with pytest.raises(ImproperlyConfigured, match="TemplateView needs a template"):
        TemplateView.as_view()(rf.get("/"))


# -- RedirectView --------------------------------------------------------------


def test_redirect_view_url_with_kwargs(rf):
    view = RedirectView.as_view(url="/new/%(pk)s/")
    response = view(rf.get("/old/"), pk=7)
    assert response.status_code == 302
    assert response["Location"] == "/new/7/"


def test_redirect_view_permanent_and_query_string(rf):
    view = RedirectView.as_view(url="/new/", permanent=True, query_string=True)
    response = view(rf.get("/old/?a=1&b=2"))
    assert response.status_code == 301
    assert response["Location"] == "/new/?a=1&b=2"


def test_redirect_view_drops_query_string_by_default(rf):
    response = RedirectView.as_view(url="/new/")(rf.get("/old/?a=1"))
    assert response["Location"] == "/new/"


def test_redirect_view_pattern_name(rf):
    view = RedirectView.as_view(pattern_name="hello-name")
    assert view(rf.get("/"), name="bo")["Location"] == "/hello/bo/"


@pytest.mark.parametrize(
    "method", ["post", "put", "patch", "delete", "head", "options"]
)
def test_redirect_view_redirects_every_method(rf, method):
    response = RedirectView.as_view(url="/x/")(getattr(rf, method)("/"))
    assert response.status_code == 302


def test_redirect_view_without_url_is_gone(rf):
    response = RedirectView.as_view()(rf.get("/gone/"))
    assert response.status_code == 410


def test_redirect_view_through_the_handler():
    response = Client().get("/go/")
    assert response.status_code == 302
    assert response["Location"] == "/hello/"
