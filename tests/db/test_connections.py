"""The connection handler: settings, per-thread wrappers, lifetime, errors."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from framework.core.exceptions import ImproperlyConfigured
from framework.core.signals import request_finished, request_started
from framework.db import (
    DEFAULT_DB_ALIAS,
    ConnectionDoesNotExist,
    ConnectionHandler,
    close_old_connections,
    connections,
    load_backend,
)
from framework.db.backends.base.base import BaseDatabaseWrapper
from framework.test.utils import override_settings


def sqlite_entry(path: Path, **extra: Any) -> dict[str, Any]:
    return {"ENGINE": "framework.db.backends.sqlite3", "NAME": str(path), **extra}


def test_nothing_connects_until_a_cursor_is_needed(tmp_path: Path) -> None:
    handler = ConnectionHandler({"default": sqlite_entry(tmp_path / "a.db")})
    conn = handler["default"]
    assert conn.connection is None
    assert not (tmp_path / "a.db").exists()
    conn.ensure_connection()
    assert conn.connection is not None
    conn.close()


def test_one_wrapper_per_thread(tmp_path: Path) -> None:
    handler = ConnectionHandler({"default": sqlite_entry(tmp_path / "a.db")})
    mine = handler["default"]
    assert handler["default"] is mine
    theirs: list[BaseDatabaseWrapper] = []
    thread = threading.Thread(target=lambda: theirs.append(handler["default"]))
    thread.start()
    thread.join()
    assert theirs and theirs[0] is not mine
    assert theirs[0].settings_dict is mine.settings_dict


def test_settings_defaults_are_filled_in(tmp_path: Path) -> None:
    handler = ConnectionHandler({"default": sqlite_entry(tmp_path / "a.db")})
    entry = handler["default"].settings_dict
    assert entry["CONN_MAX_AGE"] == 0
    assert entry["OPTIONS"] == {}
    assert entry["ATOMIC_REQUESTS"] is False
    assert entry["TEST"] == {"NAME": None}
    assert list(handler) == [DEFAULT_DB_ALIAS]


def test_empty_databases_names_the_setting() -> None:
    handler = ConnectionHandler({})
    with pytest.raises(ImproperlyConfigured, match="DATABASES is empty"):
        handler["default"]


def test_missing_default_alias_is_reported(tmp_path: Path) -> None:
    handler = ConnectionHandler({"other": sqlite_entry(tmp_path / "a.db")})
    with pytest.raises(ImproperlyConfigured, match="'default'"):
        handler["other"]


def test_missing_engine_is_reported() -> None:
    handler = ConnectionHandler({"default": {"NAME": "x"}})
    with pytest.raises(ImproperlyConfigured, match="ENGINE"):
        handler["default"]


def test_unknown_engine_lists_the_builtin_backends() -> None:
    handler = ConnectionHandler({"default": {"ENGINE": "framework.db.backends.nope"}})
    with pytest.raises(ImproperlyConfigured) as info:
        handler["default"]
    message = str(info.value)
    assert "framework.db.backends.sqlite3" in message
    assert "framework.db.backends.postgresql" in message


def test_unknown_alias(tmp_path: Path) -> None:
    handler = ConnectionHandler({"default": sqlite_entry(tmp_path / "a.db")})
    with pytest.raises(ConnectionDoesNotExist, match="'other'"):
        handler["other"]


def test_sqlite_without_name(tmp_path: Path) -> None:
    handler = ConnectionHandler({"default": sqlite_entry(tmp_path)})
    handler.settings["default"]["NAME"] = ""
    with pytest.raises(ImproperlyConfigured, match="NAME"):
        handler["default"].ensure_connection()


def test_missing_psycopg_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    for name in list(sys.modules):
        if name.startswith("framework.db.backends.postgresql"):
            monkeypatch.delitem(sys.modules, name)
    with pytest.raises(
        ImproperlyConfigured, match=r"pip install 'framework\[postgres\]'"
    ):
        load_backend("framework.db.backends.postgresql")


def test_overriding_databases_resets_connections(tmp_path: Path) -> None:
    with override_settings(DATABASES={"default": sqlite_entry(tmp_path / "a.db")}):
        first = connections["default"]
        first.ensure_connection()
        with override_settings(DATABASES={"default": sqlite_entry(tmp_path / "b.db")}):
            second = connections["default"]
            assert second is not first
            assert second.settings_dict["NAME"].endswith("b.db")
        assert first.connection is None  # Closed by the reset.


def test_conn_max_age_zero_closes_at_request_end(tmp_path: Path) -> None:
    with override_settings(DATABASES={"default": sqlite_entry(tmp_path / "a.db")}):
        conn = connections["default"]
        conn.ensure_connection()
        request_finished.send(sender=None)
        assert conn.connection is None


def test_persistent_connection_survives_requests_until_max_age(
    tmp_path: Path,
) -> None:
    entry = sqlite_entry(tmp_path / "a.db", CONN_MAX_AGE=60)
    with override_settings(DATABASES={"default": entry}):
        conn = connections["default"]
        conn.ensure_connection()
        raw = conn.connection
        request_started.send(sender=None)
        request_finished.send(sender=None)
        assert conn.connection is raw
        conn.close_at = time.monotonic() - 1
        close_old_connections()
        assert conn.connection is None
        conn.close()


def test_unlimited_max_age(tmp_path: Path) -> None:
    entry = sqlite_entry(tmp_path / "a.db", CONN_MAX_AGE=None)
    with override_settings(DATABASES={"default": entry}):
        conn = connections["default"]
        conn.ensure_connection()
        assert conn.close_at is None
        close_old_connections()
        assert conn.connection is not None
        conn.close()


def test_connection_left_in_transaction_is_closed(tmp_path: Path) -> None:
    entry = sqlite_entry(tmp_path / "a.db", CONN_MAX_AGE=60)
    with override_settings(DATABASES={"default": entry}):
        conn = connections["default"]
        conn.set_autocommit(False)
        close_old_connections()
        assert conn.connection is None
        conn.autocommit = True


def test_errors_trigger_a_health_check(
    db_backend: BaseDatabaseWrapper, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_backend.settings_dict["CONN_MAX_AGE"] = 60
    db_backend.close()
    db_backend.ensure_connection()
    db_backend.errors_occurred = True
    close_old_connections()
    assert db_backend.connection is not None  # Usable: kept.
    assert db_backend.errors_occurred is False
    db_backend.errors_occurred = True
    monkeypatch.setattr(db_backend, "is_usable", lambda: False)
    close_old_connections()
    assert db_backend.connection is None


def test_health_check_replaces_a_dead_connection(
    db_backend: BaseDatabaseWrapper,
) -> None:
    db_backend.settings_dict.update(CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True)
    db_backend.close()
    db_backend.ensure_connection()
    raw = db_backend.connection
    close_old_connections()  # A new request: the next use re-checks.
    raw.close()  # The server (or a network blip) dropped it.
    with db_backend.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert db_backend.connection is not raw


def test_errors_from_a_closed_driver_connection_are_translated(
    db_backend: BaseDatabaseWrapper,
) -> None:
    from framework.db import Error

    db_backend.ensure_connection()
    db_backend.connection.close()
    with pytest.raises(Error):
        with db_backend.cursor() as cursor:
            cursor.execute("SELECT 1")
    assert db_backend.errors_occurred


def test_backend_identity(db_backend: BaseDatabaseWrapper) -> None:
    assert db_backend.alias == "default"
    assert db_backend.vendor in ("sqlite", "postgresql")
    assert db_backend.display_name in ("SQLite", "PostgreSQL")
    assert "default" in repr(db_backend)


def test_threads_use_their_own_connections(db_backend: BaseDatabaseWrapper) -> None:
    with db_backend.cursor() as cursor:
        cursor.execute("CREATE TABLE t (id integer)")
    errors: list[BaseException] = []
    seen: list[int] = []

    def work(n: int) -> None:
        try:
            conn = connections["default"]
            assert conn is not db_backend
            with conn.cursor() as cursor:
                cursor.execute("INSERT INTO t (id) VALUES (%s)", [n])
            seen.append(id(conn.connection))
            conn.close()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with db_backend.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM t")
        assert cursor.fetchone() == (4,)


def test_temporary_connection_closes_when_it_opened(
    db_backend: BaseDatabaseWrapper,
) -> None:
    db_backend.close()
    with db_backend.temporary_connection() as cursor:
        cursor.execute("SELECT 1")
    assert db_backend.connection is None
