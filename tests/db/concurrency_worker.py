"""Work done by each process of tests/db/test_concurrency.py.

Kept apart from the test module so spawned processes import little. Each
function points ``DATABASES['default']`` at ``entry``, does ``rounds``
increments, each in its own atomic block, and returns the error messages.
"""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.db import connections, transaction
from framework.db.models import F
from tests.db.concurrency_models import Counter


def _use(entry: dict[str, Any]) -> None:
    settings.DATABASES = {"default": entry}
    connections.reset()


def increment_sql(entry: dict[str, Any], rounds: int) -> list[str]:
    """Increment with raw SQL: the backend's locking alone keeps the count."""
    _use(entry)
    errors: list[str] = []
    conn = connections["default"]
    for _ in range(rounds):
        try:
            with transaction.atomic(), conn.cursor() as cursor:
                cursor.execute("UPDATE counter SET n = n + %s WHERE id = %s", [1, 1])
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
    connections.close_all()
    return errors


def increment_orm(entry: dict[str, Any], rounds: int) -> list[str]:
    """Increment with ``Counter.objects.filter(pk=1).update(n=F("n") + 1)``."""
    _use(entry)
    errors: list[str] = []
    for _ in range(rounds):
        try:
            with transaction.atomic():
                Counter.objects.filter(pk=1).update(n=F("n") + 1)
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
    connections.close_all()
    return errors
