"""Views of the demo blog: templates, a partial, JSON and an async view."""

from __future__ import annotations

import asyncio

from framework.http import Http404, HttpRequest, HttpResponse, JsonResponse
from framework.shortcuts import render

from . import posts


def index(request: HttpRequest) -> HttpResponse:
    term = request.GET.get("q", "")
    context = {"posts": posts.search(term) if term else posts.POSTS, "q": term}
    # An HTMX request asks only for the list block of the page.
    if request.headers.get("HX-Request"):
        return render(request, "blog/index.html#post_list", context)
    return render(request, "blog/index.html", context)


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    post = posts.find(slug)
    if post is None:
        raise Http404(f"No post called {slug!r}.")
    return render(request, "blog/detail.html", {"post": post})


def api_posts(request: HttpRequest) -> JsonResponse:
    data = [{"slug": p.slug, "title": p.title} for p in posts.POSTS]
    return JsonResponse({"posts": data})


async def api_ping(request: HttpRequest) -> JsonResponse:
    await asyncio.sleep(0)
    return JsonResponse({"pong": True, "async": True})
