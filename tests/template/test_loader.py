"""get_template, select_template and render_to_string across engines."""

from __future__ import annotations

import pytest

from framework.template import (
    TemplateDoesNotExist,
    get_template,
    render_to_string,
    select_template,
)

BACKEND = "framework.template.backends.jinja2.Jinja2"


@pytest.fixture
def two_engines(settings, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "a.html").write_text("first a")
    (second / "a.html").write_text("second a")
    (second / "b.html").write_text("second {{ v }}")
    settings.TEMPLATES = [
        {"BACKEND": BACKEND, "DIRS": [str(first)]},
        {"BACKEND": BACKEND, "NAME": "two", "DIRS": [str(second)]},
    ]
    return first, second


def test_first_engine_with_the_template_wins(two_engines):
    assert get_template("a.html").render() == "first a"
    assert get_template("b.html").render({"v": 1}) == "second 1"


def test_using_picks_one_engine(two_engines):
    assert get_template("a.html", using="two").render() == "second a"
    with pytest.raises(TemplateDoesNotExist):
        get_template("b.html", using="jinja2")


def test_missing_everywhere_chains_each_engine(two_engines):
    first, second = two_engines
    with pytest.raises(TemplateDoesNotExist) as info:
        get_template("none.html")
    assert info.value.tried == [str(first), str(second)]
    assert len(info.value.chain) == 2


def test_select_template_returns_first_existing(two_engines):
    assert select_template(["x.html", "b.html", "a.html"]).render() == "second "


def test_select_template_rejects_a_string(two_engines):
    with pytest.raises(TypeError, match="get_template"):
        select_template("a.html")  # type: ignore[arg-type]


def test_select_template_with_none_existing_names_them(two_engines):
    with pytest.raises(TemplateDoesNotExist, match="x.html, y.html"):
        select_template(["x.html", "y.html"])


def test_select_template_needs_names(two_engines):
    with pytest.raises(TemplateDoesNotExist, match="No template names"):
        select_template([])


def test_render_to_string_with_name_or_list(two_engines):
    assert render_to_string("b.html", {"v": "x"}) == "second x"
    assert render_to_string(["zz.html", "b.html"], {"v": "y"}) == "second y"


def test_render_to_string_partial(settings, tmp_path):
    (tmp_path / "p.html").write_text(
        "head {% block rows %}{{ n }} rows{% endblock %} tail"
    )
    settings.TEMPLATES = [{"BACKEND": BACKEND, "DIRS": [str(tmp_path)]}]
    assert render_to_string("p.html#rows", {"n": 2}) == "2 rows"
    assert render_to_string("p.html", {"n": 2}) == "head 2 rows tail"
