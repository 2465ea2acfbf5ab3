"""Concurrent writers lose no update and never see "database is locked".

Four OS processes each run 250 increments of one row, each increment in its
own atomic block, against one SQLite file (WAL, BEGIN IMMEDIATE,
busy_timeout) and against PostgreSQL (row locks). The count must be exactly
1000 and no process may report an error.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any

import pytest

from framework.db.backends.base.base import BaseDatabaseWrapper
from tests.db import concurrency_worker
from tests.db.concurrency_models import Counter

PROCESSES = 4
ROUNDS = 250


def run_workers(
    conn: BaseDatabaseWrapper, work: Callable[[dict[str, Any], int], list[str]]
) -> list[str]:
    entry = {
        key: conn.settings_dict[key]
        for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS")
    }
    context = multiprocessing.get_context("spawn")
    with context.Pool(PROCESSES) as pool:
        results = pool.starmap(work, [(entry, ROUNDS)] * PROCESSES)
    return [error for errors in results for error in errors]


def counter_value(conn: BaseDatabaseWrapper) -> int:
    with conn.cursor() as cursor:
        cursor.execute("SELECT n FROM counter WHERE id = %s", [1])
        return int(cursor.fetchone()[0])


@pytest.mark.slow
def test_concurrent_sql_increments(db_backend: BaseDatabaseWrapper) -> None:
    with db_backend.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (id integer PRIMARY KEY, n integer)")
        cursor.execute("INSERT INTO counter (id, n) VALUES (1, 0)")
    db_backend.close()
    errors = run_workers(db_backend, concurrency_worker.increment_sql)
    assert errors == []
    assert counter_value(db_backend) == PROCESSES * ROUNDS


@pytest.mark.slow
def test_concurrent_orm_increments(
    db_backend: BaseDatabaseWrapper, create_models: Any
) -> None:
    with create_models(Counter):
        Counter.objects.create(pk=1, n=0)
        db_backend.close()
        errors = run_workers(db_backend, concurrency_worker.increment_orm)
        assert errors == []
        assert counter_value(db_backend) == PROCESSES * ROUNDS
        assert Counter.objects.get(pk=1).n == PROCESSES * ROUNDS
