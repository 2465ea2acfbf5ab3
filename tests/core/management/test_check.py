"""The ``check`` command, through call_command (in process)."""

from __future__ import annotations

import io
from typing import Any

import pytest

from framework.core import checks
from framework.core.management import CommandError, SystemCheckError, call_command
from framework.test.utils import SettingsWrapper


def _run(*args: str, **options: Any) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("check", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def only(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Replace the registered checks with the given (check, tags) pairs."""

    def install(*pairs: tuple[Any, frozenset[str]], deploy: bool = False) -> None:
        attribute = "deployment_checks" if deploy else "registered_checks"
        monkeypatch.setattr(checks.registry, attribute, dict(pairs))

    return install


def _warning(**kwargs: Any) -> list[checks.CheckMessage]:
    return [checks.Warning("Watch out.", hint="Do X.", id="test.W001")]


def _error(**kwargs: Any) -> list[checks.CheckMessage]:
    return [checks.Error("Broken.", id="test.E001")]


def test_no_issues() -> None:
    out, err = _run()
    assert out == "System check identified no issues (0 silenced).\n"
    assert err == ""


def test_warnings_are_printed_and_pass(only: Any) -> None:
    only((_warning, frozenset({"custom"})))
    out, err = _run()
    assert out == ""
    assert err == (
        "System check identified some issues:\n\n"
        "WARNINGS:\n"
        "test.W001: Watch out.\n\tHINT: Do X.\n\n"
        "System check identified 1 issue (0 silenced).\n"
    )


def test_errors_fail(only: Any) -> None:
    only((_warning, frozenset()), (_error, frozenset()))
    with pytest.raises(SystemCheckError) as info:
        _run()
    text = str(info.value)
    assert text.startswith("SystemCheckError: System check identified some issues:")
    assert text.index("ERRORS:") < text.index("WARNINGS:")
    assert text.endswith("System check identified 2 issues (0 silenced).")
    assert info.value.returncode == 1


def test_fail_level(only: Any) -> None:
    only((_warning, frozenset()))
    with pytest.raises(SystemCheckError):
        _run(fail_level="WARNING")
    _run("--fail-level", "ERROR")


def test_silenced_messages_are_counted(only: Any, settings: SettingsWrapper) -> None:
    only((_warning, frozenset()), (_error, frozenset()))
    settings.SILENCED_SYSTEM_CHECKS = ["test.W001", "test.E001"]
    out, _ = _run()
    assert out == "System check identified no issues (2 silenced).\n"


def test_tag_selects_checks(only: Any) -> None:
    only((_warning, frozenset({"a"})), (_error, frozenset({"b"})))
    _, err = _run("--tag", "a")
    assert "test.W001" in err
    with pytest.raises(SystemCheckError):
        _run(tags=["b"])


def test_unknown_tag(only: Any) -> None:
    only((_warning, frozenset({"a"})))
    with pytest.raises(CommandError, match="no system check with the 'zz' tag"):
        _run("-t", "zz")


def test_list_tags(only: Any) -> None:
    only((_warning, frozenset({"b", "a"})))
    only((_error, frozenset({"deploy_only"})), deploy=True)
    assert _run("--list-tags")[0] == "a\nb\n"
    assert _run("--list-tags", "--deploy")[0] == "a\nb\ndeploy_only\n"


def test_deploy_runs_deployment_checks(only: Any) -> None:
    only((_error, frozenset({"security"})), deploy=True)
    _run()
    with pytest.raises(SystemCheckError, match="test.E001"):
        _run("--deploy")


def test_deploy_on_real_checks_reports_debug(settings: SettingsWrapper) -> None:
    settings.DEBUG = True
    _, err = _run("--deploy")
    assert "security.W018" in err


def test_unknown_app_label() -> None:
    with pytest.raises(CommandError, match="No installed app with label 'nope'"):
        _run("nope")


def test_no_app_labels_means_all_apps(only: Any) -> None:
    seen: list[Any] = []

    def record(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
        seen.append(app_configs)
        return []

    only((record, frozenset()))
    _run()
    assert seen == [None]


def test_empty_secret_key_fails_check(settings: SettingsWrapper) -> None:
    settings.SECRET_KEY = ""
    with pytest.raises(SystemCheckError, match="settings.E001"):
        _run()
