"""The compiler's SQL, as strings, without a database."""

from __future__ import annotations

from typing import Any

import pytest

from framework.core.exceptions import FieldError
from framework.db.models import Count, F, Q
from framework.db.models.sql.compiler import _SQL_CACHE, SQLCompiler
from tests.db.models.models import Author, Comment, Post

POST_COLS = (
    '"dbtests_post"."id", "dbtests_post"."title", "dbtests_post"."body", '
    '"dbtests_post"."author_id", "dbtests_post"."views", "dbtests_post"."status", '
    '"dbtests_post"."published", "dbtests_post"."rating"'
)


def test_filter_order_and_slice(sql: Any) -> None:
    query, params = sql(Post.objects.filter(title__icontains="x").order_by("-id")[:10])
    assert query == (
        f'SELECT {POST_COLS} FROM "dbtests_post" WHERE UPPER("dbtests_post"."title") '
        'LIKE UPPER(%s) ESCAPE \'\\\' ORDER BY "dbtests_post"."id" DESC LIMIT 10'
    )
    assert params == ["%x%"]


def test_offset_slice(sql: Any) -> None:
    query, _ = sql(Author.objects.all()[5:15])
    assert query.endswith('ORDER BY "dbtests_author"."name" ASC LIMIT 10 OFFSET 5')


def test_join_across_foreign_key(sql: Any) -> None:
    query, params = sql(Post.objects.filter(author__name__startswith="A").order_by())
    assert query == (
        f'SELECT {POST_COLS} FROM "dbtests_post" INNER JOIN "dbtests_author" ON '
        '("dbtests_post"."author_id" = "dbtests_author"."id") WHERE '
        '"dbtests_author"."name" LIKE %s ESCAPE \'\\\''
    )
    assert params == ["A%"]


def test_foreign_key_id_lookup_needs_no_join(sql: Any) -> None:
    query, params = sql(Post.objects.filter(author__id=3).order_by())
    assert "JOIN" not in query
    assert query.endswith('WHERE "dbtests_post"."author_id" = %s')
    assert params == [3]


def test_q_objects_or_and_not(sql: Any) -> None:
    qs = Post.objects.filter(Q(views__gt=3) | ~Q(title="a")).order_by()
    query, params = sql(qs)
    assert query.endswith(
        'WHERE ("dbtests_post"."views" > %s OR NOT ("dbtests_post"."title" = %s))'
    )
    assert params == [3, "a"]


def test_exclude_nullable_keeps_null_rows(sql: Any) -> None:
    query, params = sql(Post.objects.exclude(rating=3).order_by())
    assert query.endswith(
        'WHERE NOT (("dbtests_post"."rating" = %s AND "dbtests_post"."rating" '
        "IS NOT NULL))"
    )


def test_exclude_across_many_to_many_uses_subquery(sql: Any) -> None:
    query, params = sql(Post.objects.exclude(tags__name="x").order_by())
    assert 'WHERE NOT ("dbtests_post"."id" IN (SELECT "dbtests_post"."id" FROM' in query
    assert 'LEFT OUTER JOIN "dbtests_post_tags"' in query
    assert params == ["x"]


def test_none_value_becomes_is_null(sql: Any) -> None:
    query, params = sql(Comment.objects.filter(author=None))
    assert query.endswith('WHERE "dbtests_comment"."author_id" IS NULL')
    assert params == []


def test_empty_in_matches_nothing(sql: Any) -> None:
    query, _ = sql(Post.objects.filter(id__in=[]).order_by())
    assert query.endswith("WHERE 1 = 0")


def test_f_expressions_and_transforms(sql: Any) -> None:
    qs = Post.objects.filter(published__year=2024, views__gte=F("author__age") + 1)
    query, params = sql(qs.order_by())
    assert 'EXTRACT(year FROM "dbtests_post"."published") = %s' in query
    assert '"dbtests_post"."views" >= ("dbtests_author"."age" + %s)' in query
    assert params == [2024, 1]


def test_annotate_count_groups_and_having(sql: Any) -> None:
    qs = Author.objects.annotate(n=Count("posts")).filter(n__gt=1).order_by()
    query, params = sql(qs)
    assert 'COUNT("dbtests_post"."id") AS "n"' in query
    assert 'LEFT OUTER JOIN "dbtests_post"' in query
    assert 'GROUP BY "dbtests_author"."id", "dbtests_author"."name"' in query
    assert query.endswith('HAVING COUNT("dbtests_post"."id") > %s')
    assert params == [1]


def test_values_annotate_groups_by_values_only(sql: Any) -> None:
    query, _ = sql(Post.objects.values("author__name").annotate(n=Count("id")))
    assert query.startswith(
        'SELECT "dbtests_author"."name", COUNT("dbtests_post"."id")'
    )
    assert query.endswith('GROUP BY "dbtests_author"."name"')


def test_select_related_and_only(sql: Any) -> None:
    query, _ = sql(Post.objects.select_related("author").only("title").order_by())
    assert query == (
        'SELECT "dbtests_post"."id", "dbtests_post"."title", "dbtests_author"."id", '
        '"dbtests_author"."name", "dbtests_author"."email", "dbtests_author"."age", '
        '"dbtests_author"."created" FROM "dbtests_post" INNER JOIN "dbtests_author" '
        'ON ("dbtests_post"."author_id" = "dbtests_author"."id")'
    )


def test_subquery_in(sql: Any) -> None:
    inner = Author.objects.filter(name="x")
    query, params = sql(Post.objects.filter(author__in=inner).order_by())
    assert query.endswith(
        'WHERE "dbtests_post"."author_id" IN (SELECT "dbtests_author"."id" FROM '
        '"dbtests_author" WHERE "dbtests_author"."name" = %s)'
    )
    assert params == ["x"]


def test_order_by_related_and_random(sql: Any) -> None:
    query, _ = sql(Post.objects.order_by("author__name", "?"))
    assert query.endswith('ORDER BY "dbtests_author"."name" ASC, RANDOM() ASC')


def test_reverse_flips_meta_ordering(sql: Any) -> None:
    query, _ = sql(Post.objects.reverse())
    assert query.endswith('ORDER BY "dbtests_post"."id" ASC')


def test_unknown_names_raise_field_error_with_choices() -> None:
    with pytest.raises(FieldError, match="Choices are: .*author.*title"):
        Post.objects.filter(titel="x")
    with pytest.raises(FieldError, match="Cannot resolve keyword 'nope'"):
        Post.objects.order_by("nope")
    with pytest.raises(FieldError, match="Unsupported lookup 'fuzzy'"):
        Post.objects.filter(title__fuzzy="x")
    with pytest.raises(FieldError):
        Post.objects.values("nope")
    with pytest.raises(FieldError):
        Post.objects.only("nope")


def test_annotation_alias_is_validated() -> None:
    with pytest.raises(ValueError, match="conflicts with a field"):
        Author.objects.annotate(name=Count("posts"))
    with pytest.raises(ValueError, match="identifier"):
        Author.objects.annotate(**{"bad alias; DROP": Count("posts")})


def test_compiled_sql_is_cached_per_shape(fake_connection: Any) -> None:
    _SQL_CACHE.clear()
    first = SQLCompiler(Post.objects.filter(pk=1).query, fake_connection).as_sql()
    assert len(_SQL_CACHE) == 1
    second = SQLCompiler(Post.objects.filter(pk=2).query, fake_connection).as_sql()
    assert len(_SQL_CACHE) == 1
    assert first[0] == second[0]
    assert (first[1], second[1]) == ([1], [2])
    SQLCompiler(Post.objects.filter(pk__in=[1, 2]).query, fake_connection).as_sql()
    assert len(_SQL_CACHE) == 2
