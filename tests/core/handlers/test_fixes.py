"""Error handlers, template responses and lifespan order through the handler."""

from __future__ import annotations

import logging
import sys
import types
from pathlib import Path

import pytest

from framework.core.handlers.asgi import ASGIHandler
from framework.test import AsyncClient, Client
from framework.urls import path, reverse_lazy
from framework.views.generic import RedirectView
from tests.core.handlers.test_asgi import lifespan

TEMPLATES = [
    {
        "BACKEND": "framework.template.backends.jinja2.Jinja2",
        "DIRS": [str(Path(__file__).parent / "templates")],
        "APP_DIRS": False,
        "OPTIONS": {},
    }
]


@pytest.fixture(autouse=True)
def _urlconf(settings):
    settings.ROOT_URLCONF = "tests.core.handlers.views"
    settings.MIDDLEWARE = []
    settings.DEBUG = False
    settings.TEMPLATES = TEMPLATES


def test_validation_error_from_a_view_is_400(caplog):
    with caplog.at_level(logging.CRITICAL):
        assert Client().get("/invalid/").status_code == 400


def test_template_response_rendered_with_sync_chain():
    assert Client().get("/tpl/").content == b"hello &lt;world&gt;"


async def test_async_template_hook_under_asgi(settings):
    settings.MIDDLEWARE = ["tests.core.handlers.middleware.AsyncTemplateHook"]
    response = await AsyncClient().get("/tpl/")
    assert response.content == b"hello &lt;world&gt; from-hook"


def test_async_template_hook_under_wsgi(settings):
    settings.MIDDLEWARE = ["tests.core.handlers.middleware.AsyncTemplateHook"]
    assert Client().get("/tpl/").content == b"hello &lt;world&gt; from-hook"


async def custom_404(request, exception):
    from framework.http import HttpResponseNotFound

    return HttpResponseNotFound("custom async 404")


def test_async_error_handler_is_awaited(settings, monkeypatch, caplog):
    module = types.ModuleType("tests_async_handler_urls")
    module.urlpatterns = [path("x/", lambda r: None)]  # type: ignore[attr-defined]
    module.handler404 = custom_404  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    settings.ROOT_URLCONF = module.__name__
    with caplog.at_level(logging.CRITICAL):
        response = Client().get("/nope/")
    assert (response.status_code, response.content) == (404, b"custom async 404")


def test_redirect_view_accepts_reverse_lazy(rf):
    view = RedirectView.as_view(url=reverse_lazy("item", kwargs={"pk": 3}))
    assert view(rf.get("/")).url == "/item/3/"


order: list[str] = []


def first() -> None:
    order.append("first")


def second() -> None:
    order.append("second")


async def test_shutdown_runs_in_reverse_order(settings):
    order.clear()
    settings.SHUTDOWN_HANDLERS = [f"{__name__}.first", f"{__name__}.second"]
    await lifespan(ASGIHandler())
    assert order == ["second", "first"]


async def test_bad_startup_handler_path_fails_startup(settings, caplog):
    settings.STARTUP_HANDLERS = ["tests.nowhere.hook"]
    with caplog.at_level(logging.CRITICAL):
        sent = await lifespan(ASGIHandler())
    assert sent[0]["type"] == "lifespan.startup.failed"
    assert "STARTUP_HANDLERS" in sent[0]["message"]
