"""Tests for framework.contrib.staticfiles.handlers, driving the ASGI app directly."""

from __future__ import annotations

from email.utils import formatdate
from pathlib import Path
from typing import Any

import pytest

from framework.contrib.staticfiles.handlers import StaticFilesHandler
from framework.core.exceptions import ImproperlyConfigured
from framework.test.utils import SettingsWrapper

Message = dict[str, Any]


class _App:
    """The wrapped application: records what reached it."""

    def __init__(self) -> None:
        self.scopes: list[dict[str, Any]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.scopes.append(scope)
        if scope["type"] == "lifespan":
            await receive()
            await send({"type": "lifespan.startup.complete"})
            return
        await send({"type": "http.response.start", "status": 299, "headers": []})
        await send({"type": "http.response.body", "body": b"app"})


@pytest.fixture
def static_dir(tmp_path: Path, settings: SettingsWrapper) -> Path:
    folder = tmp_path / "static"
    (folder / "css").mkdir(parents=True)
    (folder / "css" / "site.css").write_text("body {}\n")
    (folder / "big.bin").write_bytes(b"x" * 200_000)
    (folder / "bundle.js.gz").write_bytes(b"\x1f\x8b")
    (tmp_path / "secret.txt").write_text("secret")
    settings.STATICFILES_DIRS = [folder]
    settings.STATIC_URL = "static/"
    return folder


def _scope(path: str, method: str = "GET", **extra: Any) -> dict[str, Any]:
    return {"type": "http", "method": method, "path": path, "headers": [], **extra}


async def _call(handler: StaticFilesHandler, scope: dict[str, Any]) -> list[Message]:
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Any) -> None:
        sent.append(dict(message))

    await handler(scope, receive, send)
    return sent


def _status(sent: list[Message]) -> int:
    return int(sent[0]["status"])


def _headers(sent: list[Message]) -> dict[bytes, bytes]:
    return dict(sent[0]["headers"])


def _body(sent: list[Message]) -> bytes:
    return b"".join(m.get("body", b"") for m in sent[1:])


async def test_serves_a_file(static_dir: Path) -> None:
    sent = await _call(StaticFilesHandler(_App()), _scope("/static/css/site.css"))
    assert _status(sent) == 200
    headers = _headers(sent)
    assert headers[b"content-type"] == b"text/css"
    assert headers[b"content-length"] == b"8"
    mtime = (static_dir / "css" / "site.css").stat().st_mtime
    assert headers[b"last-modified"] == formatdate(mtime, usegmt=True).encode()
    assert _body(sent) == b"body {}\n"
    assert sent[-1].get("more_body", False) is False


async def test_large_file_is_streamed_in_chunks(static_dir: Path) -> None:
    sent = await _call(StaticFilesHandler(_App()), _scope("/static/big.bin"))
    assert len(sent) > 3
    assert _body(sent) == b"x" * 200_000
    assert _headers(sent)[b"content-type"] == b"application/octet-stream"


async def test_compressed_file_type(static_dir: Path) -> None:
    sent = await _call(StaticFilesHandler(_App()), _scope("/static/bundle.js.gz"))
    assert _headers(sent)[b"content-type"] == b"application/gzip"


async def test_head_has_headers_but_no_body(static_dir: Path) -> None:
    sent = await _call(
        StaticFilesHandler(_App()), _scope("/static/css/site.css", method="HEAD")
    )
    assert _status(sent) == 200
    assert _headers(sent)[b"content-length"] == b"8"
    assert _body(sent) == b""


async def test_other_methods_are_not_allowed(static_dir: Path) -> None:
    sent = await _call(
        StaticFilesHandler(_App()), _scope("/static/css/site.css", method="POST")
    )
    assert _status(sent) == 405
    assert _headers(sent)[b"allow"] == b"GET, HEAD"


async def test_missing_file_is_404(static_dir: Path) -> None:
    app = _App()
    sent = await _call(StaticFilesHandler(app), _scope("/static/css/none.css"))
    assert _status(sent) == 404
    assert _headers(sent)[b"content-type"] == b"text/plain; charset=utf-8"
    assert app.scopes == []


@pytest.mark.parametrize(
    "path",
    [
        "/static/../secret.txt",
        "/static/css/../../secret.txt",
        "/static//etc/passwd",
        "/static/..\\secret.txt",
        "/static/%2e%2e/secret.txt",
        "/static/css/..%2f..%2fsecret.txt",
        "/static/css/site.css\x00",
    ],
)
async def test_traversal_attempts_get_404(static_dir: Path, path: str) -> None:
    sent = await _call(StaticFilesHandler(_App()), _scope(path))
    assert _status(sent) == 404
    assert _body(sent).startswith(b"Not Found")


async def test_not_modified(static_dir: Path) -> None:
    mtime = (static_dir / "css" / "site.css").stat().st_mtime
    since = formatdate(mtime + 10, usegmt=True).encode()
    scope = _scope("/static/css/site.css", headers=[(b"if-modified-since", since)])
    sent = await _call(StaticFilesHandler(_App()), scope)
    assert _status(sent) == 304
    assert _body(sent) == b""
    older = formatdate(mtime - 3600, usegmt=True).encode()
    scope = _scope("/static/css/site.css", headers=[(b"if-modified-since", older)])
    assert _status(await _call(StaticFilesHandler(_App()), scope)) == 200


async def test_other_paths_pass_through(static_dir: Path) -> None:
    app = _App()
    sent = await _call(StaticFilesHandler(app), _scope("/staticky/css/site.css"))
    assert _status(sent) == 299
    assert [s["path"] for s in app.scopes] == ["/staticky/css/site.css"]


async def test_lifespan_passes_through(static_dir: Path) -> None:
    app = _App()
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "lifespan.startup"}

    async def send(message: Any) -> None:
        sent.append(dict(message))

    await StaticFilesHandler(app)({"type": "lifespan"}, receive, send)
    assert sent == [{"type": "lifespan.startup.complete"}]
    assert app.scopes[0]["type"] == "lifespan"


async def test_settings_are_read_when_built(
    static_dir: Path, settings: SettingsWrapper
) -> None:
    handler = StaticFilesHandler(_App())
    settings.STATIC_URL = "/assets/"
    settings.STATICFILES_DIRS = []
    assert _status(await _call(handler, _scope("/static/css/site.css"))) == 200
    rebuilt = StaticFilesHandler(_App())
    assert _status(await _call(rebuilt, _scope("/static/css/site.css"))) == 299


async def test_absolute_static_url_serves_nothing(
    static_dir: Path, settings: SettingsWrapper
) -> None:
    settings.STATIC_URL = "https://cdn.example.com/static/"
    sent = await _call(StaticFilesHandler(_App()), _scope("/static/css/site.css"))
    assert _status(sent) == 299


async def test_root_path_is_stripped(static_dir: Path) -> None:
    scope = _scope("/app/static/css/site.css", root_path="/app")
    assert _status(await _call(StaticFilesHandler(_App()), scope)) == 200


def test_missing_static_url(settings: SettingsWrapper) -> None:
    settings.STATIC_URL = None
    with pytest.raises(ImproperlyConfigured, match="STATIC_URL"):
        StaticFilesHandler(_App())
