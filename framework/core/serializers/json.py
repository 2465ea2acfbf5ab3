"""A JSON encoder that also handles dates, times, durations, decimals and UUIDs."""

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
    ``Date`` parses), UTC written as ``Z``; durations are ISO 8601 durations;
    decimals and UUIDs become strings so no precision is lost.
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
    """Format as ISO 8601 ``[-]PnDTnnHnnMnn[.ffffff]S``, exact to the microsecond.

    Integer arithmetic on the timedelta's own fields: float seconds would round
    59.9996 s up to "60S" and lose microseconds on long durations.
    """
    sign = "-" if delta < datetime.timedelta(0) else ""
    delta = abs(delta)
    hours, rem = divmod(delta.seconds, 3600)
    minutes, seconds = divmod(rem, 60)
    fraction = f".{delta.microseconds:06d}" if delta.microseconds else ""
    return f"{sign}P{delta.days}DT{hours:02d}H{minutes:02d}M{seconds:02d}{fraction}S"
