"""Scaffold real projects and run real servers for the end-to-end tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BLOG_VIEWS = """
from framework.http import HttpResponse, JsonResponse
from framework.shortcuts import render


def hello(request):
    return JsonResponse({"message": "hello"})


async def ahello(request):
    return JsonResponse({"message": "async hello"})


def page(request, slug):
    items = ["<b>bold</b>", "two"]
    return render(request, "blog/page.html", {"slug": slug, "items": items})


def boom(request):
    api_token = "leaky-" + "value"
    raise RuntimeError("secret-internal-detail")


def echo(request):
    return HttpResponse(request.POST.get("name", ""), content_type="text/plain")
"""

BLOG_URLS = """
from framework.urls import path

from . import views

app_name = "blog"
urlpatterns = [
    path("hello/", views.hello, name="hello"),
    path("ahello/", views.ahello, name="ahello"),
    path("p/<slug:slug>/", views.page, name="page"),
    path("boom/", views.boom, name="boom"),
    path("echo/", views.echo, name="echo"),
]
"""

PAGE = """{% extends "base.html" %}
{% block content %}<h1>{{ slug }}</h1>
<ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>
<a id="self" href="{{ url('blog:page', slug='x') }}">self</a>{% endblock %}
"""
BASE = "<!doctype html><title>t</title><main>{% block content %}{% endblock %}</main>\n"


def run_cli(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env or clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("FRAMEWORK_", "PYTEST_"))
    }
    env.update(extra)
    return env


def scaffold(root: Path, python: str = sys.executable) -> Path:
    """Create project ``mysite`` with app ``blog`` wired in, as a user would."""
    for args, cwd in (
        (["-m", "framework", "startproject", "mysite"], root),
        (["manage.py", "startapp", "blog"], root / "mysite"),
    ):
        result = subprocess.run(
            [python, *args],
            cwd=cwd,
            env=clean_env(),
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode:
            raise RuntimeError(f"{args} failed: {result.stderr}")
    site = root / "mysite"
    (site / "blog" / "views.py").write_text(BLOG_VIEWS)
    (site / "blog" / "urls.py").write_text(BLOG_URLS)
    templates = site / "blog" / "templates"
    (templates / "blog").mkdir(parents=True)
    (templates / "blog" / "page.html").write_text(PAGE)
    (templates / "base.html").write_text(BASE)
    with open(site / "mysite" / "urls.py", "a") as fh:
        fh.write(
            "\nfrom framework.urls import include\n\n"
            'urlpatterns = [*urlpatterns, path("blog/", include("blog.urls"))]\n'
        )
    with open(site / "mysite" / "settings.py", "a") as fh:
        fh.write('\nINSTALLED_APPS = [*INSTALLED_APPS, "blog"]\n')
    return site


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(
    url: str,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    data: bytes | None = None,
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(
        url, method=method, headers=headers or {}, data=data
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@contextmanager
def serve(
    command: list[str],
    cwd: Path,
    port: int,
    env: dict[str, str],
    probe: str = "/blog/hello/",
) -> Iterator[str]:
    """Start a server process, wait until it answers, stop it gracefully after."""
    log = cwd / f"server-{port}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(base + probe)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"server did not start: {log.read_text()[-2000:]}"
                    ) from None
                time.sleep(0.1)
        yield base
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
