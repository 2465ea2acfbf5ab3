"""The schema editor on both backends, driven with real model classes."""

from __future__ import annotations

from typing import Any

import pytest

from framework.apps.registry import Apps
from framework.db import IntegrityError, NotSupportedError, models, transaction
from framework.db.backends.base.base import BaseDatabaseWrapper


def make_models() -> dict[str, Any]:
    """Build Author/Book/Tag in a fresh registry (one per test)."""
    registry = Apps()

    class Author(models.Model):
        name = models.CharField(max_length=20)
        age = models.PositiveIntegerField(null=True)

        class Meta:
            app_label = "schema"
            apps = registry
            db_table = "author"

    class Tag(models.Model):
        label = models.CharField(max_length=10, unique=True)

        class Meta:
            app_label = "schema"
            apps = registry
            db_table = "tag"

    class Book(models.Model):
        title = models.CharField(max_length=30, db_index=True)
        author = models.ForeignKey(Author, on_delete=models.CASCADE)
        tags = models.ManyToManyField(Tag)

        class Meta:
            app_label = "schema"
            apps = registry
            db_table = "book"
            unique_together = [("title", "author")]

    return {"Author": Author, "Book": Book, "Tag": Tag}


def new_field(model: Any, name: str, field: Any) -> Any:
    field.set_attributes_from_name(name)
    field.model = model
    return field


def constraints(conn: BaseDatabaseWrapper, table: str) -> dict[str, Any]:
    with conn.cursor() as cursor:
        return conn.introspection.get_constraints(cursor, table)


def columns(conn: BaseDatabaseWrapper, table: str) -> dict[str, Any]:
    with conn.cursor() as cursor:
        return {
            c.name: c for c in conn.introspection.get_table_description(cursor, table)
        }


def rows(conn: BaseDatabaseWrapper, sql: str, params: list[Any] | None = None) -> Any:
    with conn.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def run(conn: BaseDatabaseWrapper, sql: str, params: list[Any] | None = None) -> None:
    with conn.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def schema(db_backend: BaseDatabaseWrapper) -> dict[str, Any]:
    found = make_models()
    with db_backend.schema_editor() as editor:
        for name in ("Author", "Tag", "Book"):
            editor.create_model(found[name])
    run(db_backend, "INSERT INTO author (id, name, age) VALUES (1, 'Ann', 40)")
    run(db_backend, "INSERT INTO book (id, title, author_id) VALUES (1, 'B', 1)")
    return found


def test_create_model_builds_tables_and_constraints(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    tables = db_backend.introspection.table_names()
    through = schema["Book"]._meta.get_field("tags").remote_field.through
    assert {"author", "book", "tag", through._meta.db_table} <= set(tables)
    found = constraints(db_backend, "book")
    assert any(c["foreign_key"] == ("author", "id") for c in found.values())
    assert any(
        c["columns"] == ["title", "author_id"] and c["unique"] for c in found.values()
    )
    assert any(
        c["columns"] == ["title"] and c["index"] and not c["unique"]
        for c in found.values()
    )
    assert any(
        c["columns"] == ["label"] and c["unique"]
        for c in constraints(db_backend, "tag").values()
    )


def test_created_constraints_are_enforced(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    with pytest.raises(IntegrityError):
        run(db_backend, "INSERT INTO book (id, title, author_id) VALUES (2, 'X', 99)")
    with pytest.raises(IntegrityError):
        run(db_backend, "INSERT INTO author (id, name, age) VALUES (2, 'Neg', -1)")
    with pytest.raises(IntegrityError):
        run(db_backend, "INSERT INTO book (id, title, author_id) VALUES (3, 'B', 1)")


def test_auto_primary_key_and_returning(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    got = rows(db_backend, "INSERT INTO tag (label) VALUES (%s) RETURNING id", ["t"])
    assert got == [(1,)]


def test_delete_model_drops_table_and_through_table(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    through = schema["Book"]._meta.get_field("tags").remote_field.through
    with db_backend.schema_editor() as editor:
        editor.delete_model(schema["Book"])
    tables = db_backend.introspection.table_names()
    assert "book" not in tables
    assert through._meta.db_table not in tables


def test_add_nullable_field(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    Author = schema["Author"]
    with db_backend.schema_editor() as editor:
        editor.add_field(Author, new_field(Author, "bio", models.TextField(null=True)))
    assert rows(db_backend, "SELECT name, bio FROM author") == [("Ann", None)]


def test_add_not_null_field_fills_existing_rows_with_the_default(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    Author = schema["Author"]
    field = new_field(Author, "rank", models.IntegerField(default=7))
    with db_backend.schema_editor() as editor:
        editor.add_field(Author, field)
    assert rows(db_backend, "SELECT name, rank FROM author") == [("Ann", 7)]
    assert columns(db_backend, "author")["rank"].null_ok is False
    # The default lives in Python: inserting without it fails on PostgreSQL.
    if db_backend.vendor == "postgresql":
        with pytest.raises(IntegrityError):
            run(db_backend, "INSERT INTO author (id, name) VALUES (5, 'Z')")


def test_add_unique_and_foreign_key_fields(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    Author, Book = schema["Author"], schema["Book"]
    with db_backend.schema_editor() as editor:
        editor.add_field(
            Author,
            new_field(
                Author, "email", models.CharField(max_length=30, null=True, unique=True)
            ),
        )
        editor.add_field(
            Book,
            new_field(
                Book,
                "editor",
                models.ForeignKey(
                    Author, null=True, on_delete=models.SET_NULL, related_name="+"
                ),
            ),
        )
    run(db_backend, "UPDATE author SET email = 'a@x' WHERE id = 1")
    with pytest.raises(IntegrityError):
        run(db_backend, "INSERT INTO author (id, name, email) VALUES (2, 'B', 'a@x')")
    with pytest.raises(IntegrityError):
        run(db_backend, "UPDATE book SET editor_id = 42")
    assert any(
        c["foreign_key"] == ("author", "id") and c["columns"] == ["editor_id"]
        for c in constraints(db_backend, "book").values()
    )


def test_remove_field_keeps_the_other_data(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    Author = schema["Author"]
    with db_backend.schema_editor() as editor:
        editor.remove_field(Author, Author._meta.get_field("age"))
    assert list(columns(db_backend, "author")) == ["id", "name"]
    assert rows(db_backend, "SELECT id, name FROM author") == [(1, "Ann")]
    # The table is still referenced by book's foreign key.
    with pytest.raises(IntegrityError):
        run(db_backend, "INSERT INTO book (id, title, author_id) VALUES (2, 'X', 99)")


def test_remove_m2m_field_drops_the_through_table(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    Book = schema["Book"]
    field = Book._meta.get_field("tags")
    with db_backend.schema_editor() as editor:
        editor.remove_field(Book, field)
    assert field.remote_field.through._meta.db_table not in (
        db_backend.introspection.table_names()
    )


def test_alter_field_rename_keeps_data(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    Author = schema["Author"]
    old = Author._meta.get_field("name")
    new = new_field(Author, "full_name", models.CharField(max_length=20))
    with db_backend.schema_editor() as editor:
        editor.alter_field(Author, old, new)
    assert rows(db_backend, "SELECT full_name FROM author") == [("Ann",)]


def test_alter_field_null_to_not_null_and_type(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    Author = schema["Author"]
    run(db_backend, "INSERT INTO author (id, name) VALUES (2, 'NoAge')")
    old = Author._meta.get_field("age")
    new = new_field(Author, "age", models.BigIntegerField(default=0))
    with db_backend.schema_editor() as editor:
        editor.alter_field(Author, old, new)
    assert rows(db_backend, "SELECT id, age FROM author ORDER BY id") == [
        (1, 40),
        (2, 0),
    ]
    described = columns(db_backend, "author")["age"]
    assert described.null_ok is False
    assert "bigint" in described.data_type.lower()
    with pytest.raises(IntegrityError):
        run(db_backend, "INSERT INTO author (id, name, age) VALUES (3, 'N', NULL)")


def test_alter_field_add_and_drop_unique(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    Author = schema["Author"]
    old = Author._meta.get_field("name")
    unique = new_field(Author, "name", models.CharField(max_length=20, unique=True))
    with db_backend.schema_editor() as editor:
        editor.alter_field(Author, old, unique)
    with pytest.raises(IntegrityError):
        run(db_backend, "INSERT INTO author (id, name) VALUES (2, 'Ann')")
    with db_backend.schema_editor() as editor:
        editor.alter_field(Author, unique, old)
    run(db_backend, "INSERT INTO author (id, name) VALUES (2, 'Ann')")


def test_alter_field_without_db_change_runs_nothing(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    Author = schema["Author"]
    old = Author._meta.get_field("name")
    new = new_field(Author, "name", models.CharField(max_length=20, help_text="x"))
    with db_backend.schema_editor(collect_sql=True) as editor:
        editor.alter_field(Author, old, new)
    assert editor.collected_sql == []


def test_alter_db_table_keeps_foreign_keys_working(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    with db_backend.schema_editor() as editor:
        editor.alter_db_table(schema["Author"], "author", "writer")
    assert "writer" in db_backend.introspection.table_names()
    assert rows(db_backend, "SELECT name FROM writer") == [("Ann",)]
    with pytest.raises(IntegrityError):
        run(db_backend, "INSERT INTO book (id, title, author_id) VALUES (2, 'X', 99)")


def test_alter_unique_together(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    Book = schema["Book"]
    with db_backend.schema_editor() as editor:
        editor.alter_unique_together(Book, [("title", "author")], [])
    Book._meta.unique_together = ()
    run(db_backend, "INSERT INTO book (id, title, author_id) VALUES (2, 'B', 1)")
    run(db_backend, "DELETE FROM book WHERE id = 2")
    with db_backend.schema_editor() as editor:
        editor.alter_unique_together(Book, [], [("title", "author")])
    with pytest.raises(IntegrityError):
        run(db_backend, "INSERT INTO book (id, title, author_id) VALUES (2, 'B', 1)")


def test_add_and_remove_index(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    Author = schema["Author"]
    index = models.Index(fields=["name", "-age"], name="author_name_age_idx")
    with db_backend.schema_editor() as editor:
        editor.add_index(Author, index)
    assert constraints(db_backend, "author")["author_name_age_idx"]["index"]
    with db_backend.schema_editor() as editor:
        editor.remove_index(Author, index)
    assert "author_name_age_idx" not in constraints(db_backend, "author")


def test_add_and_remove_check_and_unique_constraints(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    Author = schema["Author"]
    check = models.CheckConstraint(condition=models.Q(age__lt=150), name="age_lt_150")
    unique = models.UniqueConstraint(fields=["name", "age"], name="name_age_uniq")
    for constraint in (check, unique):
        Author._meta.constraints = [*Author._meta.constraints, constraint]
        with db_backend.schema_editor() as editor:
            editor.add_constraint(Author, constraint)
    found = constraints(db_backend, "author")
    assert found["age_lt_150"]["check"]
    assert found["name_age_uniq"]["unique"]
    with pytest.raises(IntegrityError):
        run(db_backend, "INSERT INTO author (id, name, age) VALUES (2, 'Old', 200)")
    with pytest.raises(IntegrityError):
        run(db_backend, "INSERT INTO author (id, name, age) VALUES (2, 'Ann', 40)")
    for constraint in (check, unique):
        with db_backend.schema_editor() as editor:
            editor.remove_constraint(Author, constraint)
        Author._meta.constraints = [
            c for c in Author._meta.constraints if c.name != constraint.name
        ]
    run(db_backend, "INSERT INTO author (id, name, age) VALUES (2, 'Ann', 200)")
    assert rows(db_backend, "SELECT count(*) FROM author") == [(2,)]


def test_collect_sql_runs_nothing(db_backend: BaseDatabaseWrapper) -> None:
    found = make_models()
    with db_backend.schema_editor(collect_sql=True) as editor:
        editor.create_model(found["Author"])
        editor.execute("INSERT INTO author (name) VALUES (%s)", ["O'Brien"])
    assert editor.collected_sql[0].startswith('CREATE TABLE "author"')
    assert editor.collected_sql[-1] == "INSERT INTO author (name) VALUES ('O''Brien');"
    assert "author" not in db_backend.introspection.table_names()


def test_failed_schema_change_rolls_back_everything(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    found = make_models()
    with pytest.raises(IntegrityError):
        with db_backend.schema_editor() as editor:
            editor.delete_model(schema["Tag"])
            editor.execute("INSERT INTO author (id, name) VALUES (1, 'dup')")
    assert "tag" in db_backend.introspection.table_names()
    assert found  # The models themselves are untouched.


def test_sqlite_rebuild_needs_the_editor_outside_atomic(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    Author = schema["Author"]
    if db_backend.vendor != "sqlite":
        # PostgreSQL alters in place, inside any transaction.
        with transaction.atomic(), db_backend.schema_editor() as editor:
            editor.remove_field(Author, Author._meta.get_field("age"))
        assert "age" not in columns(db_backend, "author")
        return
    with pytest.raises(NotSupportedError, match="outside transaction.atomic"):
        with transaction.atomic(), db_backend.schema_editor() as editor:
            editor.remove_field(Author, Author._meta.get_field("age"))
    assert "age" in columns(db_backend, "author")


def test_sqlite_rebuild_reports_dangling_foreign_keys(
    db_backend: BaseDatabaseWrapper, schema: dict[str, Any]
) -> None:
    Book = schema["Book"]
    if db_backend.vendor != "sqlite":
        assert db_backend.features.supports_alter_column
        return
    with pytest.raises(IntegrityError, match="missing row"):
        with db_backend.schema_editor() as editor:
            editor.execute("DELETE FROM author")
            editor.remove_field(Book, Book._meta.get_field("title"))
    assert "title" in columns(db_backend, "book")  # Rolled back.
