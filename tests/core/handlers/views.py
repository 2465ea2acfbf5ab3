"""Views and a URLconf exercising every path through the handler."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator

from framework.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from framework.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from framework.urls import path

seen_threads: dict[str, str] = {}


def sync_view(request: HttpRequest) -> HttpResponse:
    seen_threads["sync"] = threading.current_thread().name
    return HttpResponse(f"sync {request.method}", content_type="text/plain")


async def async_view(request: HttpRequest) -> JsonResponse:
    seen_threads["async"] = threading.current_thread().name
    await asyncio.sleep(0)
    return JsonResponse({"async": True, "loop": _has_loop()})


def _has_loop() -> bool:
    try:
        asyncio.get_running_loop()
        return True
    except RuntimeError:
        return False


def item(request: HttpRequest, pk: int) -> JsonResponse:
    return JsonResponse({"pk": pk, "q": request.GET.get("q")})


def echo(request: HttpRequest) -> JsonResponse:
    files = {name: f.read().decode() for name, f in request.FILES.items()}
    return JsonResponse(
        {"post": request.POST.dict(), "files": files, "method": request.method}
    )


def echo_body(request: HttpRequest) -> HttpResponse:
    return HttpResponse(request.body, content_type="application/octet-stream")


def boom(request: HttpRequest) -> HttpResponse:
    secret_token = "do-not-" + "leak"  # noqa: F841 - the debug page must mask it
    raise RuntimeError("secret-internal-detail")


def not_found(request: HttpRequest) -> HttpResponse:
    raise Http404("no such thing")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def bad(request: HttpRequest) -> HttpResponse:
    raise BadRequest("bad input")


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("weird")


def returns_none(request: HttpRequest) -> None:
    return None


async def async_returns_none(request: HttpRequest) -> None:
    return None


def stream(request: HttpRequest) -> StreamingHttpResponse:
    def chunks() -> Iterator[str]:
        yield "a"
        yield "b"
        yield "c"

    return StreamingHttpResponse(chunks(), content_type="text/plain")


def astream(request: HttpRequest) -> StreamingHttpResponse:
    async def chunks() -> AsyncIterator[bytes]:
        for part in (b"x", b"y", b"z"):
            await asyncio.sleep(0)
            yield part

    return StreamingHttpResponse(chunks(), content_type="text/plain")


def set_cookie(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("ok")
    response.set_cookie("flavour", "ginger")
    return response


def read_cookie(request: HttpRequest) -> HttpResponse:
    return HttpResponse(request.COOKIES.get("flavour", "none"))


def redirect_view(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(status=302)
    response["Location"] = "/sync/"
    return response


def query_view(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"q": request.GET.getlist("q")})


urlpatterns = [
    path("sync/", sync_view, name="sync"),
    path("async/", async_view, name="async"),
    path("item/<int:pk>/", item, name="item"),
    path("echo/", echo, name="echo"),
    path("body/", echo_body, name="body"),
    path("boom/", boom, name="boom"),
    path("missing/", not_found),
    path("forbidden/", forbidden),
    path("bad/", bad),
    path("suspicious/", suspicious),
    path("none/", returns_none),
    path("anone/", async_returns_none),
    path("stream/", stream),
    path("astream/", astream),
    path("set-cookie/", set_cookie),
    path("read-cookie/", read_cookie),
    path("redirect/", redirect_view),
    path("query/", query_view),
]


def invalid(request: HttpRequest) -> HttpResponse:
    from framework.core.exceptions import ValidationError

    raise ValidationError("bad value")


def template_view(request: HttpRequest) -> HttpResponse:
    from framework.template.response import TemplateResponse

    return TemplateResponse(request, "handler_page.html", {"name": "<world>"})


urlpatterns += [path("invalid/", invalid), path("tpl/", template_view)]
