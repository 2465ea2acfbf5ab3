"""Fields, Model life cycle, validation, deletion and relations on both backends."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from asgiref.sync import async_to_sync

from framework.core.exceptions import ValidationError
from framework.db import models
from framework.db.models import ProtectedError
from framework.db.models.signals import post_save
from tests.db.models.models import (
    ALL_MODELS,
    Author,
    Category,
    Comment,
    Counter,
    Everything,
    Item,
    Person,
    Post,
    Profile,
    Tag,
)


@pytest.fixture
def tables(
    create_models: Callable[..., AbstractContextManager[None]],
) -> Iterator[None]:
    with create_models(*ALL_MODELS):
        yield


def test_deconstruct_and_clone() -> None:
    field = Post._meta.get_field("title")
    assert field.deconstruct() == (
        "title",
        "framework.db.models.CharField",
        [],
        {"max_length": 250},
    )
    name, path, args, kwargs = Post._meta.get_field("author").deconstruct()
    assert path == "framework.db.models.ForeignKey"
    assert kwargs == {"to": "dbtests.author", "on_delete": models.CASCADE,
                      "related_name": "posts"}  # fmt: skip
    clone = field.clone()
    assert clone.max_length == 250 and not hasattr(clone, "model")
    pk = Post._meta.pk
    assert pk.deconstruct()[3] == {
        "auto_created": True, "primary_key": True, "verbose_name": "ID"
    }  # fmt: skip


def test_meta_and_get_field() -> None:
    meta = Post._meta
    assert meta.label == "dbtests.Post" and meta.db_table == "dbtests_post"
    assert meta.verbose_name_plural == "posts"
    assert [f.name for f in meta.many_to_many] == ["tags"]
    assert meta.get_field("tags").remote_field.through._meta.auto_created is Post
    with pytest.raises(models.base.FieldDoesNotExist, match="Choices are"):
        meta.get_field("nope")
    assert Author._meta.get_field("posts").related_model is Post


def test_choices_display_and_defaults() -> None:
    post = Post(title="x")
    assert post.status == "draft" and post.get_status_display() == "Draft"
    assert post.views == 0 and post.pk is None
    thing = Everything()
    assert isinstance(thing.uid, uuid.UUID) and thing.data == {}
    with pytest.raises(TypeError, match="unexpected keyword argument 'nope'"):
        Post(nope=1)


def test_full_clean_reports_per_field() -> None:
    post = Post(title="x" * 300, status="weird", views=-1)
    with pytest.raises(ValidationError) as info:
        post.full_clean()
    errors = info.value.message_dict
    assert set(errors) >= {"title", "status", "views", "author"}
    assert "at most 250 characters" in errors["title"][0]


def test_save_insert_update_and_update_fields(tables: None) -> None:
    author = Author(name="Ann")
    author.save()
    first_pk = author.pk
    author.name = "Anne"
    author.save()
    assert author.pk == first_pk and Author.objects.count() == 1
    author.name, author.age = "ignored", 5
    author.save(update_fields=["age"])
    author.refresh_from_db()
    assert (author.name, author.age) == ("Anne", 5)
    author.refresh_from_db(fields=["name"])
    assert author.name == "Anne"


def test_auto_now_and_aware_datetimes(tables: None) -> None:
    thing = Everything.objects.create(span=datetime.timedelta(hours=1))
    created, modified = thing.created, thing.modified
    assert created.tzinfo is not None
    thing.save()
    thing.refresh_from_db()
    assert thing.created == created and thing.modified >= modified
    assert thing.span == datetime.timedelta(hours=1)


def test_field_round_trips(tables: None) -> None:
    uid = uuid.uuid4()
    thing = Everything.objects.create(
        uid=uid, data={"k": [1, "two"]}, blob=b"\x00\x01", flag=True,
        day=datetime.date(2024, 2, 29), at=datetime.time(13, 45),
        ratio=0.5, slug="a-b", url="https://example.com", big=2**40,
    )  # fmt: skip
    got = Everything.objects.get(pk=thing.pk)
    assert got.uid == uid and got.data == {"k": [1, "two"]} and got.blob == b"\x00\x01"
    assert got.flag is True and got.day == datetime.date(2024, 2, 29)
    assert got.at == datetime.time(13, 45) and got.ratio == 0.5 and got.big == 2**40
    assert Everything.objects.filter(uid=uid).count() == 1
    assert Everything.objects.filter(flag=True, day__year=2024).count() == 1


def test_equality_hash_repr(tables: None) -> None:
    author = Author.objects.create(name="Ann")
    same = Author.objects.get(pk=author.pk)
    assert author == same and hash(author) == hash(same) and {author, same} == {author}
    assert repr(author) == "<Author: Ann>"
    assert Author(name="x") != Author(name="x")


def test_delete_cascades_and_set_null(tables: None) -> None:
    ann = Author.objects.create(name="Ann")
    bob = Author.objects.create(name="Bob")
    post = Post.objects.create(title="p", author=ann)
    Comment.objects.create(post=post, text="c", author=bob)
    Profile.objects.create(author=ann)
    total, per_model = ann.delete()
    assert per_model == {
        "dbtests.Comment": 1, "dbtests.Post": 1,
        "dbtests.Profile": 1, "dbtests.Author": 1,
    } or total == 4  # fmt: skip
    assert Post.objects.count() == 0 and Comment.objects.count() == 0
    assert ann.pk is None
    post2 = Post.objects.create(title="q", author=bob)
    comment = Comment.objects.create(post=post2, text="d", author=bob)
    Author.objects.filter(name="Bob").delete()
    assert not Comment.objects.filter(pk=comment.pk).exists()


def test_set_null_keeps_rows(tables: None) -> None:
    ann = Author.objects.create(name="Ann")
    bob = Author.objects.create(name="Bob")
    post = Post.objects.create(title="p", author=ann)
    comment = Comment.objects.create(post=post, text="c", author=bob)
    bob.delete()
    comment.refresh_from_db()
    assert comment.author_id is None and comment.author is None


def test_protect(tables: None) -> None:
    cat = Category.objects.create(name="c")
    Item.objects.create(category=cat)
    with pytest.raises(ProtectedError):
        cat.delete()
    assert Category.objects.count() == 1


def test_forward_and_reverse_relations(tables: None) -> None:
    ann = Author.objects.create(name="Ann")
    post = Post.objects.create(title="p", author=ann)
    assert post.author_id == ann.pk and post.author is ann
    fresh = Post.objects.get(pk=post.pk)
    assert fresh.author == ann and fresh.author.name == "Ann"
    assert list(ann.posts.all()) == [post]
    comment = post.comment_set.create(text="hi")
    assert comment.post_id == post.pk and post.comment_set.count() == 1
    profile = Profile.objects.create(author=ann, bio="b")
    assert Author.objects.get(pk=ann.pk).profile == profile
    with pytest.raises(Profile.DoesNotExist):
        Author.objects.create(name="x").profile  # noqa: B018
    with pytest.raises(TypeError, match="prohibited"):
        ann.posts = []
    with pytest.raises(ValueError, match="must be a Author instance"):
        post.author = "nope"  # type: ignore[assignment]


def test_many_to_many(tables: None) -> None:
    ann = Author.objects.create(name="Ann")
    post = Post.objects.create(title="p", author=ann)
    py, web = Tag.objects.create(name="py"), Tag.objects.create(name="web")
    post.tags.add(py, web)
    post.tags.add(py)
    assert sorted(t.name for t in post.tags.all()) == ["py", "web"]
    assert list(py.post_set.all()) == [post]
    post.tags.remove(web)
    assert [t.name for t in post.tags.all()] == ["py"]
    post.tags.set([web])
    assert [t.name for t in post.tags.all()] == ["web"]
    post.tags.clear()
    assert post.tags.count() == 0
    new = post.tags.create(name="new")
    assert list(post.tags.all()) == [new]


def test_symmetrical_self_many_to_many(tables: None) -> None:
    a, b = Person.objects.create(name="a"), Person.objects.create(name="b")
    a.friends.add(b)
    assert list(b.friends.all()) == [a] and list(a.friends.all()) == [b]
    boss = Person.objects.create(name="boss")
    a.boss = boss
    a.save()
    assert list(boss.staff.all()) == [a]


def test_select_and_prefetch_related(tables: None) -> None:
    ann = Author.objects.create(name="Ann")
    for i in range(3):
        post = Post.objects.create(title=f"p{i}", author=ann)
        post.tags.add(Tag.objects.create(name=f"t{i}"))
        Comment.objects.create(post=post, text=f"c{i}")
    posts = list(Post.objects.select_related("author").order_by("id"))
    assert posts[0]._state.fields_cache["author"].name == "Ann"
    fetched = list(Post.objects.prefetch_related("tags", "comment_set").order_by("id"))
    assert [t.name for t in fetched[1].tags.all()] == ["t1"]
    assert [c.text for c in fetched[2].comment_set.all()] == ["c2"]
    authors = list(Author.objects.prefetch_related("posts__tags"))
    assert len(authors[0].posts.all()) == 3


def test_signals_fire_with_sender(tables: None) -> None:
    seen: list[tuple[str, bool]] = []

    def receiver(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
        seen.append((instance.name, created))

    post_save.connect(receiver, sender=Author)
    try:
        author = Author.objects.create(name="Ann")
        author.save()
        Tag.objects.create(name="not-an-author")
    finally:
        post_save.disconnect(receiver, sender=Author)
    assert seen == [("Ann", True), ("Ann", False)]


def test_concurrent_style_f_update(tables: None) -> None:
    counter = Counter.objects.create()
    for _ in range(5):
        Counter.objects.filter(pk=counter.pk).update(n=models.F("n") + 1)
    counter.refresh_from_db()
    assert counter.n == 5


def test_async_api(tables: None) -> None:
    async def scenario() -> list[Any]:
        ann = await Author.objects.acreate(name="Ann")
        await Post.objects.acreate(title="p", author=ann)
        got = await Author.objects.aget(pk=ann.pk)
        names = [a.name async for a in Author.objects.all()]
        obj, created = await Author.objects.aget_or_create(name="Bob")
        ann.age = 3
        await ann.asave()
        await ann.arefresh_from_db()
        count = await Author.objects.acount()
        first = await Author.objects.afirst()
        exists = await Post.objects.filter(title="p").aexists()
        bulk = await Author.objects.ain_bulk([ann.pk])
        updated = await Author.objects.filter(name="Bob").aupdate(age=9)
        await obj.adelete()
        return [got.name, names, created, ann.age, count, first.name, exists,
                list(bulk), updated, await Author.objects.acount()]  # fmt: skip

    result = async_to_sync(scenario)()
    assert result[:8] == ["Ann", ["Ann"], True, 3, 2, "Ann", True, [result[7][0]]]
    assert result[8:] == [1, 1]
