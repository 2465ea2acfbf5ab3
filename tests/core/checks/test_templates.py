"""Tests for framework.core.checks.templates."""

from __future__ import annotations

from framework.core.checks import templates as template_checks
from framework.test.utils import SettingsWrapper

JINJA2 = "framework.template.backends.jinja2.Jinja2"


def test_valid_backend_passes(settings: SettingsWrapper) -> None:
    settings.TEMPLATES = [{"BACKEND": JINJA2, "DIRS": [], "APP_DIRS": True}]
    assert template_checks.check_template_backends() == []


def test_unimportable_backend_is_an_error(settings: SettingsWrapper) -> None:
    settings.TEMPLATES = [{"BACKEND": "nowhere.backends.Engine"}]
    [message] = template_checks.check_template_backends()
    assert message.id == "templates.E001"
    assert "nowhere.backends.Engine" in message.msg


def test_missing_backend_is_an_error(settings: SettingsWrapper) -> None:
    settings.TEMPLATES = [{"DIRS": []}]
    [message] = template_checks.check_template_backends()
    assert message.id == "templates.E001"
    assert "TEMPLATES[0]" in message.msg


def test_duplicate_engine_names_are_an_error(settings: SettingsWrapper) -> None:
    settings.TEMPLATES = [{"BACKEND": JINJA2}, {"BACKEND": JINJA2}]
    [message] = template_checks.check_template_backends()
    assert message.id == "templates.E002"
    assert "jinja2" in message.msg


def test_distinct_names_make_duplicates_fine(settings: SettingsWrapper) -> None:
    settings.TEMPLATES = [
        {"BACKEND": JINJA2},
        {"BACKEND": JINJA2, "NAME": "emails"},
    ]
    assert template_checks.check_template_backends() == []


