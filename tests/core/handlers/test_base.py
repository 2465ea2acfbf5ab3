"""The shared handler: middleware chain, view calls, exceptions to responses."""

from __future__ import annotations

import logging
import threading

import pytest

from framework.core.exceptions import ImproperlyConfigured
from framework.core.handlers.base import BaseHandler
from framework.test import AsyncClient, Client
from tests.core.handlers import middleware as mw
from tests.core.handlers import views

URLCONF = "tests.core.handlers.views"
M = "tests.core.handlers.middleware"


@pytest.fixture(autouse=True)
def _urlconf(settings):
    settings.ROOT_URLCONF = URLCONF
    settings.MIDDLEWARE = []
    settings.DEBUG = False
    mw.calls.clear()


def test_sync_view_runs_in_calling_thread_under_wsgi_mode():
    response = Client().get("/sync/")
    assert response.status_code == 200
    assert response.content == b"sync GET"
    assert views.seen_threads["sync"] == threading.current_thread().name


async def test_async_view_runs_on_the_loop_without_a_thread_hop():
    response = await AsyncClient().get("/async/")
    assert response.json() == {"async": True, "loop": True}
    assert views.seen_threads["async"] == threading.current_thread().name


def test_async_view_under_wsgi_mode_is_bridged():
    assert Client().get("/async/").json()["async"] is True


async def test_sync_view_under_asgi_mode_is_bridged():
    response = await AsyncClient().get("/sync/")
    assert response.content == b"sync GET"


def test_converters_and_query_reach_the_view():
    assert Client().get("/item/42/?q=x").json() == {"pk": 42, "q": "x"}


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/nope/", 404),
        ("/missing/", 404),
        ("/forbidden/", 403),
        ("/bad/", 400),
        ("/suspicious/", 400),
        ("/boom/", 500),
    ],
)
def test_exceptions_become_responses(path, status, caplog):
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.CRITICAL):
        response = client.get(path)
    assert response.status_code == status
    assert b"Traceback" not in response.content
    assert b"secret-internal-detail" not in response.content


async def test_exceptions_become_responses_async(caplog):
    client = AsyncClient(raise_request_exception=False)
    with caplog.at_level(logging.CRITICAL):
        assert (await client.get("/boom/")).status_code == 500
        assert (await client.get("/missing/")).status_code == 404


def test_client_reraises_view_exceptions_by_default():
    with pytest.raises(RuntimeError, match="secret-internal-detail"):
        Client().get("/boom/")


def test_server_error_is_logged(caplog):
    with caplog.at_level(logging.ERROR, logger="framework.request"):
        Client(raise_request_exception=False).get("/boom/")
    assert any(
        "Internal Server Error: /boom/" in r.getMessage() for r in caplog.records
    )


def test_debug_500_page_shows_traceback_but_masks_secrets(settings, caplog):
    settings.DEBUG = True
    with caplog.at_level(logging.CRITICAL):
        response = Client(raise_request_exception=False).get(
            "/boom/", headers={"Accept": "text/html"}
        )
    assert response.status_code == 500
    assert b"secret-internal-detail" in response.content
    assert b"do-not-leak" not in response.content


@pytest.mark.parametrize("path", ["/none/", "/anone/"])
def test_view_returning_none_names_the_view(path, caplog):
    with pytest.raises(
        ValueError, match=r"tests\.core\.handlers\.views\.(async_)?returns_none"
    ):
        Client().get(path)


def test_middleware_order_and_mixed_modes(settings):
    settings.MIDDLEWARE = [f"{M}.sync_only", f"{M}.AsyncOnly", f"{M}.Both"]
    response = Client().get("/sync/")
    assert response["X-Sync-Only"] == "1"
    assert response["X-Async-Only"] == "1"
    assert response["X-Both"] == "sync"
    assert mw.calls == [
        "sync_only:in",
        "async_only:in",
        "async_only:out",
        "sync_only:out",
    ]


async def test_async_chain_uses_async_mode_of_capable_middleware(settings):
    settings.MIDDLEWARE = [f"{M}.Both"]
    response = await AsyncClient().get("/async/")
    assert response["X-Both"] == "async"


def test_middleware_short_circuit(settings):
    settings.MIDDLEWARE = [f"{M}.ShortCircuit"]
    response = Client().get("/blocked/")
    assert response.status_code == 418


def test_process_view_and_process_exception(settings, caplog):
    settings.MIDDLEWARE = [f"{M}.ViewHook"]
    client = Client()
    assert client.get("/sync/?intercept=1").content == b"intercepted sync_view"
    assert client.get("/boom/?rescue=1").status_code == 503


def test_middleware_not_used_is_skipped(settings):
    settings.MIDDLEWARE = [f"{M}.not_used"]
    assert Client().get("/sync/").status_code == 200


def test_exception_in_middleware_becomes_500(settings, caplog):
    settings.MIDDLEWARE = [f"{M}.raises_in_middleware", f"{M}.sync_only"]
    with caplog.at_level(logging.CRITICAL):
        response = Client(raise_request_exception=False).get("/mw-boom/")
    assert response.status_code == 500


def test_bad_middleware_path_names_the_setting(settings):
    settings.MIDDLEWARE = ["tests.nowhere.Middleware"]
    with pytest.raises(ImproperlyConfigured, match="MIDDLEWARE"):
        BaseHandler().load_middleware()


def test_disallowed_host_is_400(settings, caplog):
    settings.ALLOWED_HOSTS = ["example.com"]
    with caplog.at_level(logging.CRITICAL):
        response = Client().get("/sync/", headers={"Host": "evil.example"})
    assert response.status_code == 400


def test_allowed_host_subdomain_pattern(settings):
    settings.ALLOWED_HOSTS = [".example.com"]
    assert (
        Client().get("/sync/", headers={"Host": "www.example.com"}).status_code == 200
    )


def test_debug_allows_localhost_when_list_empty(settings):
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = []
    assert Client().get("/sync/", headers={"Host": "localhost:8000"}).status_code == 200


def test_streaming_responses():
    assert b"".join(Client().get("/stream/")) == b"abc"


async def test_async_streaming_response():
    response = await AsyncClient().get("/astream/")
    assert [c async for c in response.streaming_content] == [b"x", b"y", b"z"]


def test_cookies_persist_between_requests():
    client = Client()
    client.get("/set-cookie/")
    assert client.get("/read-cookie/").content == b"ginger"


def test_follow_redirects():
    response = Client().get("/redirect/", follow=True)
    assert response.content == b"sync GET"
    assert response.redirect_chain == [("/sync/", 302)]


def test_post_multipart_and_files():
    import io

    upload = io.BytesIO(b"file body")
    upload.name = "notes.txt"
    response = Client().post("/echo/", {"title": "héllo", "doc": upload})
    assert response.json() == {
        "post": {"title": "héllo"},
        "files": {"doc": "file body"},
        "method": "POST",
    }


def test_resolver_match_is_exposed():
    response = Client().get("/item/7/")
    assert response.resolver_match.url_name == "item"
    assert response.resolver_match.kwargs == {"pk": 7}
