"""framework.db.transaction on every backend: atomic, savepoints, hooks."""

from __future__ import annotations

import pytest

from framework.db import IntegrityError, transaction
from framework.db.backends.base.base import BaseDatabaseWrapper
from framework.db.transaction import TransactionManagementError


@pytest.fixture
def conn(db_backend: BaseDatabaseWrapper) -> BaseDatabaseWrapper:
    with db_backend.cursor() as cursor:
        cursor.execute("CREATE TABLE thing (id integer PRIMARY KEY, name varchar(20))")
    return db_backend


def add(conn: BaseDatabaseWrapper, pk: int, name: str = "x") -> None:
    with conn.cursor() as cursor:
        cursor.execute("INSERT INTO thing (id, name) VALUES (%s, %s)", [pk, name])


def ids(conn: BaseDatabaseWrapper) -> list[int]:
    with conn.cursor() as cursor:
        cursor.execute("SELECT id FROM thing ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


class Boom(Exception):
    pass


def test_atomic_commits(conn: BaseDatabaseWrapper) -> None:
    with transaction.atomic():
        add(conn, 1)
        assert conn.in_atomic_block
        assert not conn.get_autocommit()
    assert not conn.in_atomic_block
    assert conn.get_autocommit()
    assert ids(conn) == [1]


def test_atomic_rolls_back_on_exception(conn: BaseDatabaseWrapper) -> None:
    with pytest.raises(Boom):
        with transaction.atomic():
            add(conn, 1)
            raise Boom
    assert ids(conn) == []


def test_atomic_as_decorator_with_and_without_arguments(
    conn: BaseDatabaseWrapper,
) -> None:
    @transaction.atomic
    def plain() -> bool:
        add(conn, 1)
        return conn.in_atomic_block

    @transaction.atomic(using="default")
    def failing() -> None:
        add(conn, 2)
        raise Boom

    assert plain() is True
    with pytest.raises(Boom):
        failing()
    assert ids(conn) == [1]


def test_nested_failure_rolls_back_only_the_inner_block(
    conn: BaseDatabaseWrapper,
) -> None:
    with transaction.atomic():
        add(conn, 1)
        with pytest.raises(Boom):
            with transaction.atomic():
                add(conn, 2)
                raise Boom
        add(conn, 3)
    assert ids(conn) == [1, 3]


def test_integrity_error_in_savepoint_leaves_transaction_usable(
    conn: BaseDatabaseWrapper,
) -> None:
    # On PostgreSQL an error aborts the transaction; the savepoint rescues it.
    with transaction.atomic():
        add(conn, 1)
        with pytest.raises(IntegrityError):
            with transaction.atomic():
                add(conn, 1)
        add(conn, 2)
    assert ids(conn) == [1, 2]


def test_inner_block_without_savepoint_dooms_the_outer_one(
    conn: BaseDatabaseWrapper,
) -> None:
    with transaction.atomic():
        add(conn, 1)
        with pytest.raises(Boom):
            with transaction.atomic(savepoint=False):
                add(conn, 2)
                raise Boom
        assert conn.needs_rollback
        with pytest.raises(TransactionManagementError):
            add(conn, 3)
    assert ids(conn) == []


def test_deep_nesting(conn: BaseDatabaseWrapper) -> None:
    with transaction.atomic():
        add(conn, 1)
        with transaction.atomic():
            add(conn, 2)
            with pytest.raises(Boom):
                with transaction.atomic():
                    add(conn, 3)
                    with transaction.atomic():
                        add(conn, 4)
                    raise Boom
            add(conn, 5)
    assert ids(conn) == [1, 2, 5]


def test_set_rollback_rolls_back_without_exception(conn: BaseDatabaseWrapper) -> None:
    with transaction.atomic():
        add(conn, 1)
        transaction.set_rollback(True)
        assert transaction.get_rollback()
    assert ids(conn) == []
    assert conn.get_autocommit()


def test_set_rollback_outside_atomic_is_an_error(conn: BaseDatabaseWrapper) -> None:
    with pytest.raises(TransactionManagementError, match="atomic"):
        transaction.set_rollback(True)
    with pytest.raises(TransactionManagementError):
        transaction.get_rollback()


def test_durable_block_refuses_nesting(conn: BaseDatabaseWrapper) -> None:
    with transaction.atomic(durable=True):
        add(conn, 1)
    with transaction.atomic():
        with pytest.raises(RuntimeError, match="durable"):
            with transaction.atomic(durable=True):
                add(conn, 2)
    assert ids(conn) == [1]


def test_commit_inside_atomic_is_forbidden(conn: BaseDatabaseWrapper) -> None:
    with transaction.atomic():
        with pytest.raises(TransactionManagementError):
            transaction.commit()
        with pytest.raises(TransactionManagementError):
            transaction.rollback()


def test_on_commit_runs_after_commit_only(conn: BaseDatabaseWrapper) -> None:
    calls: list[str] = []
    with transaction.atomic():
        transaction.on_commit(lambda: calls.append("a"))
        with transaction.atomic():
            transaction.on_commit(lambda: calls.append("b"))
        assert calls == []
    assert calls == ["a", "b"]


def test_on_commit_discarded_on_rollback(conn: BaseDatabaseWrapper) -> None:
    calls: list[str] = []
    with pytest.raises(Boom):
        with transaction.atomic():
            transaction.on_commit(lambda: calls.append("a"))
            raise Boom
    with transaction.atomic():
        pass
    assert calls == []


def test_on_commit_of_rolled_back_savepoint_is_dropped(
    conn: BaseDatabaseWrapper,
) -> None:
    calls: list[str] = []
    with transaction.atomic():
        transaction.on_commit(lambda: calls.append("outer"))
        with pytest.raises(Boom):
            with transaction.atomic():
                transaction.on_commit(lambda: calls.append("inner"))
                raise Boom
    assert calls == ["outer"]


def test_on_commit_outside_transaction_runs_at_once(conn: BaseDatabaseWrapper) -> None:
    calls: list[int] = []
    transaction.on_commit(lambda: calls.append(1))
    assert calls == [1]


def test_robust_on_commit_hook_failure_is_logged(
    conn: BaseDatabaseWrapper, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[str] = []

    def broken() -> None:
        raise Boom("hook failed")

    with transaction.atomic():
        transaction.on_commit(broken, robust=True)
        transaction.on_commit(lambda: calls.append("after"))
    assert calls == ["after"]
    assert "hook failed" in caplog.text


def test_failing_hook_propagates_without_robust(conn: BaseDatabaseWrapper) -> None:
    def broken() -> None:
        raise Boom

    with pytest.raises(Boom):
        with transaction.atomic():
            add(conn, 1)
            transaction.on_commit(broken)
    assert ids(conn) == [1]  # The commit had happened already.


def test_on_commit_hook_may_use_the_database(conn: BaseDatabaseWrapper) -> None:
    with transaction.atomic():
        add(conn, 1)
        transaction.on_commit(lambda: add(conn, 2))
    assert ids(conn) == [1, 2]


def test_on_commit_rejects_non_callables(conn: BaseDatabaseWrapper) -> None:
    with pytest.raises(TypeError):
        transaction.on_commit(None)  # type: ignore[arg-type]


def test_manual_transaction_with_set_autocommit(conn: BaseDatabaseWrapper) -> None:
    transaction.set_autocommit(False)
    try:
        add(conn, 1)
        transaction.rollback()
        add(conn, 2)
        transaction.commit()
        with transaction.atomic():
            add(conn, 3)  # A savepoint inside the manual transaction.
        transaction.rollback()
    finally:
        transaction.set_autocommit(True)
    assert ids(conn) == [2]


def test_savepoint_api(conn: BaseDatabaseWrapper) -> None:
    with transaction.atomic():
        add(conn, 1)
        sid = transaction.savepoint()
        assert sid is not None
        add(conn, 2)
        transaction.savepoint_rollback(sid)
        sid = transaction.savepoint()
        assert sid is not None
        add(conn, 3)
        transaction.savepoint_commit(sid)
    assert ids(conn) == [1, 3]
    assert transaction.savepoint() is None


def test_reused_atomic_object_supports_recursion(conn: BaseDatabaseWrapper) -> None:
    block = transaction.atomic()

    def recurse(depth: int) -> None:
        with block:
            add(conn, depth)
            if depth < 3:
                recurse(depth + 1)

    recurse(1)
    assert ids(conn) == [1, 2, 3]


def test_ddl_is_transactional(conn: BaseDatabaseWrapper) -> None:
    with pytest.raises(Boom):
        with transaction.atomic():
            with conn.cursor() as cursor:
                cursor.execute("CREATE TABLE gone (id integer)")
            raise Boom
    assert "gone" not in conn.introspection.table_names()


def test_closing_inside_atomic_marks_the_block_broken(
    conn: BaseDatabaseWrapper,
) -> None:
    with transaction.atomic():
        add(conn, 1)
        conn.close()
        with pytest.raises(TransactionManagementError):
            add(conn, 2)
    assert conn.get_autocommit()
    assert ids(conn) == []


def test_get_connection_and_autocommit_helpers(conn: BaseDatabaseWrapper) -> None:
    assert transaction.get_connection() is conn
    assert transaction.get_autocommit() is True


def test_mark_for_rollback_on_error(conn: BaseDatabaseWrapper) -> None:
    with transaction.atomic():
        with pytest.raises(Boom):
            with transaction.mark_for_rollback_on_error():
                raise Boom
        assert conn.needs_rollback
    assert conn.get_autocommit()


def test_non_atomic_requests_marks_the_view() -> None:
    @transaction.non_atomic_requests()
    def view() -> None:
        return None

    assert view._non_atomic_requests == {"default"}  # type: ignore[attr-defined]
