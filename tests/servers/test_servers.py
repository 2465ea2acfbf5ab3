"""A scaffolded project served by real gunicorn, uvicorn and runserver processes."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers.sites import clean_env, fetch, free_port, scaffold, serve

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("servers")]

SERVERS = {
    "gunicorn": lambda port: [
        sys.executable,
        "-m",
        "gunicorn",
        "mysite.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
    ],
    "uvicorn": lambda port: [
        sys.executable,
        "-m",
        "uvicorn",
        "mysite.asgi:application",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--lifespan",
        "on",
    ],
    "runserver": lambda port: [
        sys.executable,
        "manage.py",
        "runserver",
        f"127.0.0.1:{port}",
        "--noreload",
    ],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scaffold(tmp_path_factory.mktemp("servers"))


@pytest.fixture(scope="module", params=sorted(SERVERS))
def server(request: pytest.FixtureRequest, site: Path) -> Iterator[str]:
    port = free_port()
    # Production-like: DEBUG off, the hosts the tests use allowed.
    env = clean_env(DEBUG="0", ALLOWED_HOSTS="127.0.0.1,localhost")
    with serve(SERVERS[request.param](port), site, port, env) as base:
        yield base


def test_sync_json_view(server: str) -> None:
    status, headers, body = fetch(f"{server}/blog/hello/")
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {"message": "hello"}


def test_async_view(server: str) -> None:
    assert json.loads(fetch(f"{server}/blog/ahello/")[2]) == {"message": "async hello"}


def test_template_page_is_autoescaped_and_reverses_urls(server: str) -> None:
    status, _, body = fetch(f"{server}/blog/p/first-post/")
    assert status == 200
    assert b"<h1>first-post</h1>" in body
    assert b"&lt;b&gt;bold&lt;/b&gt;" in body
    assert b'href="/blog/p/x/"' in body
    assert body.startswith(b"<!doctype html>")  # inherited from base.html


def test_unknown_url_is_404(server: str) -> None:
    assert fetch(f"{server}/nope/")[0] == 404


def test_append_slash_redirects(server: str) -> None:
    status, headers, _ = fetch(f"{server}/blog/hello")
    # urllib follows the 301 to /blog/hello/.
    assert status == 200


def test_post_form(server: str) -> None:
    status, _, body = fetch(
        f"{server}/blog/echo/",
        method="POST",
        data=b"name=ada",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert (status, body) == (200, b"ada")


def test_bad_host_is_400(server: str) -> None:
    status, _, body = fetch(f"{server}/blog/hello/", headers={"Host": "evil.example"})
    assert status == 400
    assert b"Traceback" not in body


def test_invalid_utf8_path_is_400(server: str) -> None:
    assert fetch(f"{server}/blog/%ff%fe/")[0] == 400


def test_server_error_leaks_nothing_with_debug_off(server: str) -> None:
    status, _, body = fetch(f"{server}/blog/boom/")
    assert status == 500
    assert b"secret-internal-detail" not in body
    assert b"Traceback" not in body
    assert b"leaky-value" not in body


def test_unknown_method_is_405(server: str) -> None:
    status, headers, _ = fetch(f"{server}/blog/hello/", method="FROBNICATE")
    assert status == 405
    assert "GET" in headers["Allow"]


def test_malformed_percent_encoding_is_not_an_error(server: str) -> None:
    # "%zz" is not an escape; it stays literal and simply matches no route.
    assert fetch(f"{server}/blog/%zz/")[0] == 404
