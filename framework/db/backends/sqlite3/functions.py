"""Python functions registered on every SQLite connection.

SQLite lacks REGEXP and date-part extraction; these fill the gap so the same
lookups work on both backends. Datetimes arrive as the ISO text the backend
stores (UTC when ``USE_TZ``), so parts are extracted in UTC.
"""

from __future__ import annotations

import datetime
import functools
import math
import re
from collections.abc import Callable
from typing import Any

__all__ = ["FUNCTIONS"]


@functools.lru_cache(maxsize=256)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _regexp(pattern: Any, value: Any) -> bool | None:
    """Back ``value REGEXP pattern`` (SQLite calls it as regexp(pattern, value))."""
    if pattern is None or value is None:
        return None
    return _compile(str(pattern)).search(str(value)) is not None


def _parse(value: Any) -> datetime.datetime | None:
    if value is None:
        return None
    text = str(value)
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        parsed = datetime.time.fromisoformat(text)
    except ValueError:
        return None
    return datetime.datetime.combine(datetime.date(1900, 1, 1), parsed)


_EXTRACT: dict[str, Callable[[datetime.datetime], int]] = {
    "year": lambda d: d.year,
    "iso_year": lambda d: d.isocalendar()[0],
    "quarter": lambda d: (d.month - 1) // 3 + 1,
    "month": lambda d: d.month,
    "day": lambda d: d.day,
    "week": lambda d: d.isocalendar()[1],
    # 1 = Sunday ... 7 = Saturday, as on PostgreSQL's DOW + 1.
    "week_day": lambda d: d.isoweekday() % 7 + 1,
    "iso_week_day": lambda d: d.isoweekday(),
    "hour": lambda d: d.hour,
    "minute": lambda d: d.minute,
    "second": lambda d: d.second,
}


def _date_extract(lookup_type: str, value: Any) -> int | None:
    parsed = _parse(value)
    if parsed is None:
        return None
    return _EXTRACT[lookup_type](parsed)


def _datetime_trunc(kind: str, value: Any) -> str | None:
    parsed = _parse(value)
    if parsed is None:
        return None
    if kind == "year":
        parsed = parsed.replace(month=1, day=1, hour=0, minute=0, second=0)
    elif kind == "quarter":
        month = (parsed.month - 1) // 3 * 3 + 1
        parsed = parsed.replace(month=month, day=1, hour=0, minute=0, second=0)
    elif kind == "month":
        parsed = parsed.replace(day=1, hour=0, minute=0, second=0)
    elif kind == "week":
        parsed = parsed - datetime.timedelta(days=parsed.weekday())
        parsed = parsed.replace(hour=0, minute=0, second=0)
    elif kind == "day":
        parsed = parsed.replace(hour=0, minute=0, second=0)
    elif kind == "hour":
        parsed = parsed.replace(minute=0, second=0)
    elif kind == "minute":
        parsed = parsed.replace(second=0)
    return parsed.replace(microsecond=0).isoformat(" ")


def _power(base: Any, exponent: Any) -> float | None:
    if base is None or exponent is None:
        return None
    return math.pow(float(base), float(exponent))


FUNCTIONS: list[tuple[str, int, Callable[..., Any]]] = [
    ("REGEXP", 2, _regexp),
    ("framework_date_extract", 2, _date_extract),
    ("framework_datetime_trunc", 2, _datetime_trunc),
    ("framework_power", 2, _power),
]
