"""Views and URLs for the view, shortcut and middleware tests."""

from __future__ import annotations

from framework.http import HttpResponse
from framework.urls import path
from framework.views.generic import RedirectView, TemplateView, View


class Hello(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse(f"hello {kwargs.get('name', 'world')}")

    def post(self, request, *args, **kwargs):
        return HttpResponse("posted")


class AsyncHello(View):
    async def get(self, request, *args, **kwargs):
        return HttpResponse("async hello")


def plain(request, **kwargs):
    return HttpResponse("plain")


def once(request):
    return HttpResponse("once")


urlpatterns = [
    path("hello/", Hello.as_view(), name="hello"),
    path("hello/<str:name>/", Hello.as_view(), name="hello-name"),
    path("async/", AsyncHello.as_view(), name="async-hello"),
    path("page/", TemplateView.as_view(template_name="page.html"), name="page"),
    path("go/", RedirectView.as_view(pattern_name="hello"), name="go"),
    path("slash/", plain, name="slash"),
    path("both", plain, name="both-bare"),
    path("both/", plain, name="both"),
    path("items/<int:pk>/", plain, name="item"),
    path("once/", once),
]
