"""A JSON encoder that also handles dates, times, decimals, UUIDs and lazy strings."""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from typing import Any

__all__ = ["JSONEncoder"]


class JSONEncoder(json.JSONEncoder):
    """Encode the types views commonly return that ``json`` itself rejects.

    Datetimes and times use ISO 8601 with milliseconds at most (what JavaScript's
    ``Date`` parses); decimals and UUIDs become strings so no precision is lost.
    """

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            text = o.isoformat(timespec="milliseconds" if o.microsecond else "seconds")
            return (
                text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
            )
        if isinstance(o, datetime.date):
            return o.isoformat()
        if isinstance(o, datetime.time):
            if o.utcoffset() is not None:
                raise ValueError("JSON cannot represent timezone-aware times.")
            return o.isoformat(timespec="milliseconds" if o.microsecond else "seconds")
        if isinstance(o, datetime.timedelta):
            return _duration_iso(o)
        if isinstance(o, decimal.Decimal | uuid.UUID):
            return str(o)
        return super().default(o)


def _duration_iso(delta: datetime.timedelta) -> str:
    seconds = delta.total_seconds()
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, rem = divmod(seconds, 86400)
    hours, rem = divmod(rem, 3600)
    minutes, secs = divmod(rem, 60)
    return f"{sign}P{int(days)}DT{int(hours):02d}H{int(minutes):02d}M{secs:06.3f}S".replace(
        ".000S", "S"
    )
