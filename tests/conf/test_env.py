"""Tests for framework.conf.env: environment variables and database URLs."""

from __future__ import annotations

import pytest

from framework.conf.env import database_url, env_bool, env_int, env_list, env_str
from framework.core.exceptions import ImproperlyConfigured

SQLITE = "framework.db.backends.sqlite3"
POSTGRES = "framework.db.backends.postgresql"


def test_env_str_returns_value_or_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FW_TEST_STR", raising=False)
    assert env_str("FW_TEST_STR", "fallback") == "fallback"
    monkeypatch.setenv("FW_TEST_STR", "value")
    assert env_str("FW_TEST_STR", "fallback") == "value"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        ("TRUE", True),
        ("Yes", True),
        ("on", True),
        (" on ", True),
        ("0", False),
        ("false", False),
        ("No", False),
        ("OFF", False),
    ],
)
def test_env_bool_parses_common_spellings(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool
) -> None:
    monkeypatch.setenv("FW_TEST_BOOL", raw)
    assert env_bool("FW_TEST_BOOL", not expected) is expected


def test_env_bool_default_when_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FW_TEST_BOOL", raising=False)
    assert env_bool("FW_TEST_BOOL", True) is True
    assert env_bool("FW_TEST_BOOL", False) is False


@pytest.mark.parametrize("raw", ["", "maybe", "2", "y"])
def test_env_bool_rejects_other_values_naming_variable(
    monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    monkeypatch.setenv("FW_TEST_BOOL", raw)
    with pytest.raises(ImproperlyConfigured) as info:
        env_bool("FW_TEST_BOOL", True)
    assert "FW_TEST_BOOL" in str(info.value)
    assert "true/false" in str(info.value)


def test_env_int(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FW_TEST_INT", raising=False)
    assert env_int("FW_TEST_INT", 8) == 8
    monkeypatch.setenv("FW_TEST_INT", " 42 ")
    assert env_int("FW_TEST_INT", 8) == 42
    monkeypatch.setenv("FW_TEST_INT", "4x")
    with pytest.raises(ImproperlyConfigured, match="FW_TEST_INT"):
        env_int("FW_TEST_INT", 8)


def test_env_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FW_TEST_LIST", raising=False)
    assert env_list("FW_TEST_LIST") == []
    default = ["a"]
    result = env_list("FW_TEST_LIST", default)
    assert result == ["a"]
    assert result is not default
    monkeypatch.setenv("FW_TEST_LIST", " example.com , ,www.example.com,")
    assert env_list("FW_TEST_LIST", ["x"]) == ["example.com", "www.example.com"]
    monkeypatch.setenv("FW_TEST_LIST", "a;b")
    assert env_list("FW_TEST_LIST", sep=";") == ["a", "b"]


def test_sqlite_relative_path() -> None:
    config = database_url("sqlite:///db.sqlite3")
    assert config["ENGINE"] == SQLITE
    assert config["NAME"] == "db.sqlite3"
    assert config["OPTIONS"] == {}


def test_sqlite_absolute_path() -> None:
    assert database_url("sqlite:////var/data/app.db")["NAME"] == "/var/data/app.db"


def test_sqlite_memory() -> None:
    assert database_url("sqlite://:memory:")["NAME"] == ":memory:"


def test_sqlite_rejects_host_part() -> None:
    with pytest.raises(ImproperlyConfigured, match="sqlite:///"):
        database_url("sqlite://host/db.sqlite3")


def test_postgres_url_full() -> None:
    config = database_url(
        "postgres://us%40er:p%40ss%2Fword@db.example.com:6543/shop"
        "?sslmode=require&connect_timeout=5"
    )
    assert config == {
        "ENGINE": POSTGRES,
        "NAME": "shop",
        "USER": "us@er",
        "PASSWORD": "p@ss/word",
        "HOST": "db.example.com",
        "PORT": "6543",
        "OPTIONS": {"sslmode": "require", "connect_timeout": "5"},
    }


def test_postgresql_scheme_and_missing_parts() -> None:
    config = database_url("postgresql://localhost/app")
    assert config["ENGINE"] == POSTGRES
    assert (config["USER"], config["PASSWORD"], config["PORT"]) == ("", "", "")
    assert config["HOST"] == "localhost"
    assert config["NAME"] == "app"


def test_unknown_scheme_lists_supported_ones() -> None:
    with pytest.raises(ImproperlyConfigured) as info:
        database_url("mysql://user:secret@host/db")
    message = str(info.value)
    assert "postgres://" in message
    assert "sqlite://" in message
    assert "secret" not in message


def test_not_a_url() -> None:
    with pytest.raises(ImproperlyConfigured, match="Unsupported database URL"):
        database_url("db.sqlite3")


def test_bad_port_is_reported() -> None:
    with pytest.raises(ImproperlyConfigured, match="port"):
        database_url("postgres://user:pw@host:notaport/db")
