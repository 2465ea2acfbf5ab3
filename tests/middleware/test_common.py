"""CommonMiddleware: APPEND_SLASH redirects and Content-Length."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import iscoroutinefunction

from framework.http import HttpRequest, HttpResponse, HttpResponseNotFound
from framework.middleware.common import CommonMiddleware
from framework.test import AsyncClient, Client

COMMON = "framework.middleware.common.CommonMiddleware"


@pytest.fixture(autouse=True)
def _project(settings):
    settings.ROOT_URLCONF = "tests.views.urls"
    settings.MIDDLEWARE = [COMMON]
    settings.APPEND_SLASH = True
    settings.DEBUG = False


def _request(path: str, method: str = "GET", query: str = "") -> HttpRequest:
    request = HttpRequest()
    request.method = method
    request.path = request.path_info = path
    request._query_string = query
    request.META = {"HTTP_HOST": "testserver", "SERVER_NAME": "testserver"}
    return request


def _not_found(request: HttpRequest) -> HttpResponse:
    return HttpResponseNotFound("missing")


# -- through the handler -------------------------------------------------------


def test_missing_slash_redirects_permanently():
    response = Client().get("/slash")
    assert response.status_code == 301
    assert response["Location"] == "/slash/"


def test_redirect_keeps_the_query_string():
    response = Client().get("/slash?a=1&b=two")
    assert response["Location"] == "/slash/?a=1&b=two"


def test_head_is_redirected():
    assert Client().head("/hello").status_code == 301


def test_path_that_resolves_without_slash_is_served():
    response = Client().get("/both")
    assert response.status_code == 200


def test_path_with_slash_is_served():
    assert Client().get("/slash/").content == b"plain"


def test_path_that_resolves_neither_way_stays_404():
    assert Client().get("/nowhere").status_code == 404


def test_append_slash_off_leaves_404(settings):
    settings.APPEND_SLASH = False
    assert Client().get("/slash").status_code == 404


def test_post_in_debug_explains_the_lost_data(settings):
    settings.DEBUG = True
    expected = r"POST /slash has no trailing.*APPEND_SLASH = False"
    with pytest.raises(RuntimeError, match=expected):
        Client().post("/slash", {"a": "1"})


def test_post_in_production_stays_404():
    assert Client().post("/slash", {"a": "1"}).status_code == 404


def test_other_methods_are_not_redirected(settings):
    assert Client().delete("/slash").status_code == 404


def test_content_length_is_set():
    response = Client().get("/hello/")
    assert response["Content-Length"] == str(len(b"hello world"))


async def test_async_chain_redirects():
    response = await AsyncClient().get("/slash?x=1")
    assert response.status_code == 301
    assert response["Location"] == "/slash/?x=1"


async def test_async_chain_serves_existing_paths():
    response = await AsyncClient().get("/async/")
    assert response.content == b"async hello"


# -- the middleware on its own -------------------------------------------------


def test_settings_are_read_at_construction(settings):
    middleware = CommonMiddleware(_not_found)
    settings.APPEND_SLASH = False
    assert middleware(_request("/slash")).status_code == 301


def test_request_urlconf_is_used():
    request = _request("/slash")
    request.urlconf = "tests.template.urls"
    assert CommonMiddleware(_not_found)(request).status_code == 404
    request = _request("/posts/1")
    request.urlconf = "tests.template.urls"
    assert CommonMiddleware(_not_found)(request)["Location"] == "/posts/1/"


def test_non_404_responses_are_untouched():
    def ok(request):
        return HttpResponse("fine", status=200)

    response = CommonMiddleware(ok)(_request("/slash"))
    assert response.status_code == 200
    assert response.content == b"fine"


def test_leading_double_slash_cannot_become_protocol_relative():
    middleware = CommonMiddleware(_not_found)
    path = middleware.get_full_path_with_slash(_request("//evil.example"))
    assert path == "/%2Fevil.example/"


def test_async_get_response_makes_an_async_middleware():
    async def not_found(request):
        return HttpResponseNotFound()

    middleware = CommonMiddleware(not_found)
    assert iscoroutinefunction(middleware)
    response = asyncio.run(middleware(_request("/slash", query="q=1")))
    assert response["Location"] == "/slash/?q=1"


def test_capability_flags():
    assert CommonMiddleware.sync_capable is True
    assert CommonMiddleware.async_capable is True
