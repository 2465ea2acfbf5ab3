"""connection.introspection reads the same shapes from both backends."""

from __future__ import annotations

import pytest

from framework.db.backends.base.base import BaseDatabaseWrapper


@pytest.fixture
def tables(db_backend: BaseDatabaseWrapper) -> BaseDatabaseWrapper:
    with db_backend.cursor() as cursor:
        cursor.execute("CREATE TABLE author (id integer PRIMARY KEY, name varchar(10))")
        cursor.execute(
            "CREATE TABLE book (id integer PRIMARY KEY, "
            "title varchar(20) NOT NULL UNIQUE, "
            'author_id integer REFERENCES author ("id"), '
            "pages integer DEFAULT 1, "
            'CONSTRAINT "book_pages_positive" CHECK (pages > 0), '
            'CONSTRAINT "book_title_author_uniq" UNIQUE (title, author_id))'
        )
        cursor.execute('CREATE INDEX "book_pages_idx" ON book (pages)')
    return db_backend


def test_table_names(tables: BaseDatabaseWrapper) -> None:
    assert tables.introspection.table_names() == ["author", "book"]
    with tables.cursor() as cursor:
        assert tables.introspection.table_names(cursor) == ["author", "book"]


def test_table_description(tables: BaseDatabaseWrapper) -> None:
    with tables.cursor() as cursor:
        columns = tables.introspection.get_table_description(cursor, "book")
    assert [c.name for c in columns] == ["id", "title", "author_id", "pages"]
    by_name = {c.name: c for c in columns}
    assert by_name["id"].pk and not by_name["title"].pk
    assert by_name["title"].null_ok is False
    assert by_name["author_id"].null_ok is True
    assert "1" in str(by_name["pages"].default)
    assert "char" in by_name["title"].data_type.lower()


def test_constraints(tables: BaseDatabaseWrapper) -> None:
    with tables.cursor() as cursor:
        found = tables.introspection.get_constraints(cursor, "book")
        pk = tables.introspection.get_primary_key_column(cursor, "book")
    assert pk == "id"
    assert found["book_title_author_uniq"]["unique"]
    assert found["book_title_author_uniq"]["columns"] == ["title", "author_id"]
    assert found["book_pages_positive"]["check"]
    assert found["book_pages_positive"]["columns"] == ["pages"]
    assert found["book_pages_idx"]["index"]
    assert not found["book_pages_idx"]["unique"]
    fks = [c for c in found.values() if c["foreign_key"]]
    assert [(c["columns"], c["foreign_key"]) for c in fks] == [
        (["author_id"], ("author", "id"))
    ]
    title_unique = [
        c
        for c in found.values()
        if c["columns"] == ["title"] and c["unique"] and not c["primary_key"]
    ]
    assert len(title_unique) == 1
