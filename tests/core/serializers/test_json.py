"""Tests for framework/core/serializers/json.py."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from typing import Any

import pytest

from framework.core.serializers import JSONEncoder


def dumps(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=JSONEncoder))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2024, 1, 2, 3, 4, 5), "2024-01-02T03:04:05"),
        (dt.datetime(2024, 1, 2, 3, 4, 5, 123456), "2024-01-02T03:04:05.123"),
        (dt.datetime(2024, 1, 2, 3, 4, 5, 999999), "2024-01-02T03:04:05.999"),
        (dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC), "2024-01-02T03:04:05Z"),
        (
            dt.datetime(2024, 1, 2, 3, 4, 5, 500, tzinfo=dt.UTC),
            "2024-01-02T03:04:05.000Z",
        ),
        (
            dt.datetime(
                2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=-5))
            ),
            "2024-01-02T03:04:05-05:00",
        ),
        (dt.date(2024, 2, 29), "2024-02-29"),
        (dt.time(13, 14, 15), "13:14:15"),
        (dt.time(13, 14, 15, 250000), "13:14:15.250"),
        (decimal.Decimal("3.140"), "3.140"),
        (decimal.Decimal("1E+3"), "1E+3"),
        (
            uuid.UUID("00000000-0000-0000-0000-000000000001"),
            "00000000-0000-0000-0000-000000000001",
        ),
    ],
)
def test_encodes(value: Any, expected: str) -> None:
    assert dumps(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.timedelta(0), "P0DT00H00M00S"),
        (dt.timedelta(days=1, hours=2, minutes=3, seconds=4), "P1DT02H03M04S"),
        (dt.timedelta(seconds=1, microseconds=500), "P0DT00H00M01.000500S"),
        (dt.timedelta(seconds=59, microseconds=999600), "P0DT00H00M59.999600S"),
        (dt.timedelta(days=-1, hours=23), "-P0DT01H00M00S"),
        (-dt.timedelta(days=2, seconds=5), "-P2DT00H00M05S"),
        (dt.timedelta(days=999999, microseconds=1), "P999999DT00H00M00.000001S"),
    ],
)
def test_encodes_durations(value: dt.timedelta, expected: str) -> None:
    assert dumps(value) == expected


def test_aware_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware times"):
        json.dumps(dt.time(1, 2, tzinfo=dt.UTC), cls=JSONEncoder)


def test_unknown_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        json.dumps({"x": {1, 2}}, cls=JSONEncoder)


def test_nested_structures() -> None:
    value = {"when": [dt.date(2020, 1, 1)], "amount": {"v": decimal.Decimal("0.1")}}
    assert dumps(value) == {"when": ["2020-01-01"], "amount": {"v": "0.1"}}
