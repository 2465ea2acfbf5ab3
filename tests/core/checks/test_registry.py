"""Tests for framework.core.checks.registry."""

from __future__ import annotations

from typing import Any

import pytest

from framework.core.checks import CheckMessage, CheckRegistry, Error, Tags, Warning
from framework.test.utils import SettingsWrapper


def _ok(**kwargs: Any) -> list[CheckMessage]:
    return []


def _warns(**kwargs: Any) -> list[CheckMessage]:
    return [Warning("careful", id="test.W001")]


def test_register_bare_decorator() -> None:
    registry = CheckRegistry()

    @registry.register
    def check(**kwargs: Any) -> list[CheckMessage]:
        return [Error("e", id="test.E001")]

    assert registry.run_checks() == [Error("e", id="test.E001")]
    assert registry.registered_checks[check] == frozenset()


def test_register_with_tags_and_direct_call() -> None:
    registry = CheckRegistry()
    decorated = registry.register(Tags.urls, "custom")(_warns)
    assert decorated is _warns
    assert registry.register(_ok, Tags.models) is _ok
    assert registry.tags_available() == {"urls", "custom", "models"}
    assert registry.tag_exists("custom")
    assert not registry.tag_exists("nope")


def test_tags_filter_which_checks_run() -> None:
    registry = CheckRegistry()
    registry.register(_warns, "a")
    calls: list[str] = []

    def other(**kwargs: Any) -> list[CheckMessage]:
        calls.append("other")
        return []

    registry.register(other, "b")
    assert registry.run_checks(tags=["a"]) == [Warning("careful", id="test.W001")]
    assert calls == []
    registry.run_checks(tags=["b"])
    assert calls == ["other"]


def test_deployment_checks_only_run_when_asked() -> None:
    registry = CheckRegistry()
    registry.register(_warns, "security", deploy=True)
    assert registry.run_checks() == []
    assert registry.run_checks(include_deployment_checks=True) == [
        Warning("careful", id="test.W001")
    ]
    assert not registry.tag_exists("security")
    assert registry.tag_exists("security", include_deployment_checks=True)


def test_checks_receive_app_configs_and_databases() -> None:
    registry = CheckRegistry()
    seen: dict[str, Any] = {}

    def check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
        seen.update(app_configs=app_configs, **kwargs)
        return []

    registry.register(check)
    registry.run_checks(app_configs=["x"], databases=["default"])
    assert seen == {"app_configs": ["x"], "databases": ["default"]}


def test_silenced_ids_are_left_out(settings: SettingsWrapper) -> None:
    registry = CheckRegistry()
    registry.register(_warns)
    settings.SILENCED_SYSTEM_CHECKS = ["test.W001"]
    assert registry.run_checks() == []
    assert len(registry.run_checks(include_silenced=True)) == 1


def test_check_returning_non_list_raises() -> None:
    registry = CheckRegistry()

    def bad(**kwargs: Any) -> Any:
        return None

    registry.register(bad)
    with pytest.raises(TypeError, match="list of CheckMessage"):
        registry.run_checks()


def test_check_returning_non_messages_raises() -> None:
    registry = CheckRegistry()

    def bad(**kwargs: Any) -> Any:
        return ["a string"]

    registry.register(bad)
    with pytest.raises(TypeError, match="CheckMessage"):
        registry.run_checks()


def test_tags_must_be_strings() -> None:
    registry = CheckRegistry()
    with pytest.raises(TypeError):
        registry.register(_ok, 3)  # type: ignore[call-overload]
