"""The production error views: project templates when present, built-in pages else."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from framework.core.exceptions import PermissionDenied
from framework.http import Http404, HttpResponse
from framework.test import Client
from framework.urls import path
from framework.urls.exceptions import Resolver404
from framework.views import defaults

pytest.importorskip("framework.template.backends.jinja2")

NOT_FOUND = (
    "<h1>Not Found</h1><p>The requested resource was not found on this server.</p>"
)
JINJA2 = "framework.template.backends.jinja2.Jinja2"


def _boom(request: Any) -> HttpResponse:
    raise RuntimeError("secret detail <b>")


def _forbidden(request: Any) -> HttpResponse:
    raise PermissionDenied("Members only")


urlpatterns = [path("boom/", _boom), path("forbidden/", _forbidden)]


@pytest.fixture(autouse=True)
def _production(settings: Any) -> None:
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    settings.MIDDLEWARE = []


@pytest.fixture
def templates(settings: Any, tmp_path: Path) -> Path:
    """Point TEMPLATES at an empty folder the test fills with error templates."""
    settings.TEMPLATES = [
        {"BACKEND": JINJA2, "DIRS": [str(tmp_path)]}
    ]
    return tmp_path


def test_template_name_constants() -> None:
    assert defaults.ERROR_400_TEMPLATE_NAME == "400.html"
    assert defaults.ERROR_403_TEMPLATE_NAME == "403.html"
    assert defaults.ERROR_404_TEMPLATE_NAME == "404.html"
    assert defaults.ERROR_413_TEMPLATE_NAME == "413.html"
    assert defaults.ERROR_500_TEMPLATE_NAME == "500.html"


def test_builtin_404_without_a_404_template(rf: Any, templates: Path) -> None:
    response = defaults.page_not_found(rf.get("/nope/"), Http404("gone"))
    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert NOT_FOUND in response.content.decode()
    assert "gone" not in response.content.decode()


def test_builtin_pages_when_no_template_engine_is_configured(
    rf: Any, settings: Any
) -> None:
    settings.TEMPLATES = []
    request = rf.get("/")
    assert NOT_FOUND in defaults.page_not_found(request, Http404()).content.decode()
    assert b"Server Error (500)" in defaults.server_error(request).content
    assert b"Bad Request (400)" in defaults.bad_request(request, ValueError()).content
    assert b"403 Forbidden" in defaults.permission_denied(request, None).content
    too_big = defaults.payload_too_large(request, None)
    assert too_big.status_code == 413 and b"Payload Too Large" in too_big.content


def test_custom_404_template_gets_quoted_path_and_message(
    rf: Any, templates: Path
) -> None:
    (templates / "404.html").write_text("Gone [{{ request_path }}] ({{ exception }})")
    response = defaults.page_not_found(rf.get("/a<b>/"), Http404("No poll 7"))
    assert response.status_code == 404
    assert response.content.decode() == "Gone [/a%3Cb%3E/] (No poll 7)"


def test_404_template_sees_only_plain_string_messages(rf: Any, templates: Path) -> None:
    (templates / "404.html").write_text("{{ exception }}")
    request = rf.get("/x/")
    assert defaults.page_not_found(request, Http404({"k": 1})).content == b"Http404"
    assert defaults.page_not_found(request, Http404()).content == b"Http404"
    resolver_404 = Resolver404("/x/", [["a/"]])
    assert defaults.page_not_found(request, resolver_404).content == b"Resolver404"


def test_custom_template_name(rf: Any, templates: Path) -> None:
    (templates / "errors").mkdir()
    (templates / "errors" / "gone.html").write_text("custom gone")
    response = defaults.page_not_found(
        rf.get("/"), None, template_name="errors/gone.html"
    )
    assert response.content == b"custom gone"


def test_custom_403_template_gets_the_message(rf: Any, templates: Path) -> None:
    (templates / "403.html").write_text("No: {{ exception }}")
    response = defaults.permission_denied(rf.get("/"), PermissionDenied("Members only"))
    assert response.status_code == 403
    assert response.content == b"No: Members only"


def test_custom_500_400_and_413_templates_get_no_details(
    rf: Any, templates: Path
) -> None:
    for name in ("500.html", "400.html", "413.html"):
        source = "[{{ exception }}][{{ request_path }}]"
        (templates / name).write_text(f"{name}:{source}")
    request = rf.get("/x/")
    assert defaults.server_error(request).content == b"500.html:[][]"
    bad = defaults.bad_request(request, ValueError("echoed <input>"))
    assert (bad.status_code, bad.content) == (400, b"400.html:[][]")
    big = defaults.payload_too_large(request, ValueError("too big"))
    assert (big.status_code, big.content) == (413, b"413.html:[][]")


@pytest.mark.parametrize(
    "source",
    ["{{ 1 / 0 }}", "{% if %}broken syntax", "{{ missing.attribute.chain }}"],
)
def test_a_broken_500_template_falls_back_to_the_builtin_page(
    rf: Any, templates: Path, source: str, caplog: pytest.LogCaptureFixture
) -> None:
    (templates / "500.html").write_text(source)
    with caplog.at_level(logging.ERROR, logger="framework.request"):
        response = defaults.server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"<h1>Server Error (500)</h1>" in response.content
    assert any("500" in record.getMessage() for record in caplog.records)


def test_a_broken_404_template_falls_back_too(rf: Any, templates: Path) -> None:
    (templates / "404.html").write_text("{{ 1 / 0 }}")
    response = defaults.page_not_found(rf.get("/"), Http404())
    assert response.status_code == 404
    assert NOT_FOUND in response.content.decode()


def test_handler_uses_the_defaults_without_debug(templates: Path) -> None:
    client = Client(raise_request_exception=False)
    missing = client.get("/nope/")
    assert missing.status_code == 404 and NOT_FOUND in missing.content.decode()
    error = client.get("/boom/")
    assert error.status_code == 500
    assert b"secret detail" not in error.content and b"Traceback" not in error.content
    forbidden = client.get("/forbidden/")
    assert forbidden.status_code == 403 and b"403 Forbidden" in forbidden.content


def test_handler_renders_the_projects_404_template(templates: Path) -> None:
    (templates / "404.html").write_text("<p>Sorry, {{ request_path }} is gone.</p>")
    response = Client().get("/old-page/")
    assert response.status_code == 404
    assert response.content == b"<p>Sorry, /old-page/ is gone.</p>"
