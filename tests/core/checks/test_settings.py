"""Tests for framework.core.checks.settings."""

from __future__ import annotations

import pytest

from framework.core import checks
from framework.core.checks import settings as setting_checks
from framework.test.utils import SettingsWrapper

STRONG_KEY = "k7#Gq2!vN9@pL4$wX8^zR1&bT6*eY3(uM0)aS5-dF+hJ=cV_oI"


def _ids(messages: list[checks.CheckMessage]) -> list[str | None]:
    return [m.id for m in messages]


def test_empty_secret_key_is_an_error(settings: SettingsWrapper) -> None:
    settings.SECRET_KEY = ""
    [message] = setting_checks.check_secret_key()
    assert message.id == "settings.E001"
    assert message.level == checks.ERROR
    assert message.hint is not None and "SECRET_KEY" in message.hint


def test_non_empty_secret_key_passes(settings: SettingsWrapper) -> None:
    settings.SECRET_KEY = "x"
    assert setting_checks.check_secret_key() == []


@pytest.mark.parametrize(
    ("key", "fragment"),
    [
        ("short", "fewer than 50 characters"),
        ("ab" * 30, "fewer than 5 unique"),
        ("framework-insecure-" + STRONG_KEY, "framework-insecure-"),
    ],
)
def test_weak_secret_key_warns_on_deploy(
    settings: SettingsWrapper, key: str, fragment: str
) -> None:
    settings.SECRET_KEY = key
    [message] = setting_checks.check_secret_key_strength()
    assert message.id == "security.W009"
    assert fragment in message.msg
    assert message.hint is not None and "SECRET_KEY" in message.hint


def test_strong_secret_key_passes(settings: SettingsWrapper) -> None:
    settings.SECRET_KEY = STRONG_KEY
    assert setting_checks.check_secret_key_strength() == []


def test_debug_on_warns(settings: SettingsWrapper) -> None:
    settings.DEBUG = True
    [message] = setting_checks.check_debug()
    assert message.id == "security.W018"
    assert message.hint is not None and "DEBUG" in message.hint
    settings.DEBUG = False
    assert setting_checks.check_debug() == []


def test_empty_allowed_hosts_warns(settings: SettingsWrapper) -> None:
    settings.ALLOWED_HOSTS = []
    [message] = setting_checks.check_allowed_hosts()
    assert message.id == "security.W020"
    assert message.hint is not None and "ALLOWED_HOSTS" in message.hint
    settings.ALLOWED_HOSTS = ["example.com"]
    assert setting_checks.check_allowed_hosts() == []


def test_deploy_checks_only_run_with_deploy(settings: SettingsWrapper) -> None:
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = []
    assert "security.W018" not in _ids(checks.run_checks())
    deploy_ids = _ids(checks.run_checks(include_deployment_checks=True))
    assert {"security.W018", "security.W020"} <= set(deploy_ids)


def test_silenced_deploy_check(settings: SettingsWrapper) -> None:
    settings.DEBUG = True
    settings.SILENCED_SYSTEM_CHECKS = ["security.W018"]
    assert "security.W018" not in _ids(
        checks.run_checks(include_deployment_checks=True)
    )
