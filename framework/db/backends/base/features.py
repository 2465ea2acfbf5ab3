"""Capability flags: what a backend can do, one class-level flag each.

Code asks ``connection.features.<flag>`` instead of checking the vendor, so a
new backend only flips flags.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from framework.db.backends.base.base import BaseDatabaseWrapper

__all__ = ["BaseDatabaseFeatures"]


class BaseDatabaseFeatures:
    """Flags shared by every backend; subclasses override what differs."""

    # CREATE/ALTER/DROP run inside a transaction and roll back with it.
    supports_transactional_ddl = True
    # A failed migration's DDL can be rolled back (implies transactional DDL).
    can_rollback_ddl = True
    # SAVEPOINT / RELEASE / ROLLBACK TO work inside a transaction.
    uses_savepoints = True
    # INSERT ... RETURNING works for single-row inserts.
    can_return_columns_from_insert = True
    # A multi-row INSERT ... RETURNING returns every new row's columns.
    can_return_rows_from_bulk_insert = True
    # SELECT ... FOR UPDATE locks rows.
    has_select_for_update = False
    # FOR UPDATE NOWAIT / SKIP LOCKED are available.
    has_select_for_update_nowait = False
    has_select_for_update_skip_locked = False
    # UUIDs are stored in a native uuid column (not char(32)).
    has_native_uuid_field = False
    # JSON is stored in a native JSON column and comes back decoded.
    has_native_json_field = False
    # Durations are stored as an interval type (not integer microseconds).
    has_native_duration_field = False
    # Regex lookups understand back-references such as \1.
    supports_regex_backreferencing = True
    # Foreign key constraints are enforced.
    supports_foreign_keys = True
    # Constraints can be deferred to commit (DEFERRABLE INITIALLY DEFERRED).
    can_defer_constraint_checks = True
    # Timezone-aware datetimes are stored with their offset.
    supports_timezones = False
    # Partial indexes / unique constraints with a WHERE condition.
    supports_partial_indexes = True
    # CHECK constraints on tables and columns.
    supports_table_check_constraints = True
    supports_column_check_constraints = True
    # ALTER TABLE can change a column in place (SQLite rebuilds the table).
    supports_alter_column = True
    # DISTINCT ON (fields).
    can_distinct_on_fields = False
    # ILIKE operator.
    has_ilike = False
    # Comparisons with LIKE are case-sensitive for ASCII by default.
    has_case_sensitive_like = True
    # Integer primary keys start at 1 and are never reused after a rollback.
    supports_sequence_reset = False
    # Booleans have a native type (else 0/1 integers).
    has_native_boolean = True
    # The largest number of query parameters a single statement may use.
    max_query_params: int | None = None

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
