"""The engine registry: aliases, laziness, reset on settings changes, APP_DIRS."""

from __future__ import annotations

import pytest

from framework.apps import apps
from framework.conf import settings as global_settings
from framework.core.exceptions import ImproperlyConfigured
from framework.template import engines, get_template
from framework.template.backends.jinja2 import Jinja2
from framework.template.engines import EngineHandler, engine_alias

BACKEND = "framework.template.backends.jinja2.Jinja2"


def test_alias_defaults_to_backend_module_name():
    assert engine_alias({"BACKEND": BACKEND}) == "jinja2"
    assert engine_alias({"BACKEND": BACKEND, "NAME": "mail"}) == "mail"


def test_engines_are_built_once_and_listed_in_order(settings, tmp_path):
    settings.TEMPLATES = [
        {"BACKEND": BACKEND, "DIRS": [str(tmp_path)]},
        {"BACKEND": BACKEND, "NAME": "other"},
    ]
    assert list(engines) == ["jinja2", "other"]
    first = engines["jinja2"]
    assert engines["jinja2"] is first
    assert engines.all() == [first, engines["other"]]
    assert isinstance(first, Jinja2)
    assert first.name == "jinja2"
    assert first.dirs == [str(tmp_path)]


def test_changing_templates_setting_rebuilds_engines(settings, tmp_path):
    settings.TEMPLATES = [{"BACKEND": BACKEND}]
    before = engines["jinja2"]
    settings.TEMPLATES = [{"BACKEND": BACKEND, "DIRS": [str(tmp_path)]}]
    after = engines["jinja2"]
    assert after is not before
    assert after.dirs == [str(tmp_path)]


def test_changing_debug_rebuilds_engines(settings):
    settings.TEMPLATES = [{"BACKEND": BACKEND}]
    before = engines["jinja2"]
    settings.DEBUG = not global_settings.DEBUG
    assert engines["jinja2"] is not before


def test_unknown_alias_names_the_configured_ones(settings):
    settings.TEMPLATES = [{"BACKEND": BACKEND}]
    with pytest.raises(KeyError, match="configured engines: jinja2"):
        engines["django"]


def test_duplicate_names_are_improperly_configured():
    handler = EngineHandler([{"BACKEND": BACKEND}, {"BACKEND": BACKEND}])
    with pytest.raises(ImproperlyConfigured, match="'jinja2' is used twice"):
        handler.all()


def test_entry_without_backend_is_improperly_configured():
    with pytest.raises(ImproperlyConfigured, match=r"TEMPLATES\[0\]"):
        EngineHandler([{"DIRS": []}]).all()


def test_unimportable_backend_is_improperly_configured():
    handler = EngineHandler([{"BACKEND": "nowhere.Engine"}])
    with pytest.raises(ImproperlyConfigured, match="nowhere.Engine"):
        handler["nowhere"]


def test_unknown_entry_key_is_improperly_configured():
    handler = EngineHandler([{"BACKEND": BACKEND, "DIR": ["x"]}])
    with pytest.raises(ImproperlyConfigured, match="DIR"):
        handler["jinja2"]


def test_no_templates_setting_says_what_to_add(settings):
    settings.TEMPLATES = []
    with pytest.raises(ImproperlyConfigured, match="TEMPLATES = ") as info:
        get_template("a.html")
    assert BACKEND in str(info.value)


@pytest.fixture
def temp_app(tmp_path, monkeypatch):
    """Install a throwaway app ``shop`` with a templates/ folder."""
    app = tmp_path / "shop"
    (app / "templates" / "shop").mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "templates" / "shop" / "list.html").write_text("shop list")
    monkeypatch.syspath_prepend(str(tmp_path))
    apps._reset()
    apps.populate(["shop"])
    yield app
    apps._reset()
    apps.populate(global_settings.INSTALLED_APPS)


def test_app_dirs_search_installed_apps(settings, temp_app, tmp_path):
    settings.TEMPLATES = [{"BACKEND": BACKEND, "APP_DIRS": True}]
    assert engines["jinja2"].template_dirs == [str(temp_app / "templates")]
    assert get_template("shop/list.html").render() == "shop list"


def test_dirs_come_before_app_dirs(settings, temp_app, tmp_path):
    own = tmp_path / "own" / "shop"
    own.mkdir(parents=True)
    (own / "list.html").write_text("project override")
    settings.TEMPLATES = [
        {"BACKEND": BACKEND, "DIRS": [str(tmp_path / "own")], "APP_DIRS": True}
    ]
    assert get_template("shop/list.html").render() == "project override"


def test_app_dirs_off_ignores_apps(settings, temp_app):
    settings.TEMPLATES = [{"BACKEND": BACKEND, "APP_DIRS": False}]
    assert engines["jinja2"].template_dirs == []
