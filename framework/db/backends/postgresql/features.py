"""What PostgreSQL can do (see the base class for each flag's meaning)."""

from __future__ import annotations

from framework.db.backends.base.features import BaseDatabaseFeatures

__all__ = ["DatabaseFeatures"]


class DatabaseFeatures(BaseDatabaseFeatures):
    has_select_for_update = True
    has_select_for_update_nowait = True
    has_select_for_update_skip_locked = True
    has_native_uuid_field = True
    has_native_json_field = True
    has_native_duration_field = True
    # POSIX regular expressions support back-references.
    supports_regex_backreferencing = True
    supports_alter_column = True
    can_distinct_on_fields = True
    has_ilike = True
    has_case_sensitive_like = True
    supports_timezones = True
    # Identity columns: explicit ids do not advance the sequence.
    supports_sequence_reset = True
    # The wire protocol counts parameters in a 16-bit integer.
    max_query_params = 65535
