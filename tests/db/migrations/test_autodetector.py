"""The autodetector: which operations, in which migration, with which dependencies."""

from __future__ import annotations

import pytest

from framework.db import models
from framework.db.migrations import operations as ops
from framework.db.migrations.autodetector import MigrationAutodetector
from framework.db.migrations.exceptions import QuestionerAbort
from framework.db.migrations.questioner import MigrationQuestioner
from framework.db.migrations.state import ModelState, ProjectState
from tests.db.migrations.helpers import (
    Answers,
    graph_with,
    pk,
    post_state,
    project,
)


def _changes(
    before: ProjectState,
    after: ProjectState,
    questioner: MigrationQuestioner | None = None,
    *leaves: tuple[str, str],
) -> dict[str, list[object]]:
    detector = MigrationAutodetector(before, after, questioner or Answers())
    return detector.changes(graph_with(*leaves))  # type: ignore[return-value]


def _only(changes: dict[str, list[object]], app: str = "blog") -> object:
    assert list(changes) == [app]
    [migration] = changes[app]
    return migration


def test_new_model_makes_an_initial_create_model() -> None:
    migration = _only(_changes(project(), project(post_state())))
    assert migration.name == "0001_initial"  # type: ignore[attr-defined]
    assert migration.initial is True  # type: ignore[attr-defined]
    [operation] = migration.operations  # type: ignore[attr-defined]
    assert isinstance(operation, ops.CreateModel)
    assert [name for name, _ in operation.fields] == ["id", "title"]


def test_added_field_is_named_after_model_and_field() -> None:
    before = project(post_state())
    after = project(post_state(("published", models.BooleanField(default=False))))
    migration = _only(_changes(before, after, None, ("blog", "0001_initial")))
    assert migration.name == "0002_post_published"  # type: ignore[attr-defined]
    assert migration.dependencies == [("blog", "0001_initial")]  # type: ignore[attr-defined]
    [operation] = migration.operations  # type: ignore[attr-defined]
    assert isinstance(operation, ops.AddField) and operation.preserve_default


def test_removed_and_altered_fields() -> None:
    before = project(post_state(("body", models.TextField())))
    after = ModelState(
        "blog", "Post", [pk(), ("title", models.CharField(max_length=100))]
    )
    migration = _only(_changes(before, project(after), None, ("blog", "0001_initial")))
    kinds = [type(op).__name__ for op in migration.operations]  # type: ignore[attr-defined]
    assert kinds == ["RemoveField", "AlterField"]


def test_no_changes_gives_nothing() -> None:
    assert _changes(project(post_state()), project(post_state())) == {}


def test_rename_asked_and_accepted() -> None:
    before = project(post_state())
    after = project(
        ModelState(
            "blog", "Post", [pk(), ("headline", models.CharField(max_length=250))]
        )
    )
    questioner = Answers(rename=True)
    migration = _only(_changes(before, after, questioner, ("blog", "0001_initial")))
    [operation] = migration.operations  # type: ignore[attr-defined]
    assert isinstance(operation, ops.RenameField)
    assert (operation.old_name, operation.new_name) == ("title", "headline")
    assert questioner.asked == ["rename Post.title->headline"]


def test_rename_declined_is_remove_and_add() -> None:
    before = project(post_state())
    after = project(
        ModelState(
            "blog", "Post", [pk(), ("headline", models.CharField(max_length=250))]
        )
    )
    migration = _only(
        _changes(before, after, Answers(rename=False), ("blog", "0001_initial"))
    )
    kinds = [type(op).__name__ for op in migration.operations]  # type: ignore[attr-defined]
    assert kinds == ["RemoveField", "AddField"]


def test_non_null_field_without_default() -> None:
    before = project(post_state())
    after = project(post_state(("rank", models.IntegerField())))
    with pytest.raises(QuestionerAbort, match="null=True"):
        MigrationAutodetector(before, after, MigrationQuestioner()).changes(
            graph_with(("blog", "0001_initial"))
        )
    migration = _only(
        _changes(before, after, Answers(default=5), ("blog", "0001_initial"))
    )
    [operation] = migration.operations  # type: ignore[attr-defined]
    assert operation.preserve_default is False and operation.field.default == 5


def test_foreign_key_to_existing_app_depends_on_its_latest_migration() -> None:
    user = ModelState("auth", "User", [pk()])
    before = project(user, post_state())
    fk = models.ForeignKey("auth.User", on_delete=models.CASCADE)
    after = project(user.clone(), post_state(("author", fk)))
    changes = _changes(
        before,
        after,
        None,
        ("auth", "0001_initial"),
        ("auth", "0002_more"),
        ("blog", "0001_initial"),
    )
    migration = _only(changes)
    assert migration.dependencies == [  # type: ignore[attr-defined]
        ("auth", "0002_more"),
        ("blog", "0001_initial"),
    ]


def test_new_models_in_two_apps_depend_on_each_others_new_migration() -> None:
    user = ModelState("auth", "User", [pk()])
    tags = models.ManyToManyField("auth.User")
    post = post_state(("readers", tags))
    changes = _changes(project(), project(user, post))
    assert sorted(changes) == ["auth", "blog"]
    [blog] = changes["blog"]
    assert ("auth", "0001_initial") in blog.dependencies  # type: ignore[attr-defined]


def test_related_new_models_in_one_app_are_created_target_first() -> None:
    author = ModelState("blog", "Author", [pk()])
    fk = models.ForeignKey("blog.Author", on_delete=models.CASCADE)
    post = ModelState("blog", "Article", [pk(), ("author", fk)])
    migration = _only(_changes(project(), project(post, author)))
    names = [op.name for op in migration.operations]  # type: ignore[attr-defined]
    assert names == ["Author", "Article"]


def test_deleted_model() -> None:
    migration = _only(
        _changes(project(post_state()), project(), None, ("blog", "0001_initial"))
    )
    [operation] = migration.operations  # type: ignore[attr-defined]
    assert isinstance(operation, ops.DeleteModel)
    assert migration.name == "0002_delete_post"  # type: ignore[attr-defined]


def test_indexes_constraints_and_unique_together() -> None:
    before = project(post_state(("slug", models.SlugField())))
    index = models.Index(fields=["title"], name="post_title_idx")
    check = models.UniqueConstraint(fields=["slug"], name="post_slug_uniq")
    after = project(
        post_state(
            ("slug", models.SlugField()),
            indexes=[index],
            constraints=[check],
            unique_together=(("title", "slug"),),
            ordering=["-id"],
        )
    )
    migration = _only(_changes(before, after, None, ("blog", "0001_initial")))
    kinds = {type(op).__name__ for op in migration.operations}  # type: ignore[attr-defined]
    assert kinds == {
        "AddIndex",
        "AddConstraint",
        "AlterUniqueTogether",
        "AlterModelOptions",
    }


def test_long_names_fall_back_to_auto() -> None:
    before = project(post_state())
    after = project(
        post_state(
            *[(f"field_number_{i}", models.IntegerField(null=True)) for i in range(5)]
        )
    )
    migration = _only(_changes(before, after, None, ("blog", "0001_initial")))
    assert migration.name.startswith("0002_auto_")  # type: ignore[attr-defined]


def test_unspecified_app_without_migrations_is_skipped() -> None:
    detector = MigrationAutodetector(
        project(), project(post_state()), MigrationQuestioner()
    )
    assert detector.changes(graph_with()) == {}
