"""The ``runserver`` command: address parsing, the app factory, a real server."""

from __future__ import annotations

import importlib.util
import io
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from framework.conf import ENVIRONMENT_VARIABLE
from framework.contrib.staticfiles.handlers import StaticFilesHandler
from framework.core.management import CommandError, call_command
from framework.core.management.commands import runserver
from framework.core.management.commands.runserver import (
    SERVE_STATIC_ENV,
    Address,
    make_application,
    parse_address,
)
from tests.core.management.cli import (
    add_installed_app,
    cli_env,
    make_plain_app,
    make_project,
)

requires_asgi = pytest.mark.skipif(
    importlib.util.find_spec("framework.core.asgi") is None,
    reason="framework.core.asgi (the lead's ASGI handler) is not written yet",
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, Address("127.0.0.1", 8000)),
        ("8001", Address("127.0.0.1", 8001)),
        ("0.0.0.0:8000", Address("0.0.0.0", 8000)),
        ("0:9000", Address("0.0.0.0", 9000)),
        ("localhost:8080", Address("localhost", 8080)),
        ("[::1]:8000", Address("::1", 8000)),
        ("[::]:80", Address("::", 80)),
    ],
)
def test_parse_address(value: str | None, expected: Address) -> None:
    assert parse_address(value) == expected


@pytest.mark.parametrize(
    "value",
    ["abc", "8000:", "::1:8000", "[::1]", "[nope]:80", "host:0", "70000", "a b:80"],
)
def test_parse_address_rejects_bad_values(value: str) -> None:
    with pytest.raises(CommandError) as info:
        parse_address(value)
    assert "127.0.0.1:8000" in str(info.value)


def test_address_url() -> None:
    assert Address("::1", 8000).url == "http://[::1]:8000/"
    assert Address("127.0.0.1", 80).url == "http://127.0.0.1:80/"


def test_make_application_follows_the_static_flag(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(SERVE_STATIC_ENV, "1")
    assert isinstance(make_application(), StaticFilesHandler)
    monkeypatch.setenv(SERVE_STATIC_ENV, "0")
    assert not isinstance(make_application(), StaticFilesHandler)
    # Without the flag: static only with DEBUG and the app installed (it is not).
    monkeypatch.delenv(SERVE_STATIC_ENV)
    assert not isinstance(make_application(), StaticFilesHandler)


@pytest.fixture
def fake_run(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Address, bool]]:
    calls: list[tuple[Address, bool]] = []
    monkeypatch.setattr(runserver, "run", lambda a, reload: calls.append((a, reload)))
    monkeypatch.delenv(SERVE_STATIC_ENV, raising=False)
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, os.environ[ENVIRONMENT_VARIABLE])
    return calls


def test_handle_prints_banner_and_runs(fake_run: list[Any]) -> None:
    out = io.StringIO()
    call_command("runserver", "127.0.0.1:8123", "--noreload", stdout=out)
    assert fake_run == [(Address("127.0.0.1", 8123), False)]
    text = out.getvalue()
    assert "Starting development server at http://127.0.0.1:8123/" in text
    assert "using settings 'tests.settings'" in text
    assert "Quit the server with CONTROL-C." in text
    assert "development server" in text and "production" in text
    assert os.environ[SERVE_STATIC_ENV] == "0"


def test_handle_runs_checks_unless_skipped(fake_run: list[Any]) -> None:
    out = io.StringIO()
    call_command("runserver", skip_checks=False, stdout=out)
    assert "System check identified no issues" in out.getvalue()
    assert fake_run[0][1] is True


def test_handle_rejects_bad_address(fake_run: list[Any]) -> None:
    with pytest.raises(CommandError, match="not a valid port"):
        call_command("runserver", "nope")
    assert fake_run == []


# -- a real server in a subprocess --------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def served_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("served"))
    app = make_plain_app(root, "assets")
    (app / "static" / "assets").mkdir(parents=True)
    (app / "static" / "assets" / "site.css").write_text("body { color: red; }\n")
    add_installed_app(root, "assets")
    return root


class _Server:
    def __init__(self, root: Path, *args: str) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = root / f"server-{self.port}.log"
        self._log_file = self.log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", *args],
            cwd=root,
            env=cli_env(),
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_up(self, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"runserver exited early:\n{self.log.read_text()}")
            try:
                httpx.get(self.url + "/static/", timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        pytest.fail(f"runserver did not start:\n{self.log.read_text()}")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self._log_file.close()


@pytest.fixture
def server_factory() -> Iterator[Any]:
    servers: list[_Server] = []

    def start(root: Path, *args: str) -> _Server:
        server = _Server(root, *args)
        servers.append(server)
        server.wait_until_up()
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.mark.slow
@requires_asgi
def test_serves_static_files(served_project: Path, server_factory: Any) -> None:
    server = server_factory(served_project, "--noreload")
    response = httpx.get(server.url + "/static/assets/site.css")
    assert response.status_code == 200
    assert response.text == "body { color: red; }\n"
    assert response.headers["content-type"].startswith("text/css")
    assert response.headers["content-length"] == "21"
    assert "last-modified" in response.headers
    assert httpx.get(server.url + "/static/assets/missing.css").status_code == 404
    traversal = httpx.get(server.url + "/static/assets/..%2f..%2fmysite/settings.py")
    assert traversal.status_code == 404
    log = server.log.read_text()
    assert "Starting development server at" in log
    assert '"GET /static/assets/site.css HTTP/1.1" 200' in log


@pytest.mark.slow
@requires_asgi
def test_nostatic_passes_static_urls_to_the_project(
    served_project: Path, server_factory: Any
) -> None:
    server = server_factory(served_project, "--noreload", "--nostatic")
    response = httpx.get(server.url + "/static/assets/site.css")
    assert response.text != "body { color: red; }\n"


@pytest.mark.slow
@requires_asgi
def test_reloads_on_code_change(tmp_path: Path, server_factory: Any) -> None:
    root = make_project(tmp_path)
    server = server_factory(root)
    assert httpx.get(server.url + "/ping/").status_code == 404
    urls = root / "mysite" / "urls.py"
    urls.write_text(
        "from framework.http import HttpResponse\n"
        "from framework.urls import path\n\n"
        "urlpatterns = [path('ping/', lambda request: HttpResponse('pong'))]\n"
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            response = httpx.get(server.url + "/ping/", timeout=1)
            if response.status_code == 200:
                assert response.text == "pong"
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"the server did not reload:\n{server.log.read_text()}")
