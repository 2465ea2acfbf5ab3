"""The debug pages: technical 500 (masking, escaping, formats), 404, welcome."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any

import pytest

import framework
from framework.http import Http404, HttpResponse
from framework.test import Client
from framework.urls import include, path
from framework.urls.exceptions import Resolver404
from framework.views import debug
from framework.views.debug import (
    CLEANSED_SUBSTITUTE,
    cleanse_setting,
    get_safe_settings,
    pages,
    safe_repr,
    technical_404_response,
    technical_500_response,
)

HIDDEN = "********************"
# Secrets live up here, out of the source lines the page quotes around a raise:
# the page masks values by name, but it cannot mask a literal in source code.
LOCAL_SECRET = "SEKRIT-api-key"
NESTED_SECRET = "pw-nested-1"
VIEW_SECRET = "SEKRIT-local-123"
ExcInfo = tuple[type[BaseException], BaseException, TracebackType]


# -- a URLconf for the handler-driven tests (ROOT_URLCONF = this module) --------


def _ok(request: Any) -> HttpResponse:
    return HttpResponse("ok")


def _missing(request: Any) -> HttpResponse:
    raise Http404("No poll <b>matches</b> the query")


def _boom(request: Any) -> HttpResponse:
    api_key = VIEW_SECRET
    harmless = "visible-local-value"
    raise ValueError(f"<script>alert(1)</script> {len(api_key + harmless)}")


urlpatterns = [
    path("polls/", include([path("<int:pk>/", _ok, name="detail")])),
    path("missing/", _missing, name="missing"),
    path("boom/", _boom),
]


@pytest.fixture(autouse=True)
def _debug(settings: Any) -> None:
    settings.DEBUG = True
    settings.ROOT_URLCONF = __name__
    settings.MIDDLEWARE = []


def _raise_value_error() -> ExcInfo:
    api_key = LOCAL_SECRET  # noqa: F841 - read from the frame by the page
    config = {"password": NESTED_SECRET, "host": "db.example"}  # noqa: F841
    try:
        raise ValueError("<script>alert('x')</script>")
    except ValueError:
        return _exc_info()


def _exc_info() -> ExcInfo:
    exc_type, exc, tb = sys.exc_info()
    assert exc_type is not None and exc is not None and tb is not None
    return exc_type, exc, tb


def _html(response: HttpResponse) -> str:
    assert response["Content-Type"] == "text/html; charset=utf-8"
    return response.content.decode()


# -- masking -----------------------------------------------------------------


def test_cleanse_setting_hides_sensitive_names_and_nested_keys() -> None:
    assert cleanse_setting("STRIPE_SECRET", "sk_live") == HIDDEN
    assert cleanse_setting("api_key", 42) == HIDDEN
    assert cleanse_setting("TIME_ZONE", "UTC") == "UTC"
    databases = {"default": {"NAME": "db", "PASSWORD": "pw", "OPTIONS": {"token": 1}}}
    assert cleanse_setting("DATABASES", databases) == {
        "default": {"NAME": "db", "PASSWORD": HIDDEN, "OPTIONS": {"token": HIDDEN}}
    }
    assert databases["default"]["PASSWORD"] == "pw"  # the setting itself is untouched
    assert cleanse_setting("CACHES", [{"AUTH": "x", "LOCATION": "y"}]) == [
        {"AUTH": HIDDEN, "LOCATION": "y"}
    ]


def test_cleanse_setting_survives_a_self_referencing_dict() -> None:
    loop: dict[str, Any] = {"name": "x"}
    loop["self"] = loop
    cleansed = cleanse_setting("LOOP", loop)
    assert cleansed["name"] == "x"


def test_get_safe_settings_masks_custom_and_nested_secrets(settings: Any) -> None:
    settings.STRIPE_SECRET = "sk_live_abc"
    settings.DATABASES = {"default": {"ENGINE": "sqlite3", "PASSWORD": "hunter2"}}
    safe = get_safe_settings()
    assert safe["STRIPE_SECRET"] == HIDDEN
    assert safe["SECRET_KEY"] == HIDDEN
    assert safe["DATABASES"]["default"] == {"ENGINE": "sqlite3", "PASSWORD": HIDDEN}
    assert safe["DEBUG"] is True
    assert list(safe) == sorted(safe)


def test_safe_repr_truncates_and_survives_broken_repr() -> None:
    class Broken:
        def __repr__(self) -> str:
            raise RuntimeError("no repr")

    assert safe_repr(Broken()) == "<unrepresentable>"
    long = safe_repr("x" * 10_000)
    assert len(long) < 4200 and "trimmed" in long
    assert safe_repr(CLEANSED_SUBSTITUTE) == HIDDEN


# -- technical 500 -------------------------------------------------------------


def test_500_html_masks_locals_settings_headers_post_and_cookies(
    rf: Any, settings: Any
) -> None:
    settings.STRIPE_SECRET = "sk_live_settings_secret"
    settings.DATABASES = {"default": {"NAME": "db", "PASSWORD": "db-password-9"}}
    request = rf.post(
        "/pay/?q=shown",
        {"password": "hunter2", "user": "bob"},
        content_type="application/x-www-form-urlencoded",
        headers={"Authorization": "Bearer tok-999", "X-Api-Key": "hdr-key-1"},
    )
    request.META["HTTP_COOKIE"] = "sessionid=sess-777; theme=dark"
    page = _html(technical_500_response(request, *_raise_value_error()))
    for secret in (
        LOCAL_SECRET, NESTED_SECRET, "sk_live_settings_secret", "db-password-9",
        "hunter2", "tok-999", "hdr-key-1", "sess-777",
    ):
        assert secret not in page, secret
    shown_values = ("db.example", "bob", "dark", "shown", "HTTP_AUTHORIZATION")
    for shown in (*shown_values, "STRIPE_SECRET"):
        assert shown in page, shown
    assert page.count(HIDDEN) >= 8


def test_500_html_escapes_the_exception_message(rf: Any) -> None:
    page = _html(technical_500_response(rf.get("/"), *_raise_value_error()))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(" in page


def test_500_html_shows_traceback_context_and_environment(rf: Any) -> None:
    response = technical_500_response(rf.get("/where/?a=1"), *_raise_value_error())
    page = _html(response)
    assert response.status_code == 500
    assert "ValueError" in page
    assert "http://testserver/where/?a=1" in page
    assert "_raise_value_error" in page and __file__ in page
    # The raising line and its neighbours come from the source file.
    assert "raise ValueError(" in page and "except ValueError:" in page
    assert framework.__version__ in page
    assert sys.version.split()[0] in page
    assert "DEBUG = True" in page


def test_500_page_is_self_contained(rf: Any) -> None:
    page = _html(technical_500_response(rf.get("/"), *_raise_value_error()))
    assert "<style>" in page
    assert "<script" not in page and "<link" not in page and "src=" not in page


def test_500_plain_text_for_clients_that_do_not_accept_html(rf: Any) -> None:
    request = rf.get("/api/", headers={"Accept": "application/json"})
    response = technical_500_response(request, *_raise_value_error(), status_code=400)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("ValueError at http://testserver/api/")
    assert "<script>alert('x')</script>" in text  # plain text: nothing to escape
    assert "Traceback (most recent call last):" in text
    assert 'in _raise_value_error' in text
    assert f"api_key = {HIDDEN}" in text
    assert LOCAL_SECRET not in text


def test_500_shows_chained_exceptions() -> None:
    try:
        try:
            empty: dict[str, int] = {}
            empty["missing-key"]  # noqa: B018
        except KeyError as exc:
            raise RuntimeError("wrapped") from exc
    except RuntimeError:
        info = _exc_info()
    report = debug.build_error_report(None, *info)
    assert [e.type_name for e in report.exceptions] == ["RuntimeError", "KeyError"]
    assert report.exceptions[1].relation == "cause"
    text = debug.report_text(report)
    assert "directly caused by" in text and "'missing-key'" in text


def test_500_shows_implicit_context() -> None:
    try:
        try:
            1 / 0  # noqa: B018
        except ZeroDivisionError:
            raise LookupError("while handling")  # noqa: B904
    except LookupError:
        info = _exc_info()
    page = technical_500_response(None, *info).content.decode()
    assert "ZeroDivisionError" in page and "raised while handling" in page


def test_500_shows_unrepresentable_locals(rf: Any) -> None:
    class Broken:
        def __repr__(self) -> str:
            raise RuntimeError("no repr")

    def fail() -> ExcInfo:
        obj = Broken()  # noqa: F841
        try:
            raise ValueError("x")
        except ValueError:
            return _exc_info()

    page = _html(technical_500_response(rf.get("/"), *fail()))
    assert "&lt;unrepresentable&gt;" in page


def test_500_falls_back_to_a_plain_traceback_when_the_page_fails(
    rf: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("template exploded")

    monkeypatch.setattr(pages, "_render", broken)
    response = technical_500_response(rf.get("/"), *_raise_value_error())
    assert response.status_code == 500
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Traceback (most recent call last)" in text and "ValueError" in text


def test_500_survives_a_bad_host_header(rf: Any) -> None:
    request = rf.get("/x/", headers={"Host": "evil.example"})
    page = _html(technical_500_response(request, *_raise_value_error()))
    assert "ValueError" in page and "/x/" in page


def test_500_through_the_handler(settings: Any) -> None:
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "sess-abc"
    response = client.get("/boom/", headers={"Authorization": "Bearer tok-1"})
    page = _html(response)
    assert response.status_code == 500
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "visible-local-value" in page
    for secret in (VIEW_SECRET, "sess-abc", "tok-1"):
        assert secret not in page


# -- technical 404 and the welcome page ----------------------------------------


class _Pattern:
    def __init__(self, pattern: str, name: str | None = None) -> None:
        self.pattern = pattern
        self.name = name


def test_404_lists_the_patterns_tried(rf: Any) -> None:
    tried = [[_Pattern("admin/"), _Pattern("login/", "login")], [_Pattern("<int:pk>/")]]
    request = rf.get("/nope/")
    response = technical_404_response(request, Resolver404("/nope/", tried))
    page = _html(response)
    assert response.status_code == 404
    assert "admin/ login/ [name=&#39;login&#39;]" in page
    assert "&lt;int:pk&gt;/" in page
    assert "/nope/" in page and __name__ in page
    assert "DEBUG = True" in page


def test_404_through_the_handler_shows_includes_joined() -> None:
    response = Client().get("/nowhere/")
    page = _html(response)
    assert response.status_code == 404
    assert "polls/ &lt;int:pk&gt;/ [name=&#39;detail&#39;]" in page
    assert "missing/ [name=&#39;missing&#39;]" in page
    assert "matched none of these" in page


def test_404_from_a_view_shows_its_message_escaped() -> None:
    page = _html(Client().get("/missing/"))
    assert "No poll &lt;b&gt;matches&lt;/b&gt; the query" in page
    assert "<b>" not in page
    assert f"{__name__}._missing" in page


def test_404_plain_text(rf: Any) -> None:
    request = rf.get("/nope/", headers={"Accept": "text/plain"})
    tried = [[_Pattern("about/", "about")]]
    response = technical_404_response(request, Resolver404("/nope/", tried))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "1. about/ [name='about']" in text
    assert "The current path, /nope/, matched none of these." in text


def test_welcome_page_for_an_empty_urlconf(settings: Any) -> None:
    settings.ROOT_URLCONF = "tests.urlconf"  # urlpatterns = []
    response = Client().get("/")
    page = _html(response)
    assert response.status_code == 200
    assert "The install worked" in page
    assert "tests/urlconf.py" in page and "docs/" in page
    assert framework.__version__ in page


def test_welcome_page_plain_text(rf: Any) -> None:
    request = rf.get("/", headers={"Accept": "application/json"})
    response = technical_404_response(request, Resolver404("/", []))
    assert response.status_code == 200
    assert response.content.decode().startswith("The install worked!")


def test_empty_urlconf_elsewhere_is_still_a_404(rf: Any) -> None:
    response = technical_404_response(rf.get("/other/"), Resolver404("/other/", []))
    assert response.status_code == 404
    assert "defines no URL patterns" in _html(response)
