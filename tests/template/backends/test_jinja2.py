"""The Jinja2 backend: escaping, globals, partials, context and errors."""

from __future__ import annotations

import jinja2
import pytest
from markupsafe import Markup

from framework.core.exceptions import ImproperlyConfigured
from framework.http import HttpRequest
from framework.template import TemplateDoesNotExist, TemplateSyntaxError

BASE = (
    "<title>{% block title %}Site{% endblock %}</title>"
    "{% block items %}<ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>"
    "{% endblock %}{% block footer %}base footer{% endblock %}"
)
PAGE = (
    '{% extends "base.html" %}{% block title %}Page - {{ super() }}{% endblock %}'
    "{% block extra %}[{{ self.title() }}]{% endblock %}"
)


def _request() -> HttpRequest:
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = "/x/"
    request.META = {"HTTP_HOST": "testserver", "SERVER_NAME": "testserver"}
    return request


# -- escaping ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["page.html", "page.xml", "page.jinja", "page.j2"])
def test_html_like_templates_autoescape(make_engine, name):
    engine = make_engine({name: "{{ value }}"})
    assert engine.get_template(name).render({"value": "<b>"}) == "&lt;b&gt;"


def test_string_templates_autoescape(make_engine):
    engine = make_engine()
    assert engine.from_string("{{ v }}").render({"v": "<i>"}) == "&lt;i&gt;"


def test_plain_text_templates_do_not_escape(make_engine):
    engine = make_engine({"mail.txt": "Hi {{ name }}"})
    assert engine.get_template("mail.txt").render({"name": "<Al>"}) == "Hi <Al>"


def test_unknown_extensions_escape_by_default(make_engine):
    engine = make_engine({"snippet.frag": "{{ v }}"})
    assert engine.get_template("snippet.frag").render({"v": "&"}) == "&amp;"


def test_markup_is_not_escaped_twice(make_engine):
    engine = make_engine({"a.html": "{{ v }}"})
    assert engine.get_template("a.html").render({"v": Markup("<b>")}) == "<b>"


def test_missing_variables_render_empty(make_engine, settings):
    settings.DEBUG = True
    engine = make_engine({"a.html": "[{{ nothing }}]"})
    assert engine.get_template("a.html").render() == "[]"


def test_auto_reload_follows_debug(make_engine, settings):
    settings.DEBUG = True
    assert make_engine().env.auto_reload is True
    settings.DEBUG = False
    assert make_engine().env.auto_reload is False


# -- options -------------------------------------------------------------------


def test_unknown_options_reach_the_environment(make_engine):
    engine = make_engine(trim_blocks=True)
    assert engine.env.trim_blocks is True


def test_invalid_option_is_improperly_configured(make_engine):
    with pytest.raises(ImproperlyConfigured, match="no_such_option"):
        make_engine(no_such_option=1)


def test_environment_option_builds_the_environment(make_engine):
    engine = make_engine(environment="tests.template.backends.envs.environment")
    assert engine.env.globals["site_name"] == "Example"
    # The framework's globals are still added, unless the factory set its own.
    assert engine.env.globals["static"]("x.css") == "/custom/x.css"
    assert callable(engine.env.globals["url"])


def test_bad_context_processor_path_is_improperly_configured(make_engine):
    with pytest.raises(ImproperlyConfigured, match="tests.nowhere.proc"):
        make_engine(context_processors=["tests.nowhere.proc"])


# -- globals -------------------------------------------------------------------


def test_url_global_reverses_names(make_engine):
    engine = make_engine()
    source = "{{ url('home') }} {{ url('post', pk=3) }} {{ url('post', 4) }}"
    assert engine.from_string(source).render() == "/ /posts/3/ /posts/4/"


def test_url_global_passes_query_and_fragment(make_engine):
    engine = make_engine()
    source = "{{ url('tag', tag='py', _query={'page': 2}, _fragment='top') }}"
    assert engine.from_string(source).render() == "/tags/py/?page=2#top"


def test_static_global_prefixes_and_quotes(make_engine, settings):
    settings.STATIC_URL = "static/"
    engine = make_engine()
    out = engine.from_string("{{ static('css/my site.css') }}").render()
    assert out == "/static/css/my%20site.css"


def test_static_global_keeps_absolute_prefix(make_engine, settings):
    settings.STATIC_URL = "https://cdn.example.com/assets"
    engine = make_engine()
    out = engine.from_string("{{ static('/app.js') }}").render()
    assert out == "https://cdn.example.com/assets/app.js"


def test_static_without_static_url_fails_when_used(make_engine, settings):
    settings.STATIC_URL = None
    engine = make_engine()
    assert engine.from_string("ok").render() == "ok"
    with pytest.raises(ImproperlyConfigured, match="STATIC_URL"):
        engine.from_string("{{ static('a.css') }}").render()


# -- context -------------------------------------------------------------------


def test_request_adds_request_and_empty_csrf(make_engine):
    source = "{{ request.path }}|{{ csrf_input }}|{{ csrf_token }}"
    engine = make_engine({"a.html": source})
    assert engine.get_template("a.html").render(request=_request()) == "/x/||"


def test_without_request_there_is_no_request_variable(make_engine):
    engine = make_engine({"a.html": "{{ request is defined }}"})
    assert engine.get_template("a.html").render() == "False"


def test_csrf_provider_is_used_lazily(make_engine):
    calls = []

    def provider():
        calls.append(1)
        return "tok<en>"

    request = _request()
    request.csrf_token = provider  # type: ignore[attr-defined]
    engine = make_engine({"plain.html": "no form", "form.html": "{{ csrf_input }}"})
    assert engine.get_template("plain.html").render(request=request) == "no form"
    assert calls == []
    out = engine.get_template("form.html").render(request=request)
    assert out == (
        '<input type="hidden" name="csrfmiddlewaretoken" value="tok&lt;en&gt;">'
    )


def test_context_processors_run_and_view_context_wins(make_engine, settings):
    settings.DEBUG = True
    settings.STATIC_URL = "assets/"
    engine = make_engine(
        {"a.html": "{{ debug }} {{ STATIC_URL }} {{ who }}"},
        context_processors=[
            "framework.template.context_processors.debug",
            "framework.template.context_processors.static",
            "tests.template.backends.envs.who",
        ],
    )
    template = engine.get_template("a.html")
    assert template.render(request=_request()) == "True /assets/ processor"
    assert template.render({"who": "view"}, _request()) == "True /assets/ view"


def test_context_processors_do_not_run_without_request(make_engine):
    engine = make_engine(
        {"a.html": "[{{ who }}]"},
        context_processors=["tests.template.backends.envs.who"],
    )
    assert engine.get_template("a.html").render() == "[]"


# -- partials ------------------------------------------------------------------


def test_partial_renders_own_block_only(make_engine):
    engine = make_engine({"base.html": BASE})
    out = engine.get_template("base.html#items").render({"items": [1, 2]})
    assert out == "<ul><li>1</li><li>2</li></ul>"


def test_partial_finds_block_defined_only_in_parent(make_engine):
    engine = make_engine({"base.html": BASE, "page.html": PAGE})
    out = engine.get_template("page.html#items").render({"items": ["a"]})
    assert out == "<ul><li>a</li></ul>"


def test_partial_uses_override_and_super(make_engine):
    engine = make_engine({"base.html": BASE, "page.html": PAGE})
    assert engine.get_template("page.html#title").render() == "Page - Site"
    assert engine.get_template("page.html#extra").render() == "[Page - Site]"


def test_partial_through_two_levels_of_inheritance(make_engine):
    engine = make_engine(
        {
            "base.html": BASE,
            "page.html": PAGE,
            "leaf.html": (
                '{% extends "page.html" %}{% block footer %}leaf{% endblock %}'
            ),
        }
    )
    assert engine.get_template("leaf.html#footer").render() == "leaf"
    assert engine.get_template("leaf.html#title").render() == "Page - Site"


def test_partial_gets_request_context(make_engine):
    engine = make_engine({"p.html": "{% block b %}{{ request.path }}{% endblock %}"})
    assert engine.get_template("p.html#b").render(request=_request()) == "/x/"


def test_partial_unknown_block_lists_available_ones(make_engine):
    engine = make_engine({"base.html": BASE, "page.html": PAGE})
    with pytest.raises(TemplateDoesNotExist) as info:
        engine.get_template("page.html#nope")
    message = str(info.value)
    assert "'page.html' has no block 'nope'" in message
    assert "extra, footer, items, title" in message


def test_partial_of_missing_template_is_template_does_not_exist(make_engine):
    engine = make_engine()
    with pytest.raises(TemplateDoesNotExist, match="missing.html"):
        engine.get_template("missing.html#b")


# -- errors --------------------------------------------------------------------


def test_missing_template_lists_folders_and_backend(make_engine, tmp_path):
    engine = make_engine()
    with pytest.raises(TemplateDoesNotExist) as info:
        engine.get_template("nope.html")
    assert info.value.tried == [str(tmp_path)]
    assert info.value.backend is engine
    assert str(tmp_path) in str(info.value)


def test_syntax_error_names_template_and_line(make_engine):
    engine = make_engine({"bad.html": "ok\n{% if %}\n"})
    with pytest.raises(TemplateSyntaxError) as info:
        engine.get_template("bad.html")
    assert info.value.name == "bad.html"
    assert info.value.lineno == 2
    assert "bad.html, line 2" in str(info.value)
    assert isinstance(info.value.__cause__, jinja2.TemplateSyntaxError)


def test_syntax_error_in_string_template(make_engine):
    with pytest.raises(TemplateSyntaxError, match="<string>, line 1"):
        make_engine().from_string("{% for %}")


def test_missing_include_at_render_is_template_does_not_exist(make_engine):
    engine = make_engine({"a.html": "{% include 'gone.html' %}"})
    with pytest.raises(TemplateDoesNotExist, match="gone.html"):
        engine.get_template("a.html").render()


def test_origin_names_the_file(make_engine, tmp_path):
    engine = make_engine({"a.html": "x"})
    template = engine.get_template("a.html")
    assert template.origin.template_name == "a.html"
    assert template.origin.name == str(tmp_path / "a.html")
