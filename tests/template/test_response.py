"""TemplateResponse renders late, once, and never goes out empty."""

from __future__ import annotations

import pickle

import pytest

from framework.http import HttpRequest
from framework.template.response import SimpleTemplateResponse, TemplateResponse


@pytest.fixture
def pages(make_engine):
    return make_engine(
        {"hello.html": "Hello {{ name }}", "other.html": "Other {{ name }}",
         "req.html": "{{ request.path }}"}
    )


def test_render_uses_template_and_context_changed_before_rendering(pages):
    response = SimpleTemplateResponse("hello.html", {"name": "Ann"})
    assert not response.is_rendered
    response.template_name = "other.html"
    response.context_data = {"name": "Bob"}
    assert response.render() is response
    assert response.is_rendered
    assert response.content == b"Other Bob"


def test_reading_content_renders(pages):
    response = SimpleTemplateResponse(["missing.html", "hello.html"], {"name": "Cy"})
    assert response.content == b"Hello Cy"
    assert b"".join(response) == b"Hello Cy"


def test_render_happens_once(pages):
    response = SimpleTemplateResponse("hello.html", {"name": "A"})
    response.render()
    response.context_data = {"name": "B"}
    response.render()
    assert response.content == b"Hello A"


def test_post_render_callbacks_run_and_may_replace(pages):
    seen = []
    response = SimpleTemplateResponse("hello.html", {"name": "A"})
    response.add_post_render_callback(lambda r: seen.append(r.content))
    replacement = SimpleTemplateResponse("other.html", {"name": "Z"})
    response.add_post_render_callback(lambda r: replacement)
    assert response.render() is replacement
    assert seen == [b"Hello A"]
    late = []
    response.add_post_render_callback(lambda r: late.append(True))
    assert late == [True]


def test_template_response_renders_with_request(pages):
    request = HttpRequest()
    request.path = "/here/"
    response = TemplateResponse(request, "req.html", status=201)
    assert response.status_code == 201
    assert response.content == b"/here/"


def test_unrendered_response_cannot_be_pickled(pages):
    response = SimpleTemplateResponse("hello.html", {"name": "A"})
    with pytest.raises(RuntimeError, match="render"):
        pickle.dumps(response)
    response.render()
    assert pickle.loads(pickle.dumps(response)).content == b"Hello A"
