"""The ASGI face: HTTP and lifespan scopes driven with in-memory messages."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from framework.apps import AppConfig
from framework.core.handlers.asgi import ASGIHandler


@pytest.fixture(autouse=True)
def _urlconf(settings):
    settings.ROOT_URLCONF = "tests.core.handlers.views"
    settings.MIDDLEWARE = []
    settings.DEBUG = False


def scope(
    path: str = "/sync/",
    method: str = "GET",
    headers: list[tuple[bytes, bytes]] | None = None,
    query: bytes = b"",
    raw_path: bytes | None = None,
) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": raw_path if raw_path is not None else path.encode(),
        "query_string": query,
        "root_path": "",
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 80),
        "headers": headers if headers is not None else [(b"host", b"testserver")],
    }


async def run(
    app: Any, sc: dict[str, Any], body_chunks: list[bytes] | None = None
) -> tuple[int, dict[bytes, bytes], bytes, list[dict[str, Any]]]:
    chunks = list(body_chunks or [b""])
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if chunks:
            chunk = chunks.pop(0)
            return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(sc, receive, send)
    start = sent[0]
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], dict(start["headers"]), body, sent


async def test_sync_and_async_views():
    app = ASGIHandler()
    status, headers, body, _ = await run(app, scope("/sync/"))
    assert (status, body) == (200, b"sync GET")
    assert headers[b"content-length"] == b"8"
    status, _, body, _ = await run(app, scope("/async/"))
    assert body == b'{"async": true, "loop": true}'


async def test_head_sends_no_body():
    status, headers, body, _ = await run(ASGIHandler(), scope("/sync/", method="HEAD"))
    assert status == 200 and body == b"" and headers[b"content-length"] == b"9"


async def test_streams_chunk_by_chunk():
    _, _, body, sent = await run(ASGIHandler(), scope("/astream/"))
    assert body == b"xyz"
    assert [m.get("more_body") for m in sent[1:]] == [True, True, True, False]
    _, _, body, _ = await run(ASGIHandler(), scope("/stream/"))
    assert body == b"abc"


async def test_body_in_several_messages():
    sc = scope(
        "/body/",
        method="POST",
        headers=[
            (b"host", b"testserver"),
            (b"content-type", b"application/octet-stream"),
        ],
    )
    _, _, body, _ = await run(ASGIHandler(), sc, [b"ab", b"cd", b"ef"])
    assert body == b"abcdef"


async def test_oversized_body_is_refused_early(settings, caplog):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 4
    sc = scope("/body/", method="POST", headers=[(b"host", b"testserver")])
    with caplog.at_level(logging.CRITICAL):
        status, _, _, _ = await run(ASGIHandler(), sc, [b"abc", b"def", b"never read"])
    assert status == 413


async def test_client_disconnect_sends_nothing():
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await ASGIHandler()(scope("/sync/", method="POST"), receive, send)
    assert sent == []


@pytest.mark.parametrize(
    "sc",
    [
        scope("/sync/", raw_path=b"/sync/%ff/"),
        scope("/query/", query=b"q=%ff"),
        scope(
            "/read-cookie/",
            headers=[(b"host", b"testserver"), (b"cookie", b"flavour=\xff")],
        ),
        scope("/sync/", headers=[(b"host", b"evil.example")]),
    ],
)
async def test_bad_input_is_400(sc, caplog):
    with caplog.at_level(logging.CRITICAL):
        status, _, body, _ = await run(ASGIHandler(), sc)
    assert status == 400
    assert b"Traceback" not in body


async def test_unicode_path_via_raw_path():
    status, _, _, _ = await run(
        ASGIHandler(), scope("/nope/é/", raw_path=b"/nope/%C3%A9/")
    )
    assert status == 404


class _Hooks(AppConfig):
    events: list[str] = []

    def startup(self) -> None:
        self.events.append("sync startup")

    async def shutdown(self) -> None:
        self.events.append("async shutdown")


async def lifespan(app: Any) -> list[dict[str, Any]]:
    incoming = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return incoming.pop(0)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app({"type": "lifespan", "asgi": {"version": "3.0"}}, receive, send)
    return sent


async def test_lifespan_runs_app_hooks(monkeypatch):
    import tests.core.handlers as module

    config = _Hooks("tests.core.handlers", module)
    _Hooks.events = []
    from framework.apps import apps

    monkeypatch.setattr(apps, "app_configs", {"hooks": config})
    sent = await lifespan(ASGIHandler())
    assert [m["type"] for m in sent] == [
        "lifespan.startup.complete",
        "lifespan.shutdown.complete",
    ]
    assert _Hooks.events == ["sync startup", "async shutdown"]


def failing_startup() -> None:
    raise RuntimeError("database unreachable")


async def test_lifespan_startup_failure_is_reported(settings, caplog):
    settings.STARTUP_HANDLERS = ["tests.core.handlers.test_asgi.failing_startup"]
    with caplog.at_level(logging.CRITICAL):
        sent = await lifespan(ASGIHandler())
    assert sent[0]["type"] == "lifespan.startup.failed"
    assert "database unreachable" in sent[0]["message"]
