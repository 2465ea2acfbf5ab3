"""Tests for framework.core.checks.urls."""

from __future__ import annotations

import pytest

from framework.core.checks import Error, Warning
from framework.core.checks import urls as url_checks
from framework.core.exceptions import ImproperlyConfigured
from framework.test.utils import SettingsWrapper

URLCONF = "tests.core.checks.urlconf"


class _FakeResolver:
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems

    def check(self) -> list[str]:
        return self.problems


def test_no_root_urlconf_means_nothing_to_check(settings: SettingsWrapper) -> None:
    settings.ROOT_URLCONF = None
    assert url_checks.check_url_config() == []


def test_valid_urlconf_has_no_messages(settings: SettingsWrapper) -> None:
    settings.ROOT_URLCONF = URLCONF
    assert url_checks.check_url_config() == []


def test_unimportable_urlconf_is_an_error(settings: SettingsWrapper) -> None:
    settings.ROOT_URLCONF = "tests.core.checks.no_such_urls"
    [message] = url_checks.check_url_config()
    assert isinstance(message, Error)
    assert message.id == "urls.E001"
    assert "no_such_urls" in message.msg
    assert message.hint is not None and "ROOT_URLCONF" in message.hint


def test_improperly_configured_is_an_error(
    settings: SettingsWrapper, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise ImproperlyConfigured("The included URLconf has no patterns.")

    settings.ROOT_URLCONF = URLCONF
    monkeypatch.setattr(url_checks, "get_resolver", broken)
    [message] = url_checks.check_url_config()
    assert message == Error(
        "The URLconf could not be loaded: The included URLconf has no patterns.",
        hint=f"Check ROOT_URLCONF ({URLCONF!r}) and the modules it includes.",
        id="urls.E001",
    )


def test_resolver_warnings_become_warning_messages(
    settings: SettingsWrapper, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.ROOT_URLCONF = URLCONF
    fake = _FakeResolver(["Route 'a' looks odd.", "urls.W005: Namespace clash."])
    monkeypatch.setattr(url_checks, "get_resolver", lambda: fake)
    assert url_checks.check_url_config() == [
        Warning("Route 'a' looks odd.", id="urls.W001"),
        Warning("Namespace clash.", id="urls.W005"),
    ]
