"""``JSONField``: any JSON-serialisable value in one column.

PostgreSQL stores ``jsonb``; SQLite stores text (its backend's converters
decode it). Key/path lookups (``data__key``) are not supported yet.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from framework.core.exceptions import ValidationError
from framework.db.models.fields.base import Field


class JSONField(Field[Any]):
    """Store dicts, lists, strings, numbers, booleans or null as JSON."""

    empty_strings_allowed = False
    extra_defaults: ClassVar[dict[str, Any]] = {"encoder": None, "decoder": None}

    def __init__(
        self,
        *args: Any,
        encoder: type[json.JSONEncoder] | None = None,
        decoder: type[json.JSONDecoder] | None = None,
        **kwargs: Any,
    ) -> None:
        if encoder is not None and not callable(encoder):
            raise ValueError("JSONField(encoder=...) must be a JSONEncoder class.")
        self.encoder, self.decoder = encoder, decoder
        super().__init__(*args, **kwargs)

    def get_db_prep_value(
        self, value: Any, connection: Any, prepared: bool = False
    ) -> Any:
        if value is None or hasattr(value, "as_sql"):
            return value
        return connection.ops.adapt_json_value(value, self.encoder)

    def validate(self, value: Any, model_instance: Any) -> None:
        super().validate(value, model_instance)
        try:
            json.dumps(value, cls=self.encoder)
        except TypeError:
            raise ValidationError(
                "Value %(value)r is not JSON serialisable.",
                code="invalid",
                params={"value": value},
            ) from None
