"""What SQLite can and cannot do (see the base class for each flag's meaning)."""

from __future__ import annotations

import sqlite3

from framework.db.backends.base.features import BaseDatabaseFeatures

__all__ = ["DatabaseFeatures"]


class DatabaseFeatures(BaseDatabaseFeatures):
    # SQLite has no row locks; BEGIN IMMEDIATE serializes writers instead.
    has_select_for_update = False
    has_native_uuid_field = False
    has_native_json_field = False
    has_native_duration_field = False
    # REGEXP is Python's re module, registered per connection.
    supports_regex_backreferencing = True
    # ALTER COLUMN does not exist: the schema editor rebuilds the table.
    supports_alter_column = False
    # LIKE ignores ASCII case, so case-sensitive lookups use GLOB.
    has_case_sensitive_like = False
    has_native_boolean = False
    supports_timezones = False
    # SQLITE_MAX_VARIABLE_NUMBER: 999 before 3.32, 32766 since.
    max_query_params = 32766 if sqlite3.sqlite_version_info >= (3, 32) else 999
