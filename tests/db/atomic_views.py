"""Views and a model for the ATOMIC_REQUESTS tests."""

from __future__ import annotations

from framework.apps.registry import Apps
from framework.db import models, transaction
from framework.http import HttpRequest, HttpResponse
from framework.urls import path

isolated = Apps()


class Note(models.Model):
    text = models.CharField(max_length=50)

    class Meta:
        app_label = "atomicrequests"
        apps = isolated


def create_then_fail(request: HttpRequest) -> HttpResponse:
    Note.objects.create(text="rolled back")
    raise RuntimeError("after the write")


@transaction.non_atomic_requests()
def exempt_create_then_fail(request: HttpRequest) -> HttpResponse:
    Note.objects.create(text="kept")
    raise RuntimeError("after the write")


def create(request: HttpRequest) -> HttpResponse:
    Note.objects.create(text="committed")
    in_block = transaction.get_connection().in_atomic_block
    return HttpResponse(f"in atomic block: {in_block}")


async def async_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("async")


urlpatterns = [
    path("fail/", create_then_fail),
    path("exempt/", exempt_create_then_fail),
    path("ok/", create),
    path("async/", async_view),
]
