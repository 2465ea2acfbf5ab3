"""require_http_methods and friends, on sync and async views."""

from __future__ import annotations

import asyncio

import pytest
from asgiref.sync import iscoroutinefunction

from framework.http import HttpResponse
from framework.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)


def view(request):
    """A sync view."""
    return HttpResponse("ok")


async def async_view(request):
    """An async view."""
    return HttpResponse("async ok")


def test_allowed_method_reaches_the_view(rf):
    decorated = require_http_methods(["GET", "POST"])(view)
    assert decorated(rf.post("/")).content == b"ok"


def test_other_methods_get_405_with_allow(rf):
    decorated = require_http_methods(["GET", "post"])(view)
    response = decorated(rf.put("/"))
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"


def test_wrapping_keeps_name_and_doc():
    decorated = require_GET(view)
    assert decorated.__name__ == "view"
    assert decorated.__doc__ == "A sync view."


def test_async_views_stay_async(rf):
    decorated = require_POST(async_view)
    assert iscoroutinefunction(decorated)
    assert asyncio.run(decorated(rf.post("/"))).content == b"async ok"
    refused = asyncio.run(decorated(rf.get("/")))
    assert refused.status_code == 405
    assert refused["Allow"] == "POST"


@pytest.mark.parametrize(
    ("decorator", "method", "status"),
    [
        (require_GET, "get", 200),
        (require_GET, "head", 405),
        (require_POST, "post", 200),
        (require_POST, "get", 405),
        (require_safe, "get", 200),
        (require_safe, "head", 200),
        (require_safe, "post", 405),
    ],
)
def test_shortcut_decorators(rf, decorator, method, status):
    assert decorator(view)(getattr(rf, method)("/")).status_code == status


def test_a_string_is_refused():
    with pytest.raises(TypeError, match=r"require_http_methods\(\['GET'\]\)"):
        require_http_methods("GET")
