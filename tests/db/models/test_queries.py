"""QuerySet behaviour on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from decimal import Decimal
from typing import Any

import pytest

from framework.core.exceptions import FieldError
from framework.db.models import Avg, Count, F, Max, Min, Q, Sum
from tests.db.models.models import ALL_MODELS, Author, Comment, Post, Tag


@pytest.fixture
def tables(
    create_models: Callable[..., AbstractContextManager[None]],
) -> Iterator[None]:
    with create_models(*ALL_MODELS):
        yield


@pytest.fixture
def blog(tables: None) -> dict[str, Any]:
    ann = Author.objects.create(name="Ann", age=30)
    bob = Author.objects.create(name="Bob", age=40)
    cid = Author.objects.create(name="cid")
    posts = [
        Post.objects.create(
            title="Hello world", author=ann, views=10, status="published"
        ),
        Post.objects.create(
            title="Second", author=ann, views=5, rating=Decimal("4.50")
        ),
        Post.objects.create(title="hello again", author=bob, views=1),
    ]
    return {"ann": ann, "bob": bob, "cid": cid, "posts": posts}


def titles(qs: Any) -> list[str]:
    return [p.title for p in qs]


def test_create_get_and_pk(blog: dict[str, Any]) -> None:
    ann = blog["ann"]
    assert ann.pk is not None and ann.id == ann.pk
    fetched = Author.objects.get(pk=ann.pk)
    assert fetched == ann and fetched.name == "Ann"
    assert fetched.created.tzinfo is not None
    with pytest.raises(
        Author.DoesNotExist, match="Author matching query does not exist"
    ):
        Author.objects.get(name="nobody")
    with pytest.raises(Author.MultipleObjectsReturned, match="returned 3"):
        Author.objects.get(name__in=["Ann", "Bob", "cid"])


def test_filter_lookups(blog: dict[str, Any]) -> None:
    assert titles(Post.objects.filter(title__icontains="HELLO").order_by("id")) == [
        "Hello world",
        "hello again",
    ]
    assert titles(Post.objects.filter(title__contains="hello")) == ["hello again"]
    assert titles(Post.objects.filter(title__startswith="Sec")) == ["Second"]
    assert titles(Post.objects.filter(title__iendswith="WORLD")) == ["Hello world"]
    assert titles(Post.objects.filter(title__iexact="second")) == ["Second"]
    assert titles(Post.objects.filter(views__gt=1, views__lte=5)) == ["Second"]
    assert titles(Post.objects.filter(views__range=(2, 10)).order_by("views")) == [
        "Second",
        "Hello world",
    ]
    assert titles(Post.objects.filter(rating__isnull=False)) == ["Second"]
    assert titles(Post.objects.filter(title__regex=r"^h.*n$")) == ["hello again"]
    assert titles(Post.objects.filter(title__iregex=r"^HELLO W")) == ["Hello world"]
    assert Post.objects.filter(title__contains="%").count() == 0


def test_like_wildcards_are_escaped(blog: dict[str, Any]) -> None:
    Post.objects.create(title="100% off_sale", author=blog["ann"])
    assert titles(Post.objects.filter(title__contains="0% off_")) == ["100% off_sale"]
    assert Post.objects.filter(title__icontains="_x").count() == 0


def test_exclude_q_and_ordering(blog: dict[str, Any]) -> None:
    qs = Post.objects.filter(Q(views__gte=10) | Q(author__name="Bob")).order_by("title")
    assert titles(qs) == ["Hello world", "hello again"]
    assert titles(Post.objects.exclude(rating=Decimal("4.5")).order_by("id")) == [
        "Hello world",
        "hello again",
    ]
    assert titles(Post.objects.order_by("-views")[:2]) == ["Hello world", "Second"]
    assert titles(Post.objects.order_by("views").reverse()[:1]) == ["Hello world"]
    assert titles(Post.objects.order_by("author__name", "views")) == [
        "Second",
        "Hello world",
        "hello again",
    ]
    assert len(list(Post.objects.order_by("?"))) == 3


def test_slicing_first_last_exists(blog: dict[str, Any]) -> None:
    ordered = Post.objects.order_by("id")
    assert titles(ordered[1:3]) == ["Second", "hello again"]
    assert ordered[0].title == "Hello world"
    assert ordered.first().title == "Hello world"  # type: ignore[union-attr]
    assert ordered.last().title == "hello again"  # type: ignore[union-attr]
    assert Post.objects.filter(views=999).first() is None
    assert Post.objects.filter(views=10).exists()
    assert not Post.objects.filter(views=999).exists()
    assert not Post.objects.none().exists() and list(Post.objects.none()) == []
    with pytest.raises(IndexError):
        Post.objects.filter(views=999)[0]


def test_values_and_values_list(blog: dict[str, Any]) -> None:
    rows = list(Post.objects.order_by("id").values("title", "author__name"))
    assert rows[0] == {"title": "Hello world", "author__name": "Ann"}
    flat = list(Post.objects.order_by("id").values_list("views", flat=True))
    assert flat == [10, 5, 1]
    pairs = list(Author.objects.values_list("name", "age").order_by("name"))
    assert pairs[0] == ("Ann", 30)
    named = Author.objects.values_list("name", named=True).order_by("name")[0]
    assert named.name == "Ann"
    assert set(Author.objects.values_list("name", flat=True).distinct()) == {
        "Ann",
        "Bob",
        "cid",
    }


def test_only_and_defer_load_lazily(blog: dict[str, Any]) -> None:
    post = Post.objects.only("title").get(pk=blog["posts"][0].pk)
    assert "body" in post.get_deferred_fields()
    assert post.views == 10  # loaded on access
    deferred = Post.objects.defer("body").get(pk=blog["posts"][0].pk)
    assert deferred.get_deferred_fields() == {"body"}
    assert deferred.body == ""


def test_aggregate_and_annotate(blog: dict[str, Any]) -> None:
    totals = Post.objects.aggregate(Sum("views"), Max("views"), low=Min("views"))
    assert totals == {"views__sum": 16, "views__max": 10, "low": 1}
    assert Post.objects.aggregate(avg=Avg("views"))["avg"] == pytest.approx(16 / 3)
    counts = {a.name: a.n for a in Author.objects.annotate(n=Count("posts"))}
    assert counts == {"Ann": 2, "Bob": 1, "cid": 0}
    busy = Author.objects.annotate(n=Count("posts")).filter(n__gte=2)
    assert [a.name for a in busy] == ["Ann"]
    per_author = list(
        Post.objects.values("author__name")
        .annotate(total=Sum("views"))
        .order_by("author__name")
    )
    assert per_author == [
        {"author__name": "Ann", "total": 15},
        {"author__name": "Bob", "total": 1},
    ]
    assert Post.objects.filter(views__gt=100).aggregate(Sum("views")) == {
        "views__sum": None
    }
    assert Author.objects.annotate(n=Count("posts")).count() == 3


def test_f_expressions_update_and_annotate(blog: dict[str, Any]) -> None:
    assert Post.objects.filter(author=blog["ann"]).update(views=F("views") * 2 + 1) == 2
    assert sorted(Post.objects.values_list("views", flat=True)) == [1, 11, 21]
    doubled = Post.objects.annotate(twice=F("views") * 2).order_by("views")
    assert [p.twice for p in doubled] == [2, 22, 42]
    assert titles(Post.objects.filter(views__gt=F("author__age"))) == []
    assert titles(Post.objects.filter(views__lt=F("author__age") - 20)) == [
        "hello again"
    ]


def test_update_with_join_filter(blog: dict[str, Any]) -> None:
    assert Post.objects.filter(author__name="Bob").update(status="published") == 1
    assert Post.objects.filter(status="published").count() == 2
    with pytest.raises(FieldError, match="not a concrete field"):
        Post.objects.update(tags=1)


def test_get_or_create_and_update_or_create(tables: None) -> None:
    ann, created = Author.objects.get_or_create(name="Ann", defaults={"age": 3})
    assert created and ann.age == 3
    again, created = Author.objects.get_or_create(name="Ann", defaults={"age": 9})
    assert not created and again.pk == ann.pk and again.age == 3
    obj, created = Author.objects.update_or_create(name="Ann", defaults={"age": 4})
    assert not created and Author.objects.get(pk=ann.pk).age == 4
    obj, created = Author.objects.update_or_create(name="Zed", defaults={"age": 1})
    assert created and obj.age == 1


def test_in_bulk_iterator_and_count(blog: dict[str, Any]) -> None:
    ids = [p.pk for p in blog["posts"]]
    found = Post.objects.in_bulk(ids[:2])
    assert set(found) == set(ids[:2]) and found[ids[0]].title == "Hello world"
    assert Post.objects.in_bulk([]) == {}
    assert [p.pk for p in Post.objects.order_by("id").iterator(chunk_size=2)] == ids
    assert Post.objects.count() == 3 and len(Post.objects.all()) == 3
    assert Post.objects.all()[:2].count() == 2


def test_dates_and_transforms(tables: None) -> None:
    ann = Author.objects.create(name="Ann")
    when = datetime.datetime(2024, 3, 5, 10, 30, tzinfo=datetime.UTC)
    Post.objects.create(title="dated", author=ann, published=when)
    Post.objects.create(title="other", author=ann, published=when.replace(year=2023))
    assert titles(Post.objects.filter(published__year=2024)) == ["dated"]
    assert (
        titles(Post.objects.filter(published__month=3, published__day=5)).count("dated")
        == 1
    )
    assert titles(Post.objects.filter(published__date=datetime.date(2024, 3, 5))) == [
        "dated"
    ]
    assert titles(Post.objects.filter(published__gte=when)) == ["dated"]
    assert Post.objects.get(title="dated").published == when


def test_bulk_create_and_bulk_update(tables: None) -> None:
    authors = Author.objects.bulk_create(
        [Author(name=f"a{i}", age=i) for i in range(5)]
    )
    assert all(a.pk is not None for a in authors)
    for a in authors:
        a.age = (a.age or 0) + 100
    assert Author.objects.bulk_update(authors, ["age"], batch_size=2) == 5
    assert sorted(Author.objects.values_list("age", flat=True)) == [
        100,
        101,
        102,
        103,
        104,
    ]


def test_custom_queryset_manager_and_raw(blog: dict[str, Any]) -> None:
    assert titles(Post.objects.published()) == ["Hello world"]
    assert titles(Post.objects.filter(views__gt=0).published()) == ["Hello world"]
    raw = list(Author.objects.raw("SELECT * FROM dbtests_author WHERE age > %s", [35]))
    assert [a.name for a in raw] == ["Bob"]


def test_combining_querysets(blog: dict[str, Any]) -> None:
    either = Post.objects.filter(views=10) | Post.objects.filter(views=1)
    assert sorted(titles(either)) == ["Hello world", "hello again"]
    both = Post.objects.filter(views__gte=5) & Post.objects.filter(author__name="Ann")
    assert sorted(titles(both)) == ["Hello world", "Second"]


def test_distinct_over_join(blog: dict[str, Any]) -> None:
    Comment.objects.create(post=blog["posts"][0], text="a")
    Comment.objects.create(post=blog["posts"][0], text="b")
    joined = Post.objects.filter(comment__text__in=["a", "b"])
    assert joined.count() == 2
    assert joined.distinct().count() == 1


def test_tags_many_to_many_filter(blog: dict[str, Any]) -> None:
    py = Tag.objects.create(name="py")
    blog["posts"][0].tags.add(py)
    assert titles(Post.objects.filter(tags__name="py")) == ["Hello world"]
    assert sorted(titles(Post.objects.exclude(tags__name="py"))) == [
        "Second",
        "hello again",
    ]
    assert titles(Post.objects.filter(tags=py)) == ["Hello world"]
