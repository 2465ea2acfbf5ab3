"""URLs reversed by the template tests."""

from framework.http import HttpResponse
from framework.urls import path


def view(request, **kwargs):
    return HttpResponse("ok")


urlpatterns = [
    path("", view, name="home"),
    path("posts/<int:pk>/", view, name="post"),
    path("tags/<slug:tag>/", view, name="tag"),
]
