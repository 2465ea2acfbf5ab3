"""connection.ops on every backend, checked by running the SQL it builds."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

import pytest

from framework.db.backends.base.base import BaseDatabaseWrapper

WORDS = ["Apple", "apple pie", "100% juice", "a_b", "ab", "x*y?", "back\\slash"]


@pytest.fixture
def words(db_backend: BaseDatabaseWrapper) -> BaseDatabaseWrapper:
    with db_backend.cursor() as cursor:
        cursor.execute("CREATE TABLE word (id integer PRIMARY KEY, w varchar(40))")
        cursor.executemany(
            "INSERT INTO word (id, w) VALUES (%s, %s)", list(enumerate(WORDS))
        )
    return db_backend


def match(conn: BaseDatabaseWrapper, lookup: str, value: str) -> list[str]:
    sql = conn.ops.pattern_lookup_sql(lookup, '"w"')
    with conn.cursor() as cursor:
        cursor.execute(
            f"SELECT w FROM word WHERE {sql} ORDER BY id",
            [conn.ops.prep_pattern(lookup, value)],
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.parametrize(
    ("lookup", "value", "expected"),
    [
        ("contains", "pple", ["Apple", "apple pie"]),
        ("contains", "Apple", ["Apple"]),
        ("icontains", "APPLE", ["Apple", "apple pie"]),
        ("startswith", "a", ["apple pie", "a_b", "ab"]),
        ("istartswith", "a", ["Apple", "apple pie", "a_b", "ab"]),
        ("endswith", "pie", ["apple pie"]),
        ("iendswith", "PIE", ["apple pie"]),
        ("iexact", "APPLE", ["Apple"]),
        ("contains", "%", ["100% juice"]),
        ("contains", "_", ["a_b"]),
        ("icontains", "_", ["a_b"]),
        ("contains", "*", ["x*y?"]),
        ("contains", "?", ["x*y?"]),
        ("icontains", "\\", ["back\\slash"]),
        ("contains", "\\", ["back\\slash"]),
    ],
)
def test_pattern_lookups(
    words: BaseDatabaseWrapper, lookup: str, value: str, expected: list[str]
) -> None:
    assert match(words, lookup, value) == expected


def test_unknown_pattern_lookup(words: BaseDatabaseWrapper) -> None:
    with pytest.raises(ValueError, match="pattern lookup"):
        words.ops.prep_pattern("bogus", "x")


@pytest.mark.parametrize(
    ("lookup", "pattern", "expected"),
    [
        ("regex", "^a", ["apple pie", "a_b", "ab"]),
        ("iregex", "^a", ["Apple", "apple pie", "a_b", "ab"]),
        ("regex", r"(p)\1", ["Apple", "apple pie"]),
    ],
)
def test_regex_lookups(
    words: BaseDatabaseWrapper, lookup: str, pattern: str, expected: list[str]
) -> None:
    sql = words.ops.regex_lookup_sql(lookup, '"w"')
    with words.cursor() as cursor:
        cursor.execute(f"SELECT w FROM word WHERE {sql} ORDER BY id", [pattern])
        assert [row[0] for row in cursor.fetchall()] == expected


@pytest.fixture
def dated(db_backend: BaseDatabaseWrapper) -> BaseDatabaseWrapper:
    column = db_backend.data_types["DateTimeField"]
    with db_backend.cursor() as cursor:
        cursor.execute(f"CREATE TABLE ev (id integer PRIMARY KEY, at {column})")
        value = datetime.datetime(2024, 3, 9, 13, 45, 30, tzinfo=datetime.UTC)
        cursor.execute(
            "INSERT INTO ev (id, at) VALUES (%s, %s)",
            [1, db_backend.ops.adapt_datetimefield_value(value)],
        )
    return db_backend


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        ("year", 2024),
        ("month", 3),
        ("day", 9),
        ("week_day", 7),  # Saturday: 1 = Sunday ... 7 = Saturday.
        ("iso_week_day", 6),
        ("week", 10),
        ("quarter", 1),
        ("hour", 13),
        ("minute", 45),
        ("second", 30),
    ],
)
def test_date_extract(dated: BaseDatabaseWrapper, part: str, expected: int) -> None:
    sql = dated.ops.date_extract_sql(part, '"at"')
    with dated.cursor() as cursor:
        cursor.execute(f"SELECT {sql} FROM ev")
        assert cursor.fetchone() == (expected,)


def test_datetime_cast_date_and_trunc(dated: BaseDatabaseWrapper) -> None:
    ops = dated.ops
    with dated.cursor() as cursor:
        cursor.execute(f"SELECT {ops.datetime_cast_date_sql('at')} FROM ev")
        (day,) = cursor.fetchone()
        cursor.execute(f"SELECT {ops.datetime_trunc_sql('month', 'at')} FROM ev")
        (month,) = cursor.fetchone()
    assert str(day) == "2024-03-09"
    assert str(month).startswith("2024-03-01 00:00:00")


def test_unknown_date_part_is_rejected(db_backend: BaseDatabaseWrapper) -> None:
    with pytest.raises(ValueError, match="Unknown date part"):
        db_backend.ops.date_extract_sql("year'); DROP", "x")


def test_limit_offset(words: BaseDatabaseWrapper) -> None:
    ops = words.ops
    for limit, offset, expected in [
        (2, None, [0, 1]),
        (2, 3, [3, 4]),
        (None, 5, [5, 6]),
        (None, None, list(range(7))),
    ]:
        with words.cursor() as cursor:
            clause = ops.limit_offset_sql(limit, offset)
            cursor.execute(f"SELECT id FROM word ORDER BY id {clause}")
            assert [row[0] for row in cursor.fetchall()] == expected


def test_quote_name(db_backend: BaseDatabaseWrapper) -> None:
    ops = db_backend.ops
    assert ops.quote_name("table") == '"table"'
    assert ops.quote_name('"already"') == '"already"'
    assert ops.quote_name('we"ird') == '"we""ird"'
    assert ops.max_name_length() >= 63


def test_bulk_batch_size(db_backend: BaseDatabaseWrapper) -> None:
    ops = db_backend.ops
    limit = db_backend.features.max_query_params
    assert limit is not None
    assert ops.bulk_batch_size(3, 10) == 10
    assert ops.bulk_batch_size(4, 10**6) == limit // 4
    assert ops.bulk_batch_size(limit * 2, 5) == 1


def roundtrip(conn: BaseDatabaseWrapper, internal_type: str, value: Any) -> Any:
    params = {"max_length": 50, "max_digits": 10, "decimal_places": 2}
    column = conn.data_types[internal_type] % params
    adapt = {
        "DateTimeField": conn.ops.adapt_datetimefield_value,
        "DateField": conn.ops.adapt_datefield_value,
        "TimeField": conn.ops.adapt_timefield_value,
        "DecimalField": lambda v: conn.ops.adapt_decimalfield_value(v, 10, 2),
        "UUIDField": conn.ops.adapt_uuid_value,
        "JSONField": conn.ops.adapt_json_value,
        "DurationField": conn.ops.adapt_duration_value,
        "BooleanField": conn.ops.adapt_bool_value,
    }[internal_type]
    with conn.cursor() as cursor:
        cursor.execute(f"CREATE TABLE rt (v {column})")
        cursor.execute("INSERT INTO rt (v) VALUES (%s)", [adapt(value)])
        cursor.execute("SELECT v FROM rt")
        (raw,) = cursor.fetchone()
        cursor.execute("DROP TABLE rt")
    for convert in conn.ops.get_db_converters(internal_type):
        raw = convert(raw)
    return raw


@pytest.mark.parametrize(
    ("internal_type", "value"),
    [
        (
            "DateTimeField",
            datetime.datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=datetime.UTC),
        ),
        ("DateField", datetime.date(2024, 2, 29)),
        ("TimeField", datetime.time(23, 59, 58, 123456)),
        ("DecimalField", decimal.Decimal("12345678.91")),
        ("UUIDField", uuid.UUID("12345678-1234-5678-1234-567812345678")),
        ("JSONField", {"a": [1, 2, {"b": None}], "c": "é"}),
        ("DurationField", datetime.timedelta(days=3, seconds=5, microseconds=7)),
        ("BooleanField", True),
        ("BooleanField", False),
    ],
)
def test_values_round_trip(
    db_backend: BaseDatabaseWrapper, internal_type: str, value: Any
) -> None:
    result = roundtrip(db_backend, internal_type, value)
    assert result == value
    assert type(result) is type(value)


def test_aware_datetimes_come_back_in_utc(db_backend: BaseDatabaseWrapper) -> None:
    plus_two = datetime.timezone(datetime.timedelta(hours=2))
    value = datetime.datetime(2024, 6, 1, 12, 0, tzinfo=plus_two)
    result = roundtrip(db_backend, "DateTimeField", value)
    assert result == value
    assert result.utcoffset() == datetime.timedelta(0)


def test_null_values_convert_to_none(db_backend: BaseDatabaseWrapper) -> None:
    for internal_type in ("DateTimeField", "DecimalField", "UUIDField", "JSONField"):
        for convert in db_backend.ops.get_db_converters(internal_type):
            assert convert(None) is None
