"""Project and model states, and the historical models rendered from them."""

from __future__ import annotations

from framework.apps.registry import Apps
from framework.db import models
from framework.db.migrations import operations as ops
from framework.db.migrations.state import ModelState, ProjectState
from tests.db.migrations.helpers import pk, post_state, project


def test_render_gives_historical_models_in_their_own_registry() -> None:
    state = project(post_state(ordering=["-id"]))
    Post = state.apps.get_model("blog", "Post")
    assert Post._meta.apps is state.apps
    assert Post._meta.db_table == "blog_post"
    assert list(Post._meta.ordering) == ["-id"]
    assert [f.name for f in Post._meta.local_fields] == ["id", "title"]


def test_clone_is_independent() -> None:
    state = project(post_state())
    copy = state.clone()
    copy.add_field("blog", "post", "body", models.TextField())
    assert "body" not in state.models[("blog", "post")].fields
    assert state != copy
    assert state == project(post_state())


def test_from_model_round_trip() -> None:
    registry = Apps()
    registry.apps_ready = registry.models_ready = registry.ready = True
    meta = type(
        "Meta",
        (),
        {"app_label": "blog", "apps": registry, "ordering": ["title"]},
    )
    Post = type(
        "Post",
        (models.Model,),
        {
            "__module__": __name__,
            "title": models.CharField(max_length=20),
            "Meta": meta,
        },
    )
    model_state = ModelState.from_model(Post)
    assert list(model_state.fields) == ["id", "title"]
    assert model_state.options["ordering"] == ["title"]
    assert "db_table" not in model_state.options


def test_operations_change_the_state() -> None:
    state = project(post_state())
    ops.RenameField("Post", "title", "headline").state_forwards("blog", state)
    ops.AddField("Post", "body", models.TextField()).state_forwards("blog", state)
    ops.RenameModel("Post", "Article").state_forwards("blog", state)
    article = state.apps.get_model("blog", "Article")
    assert [f.name for f in article._meta.local_fields] == ["id", "headline", "body"]
    ops.DeleteModel("Article").state_forwards("blog", state)
    assert state.models == {}


def test_relations_render_in_any_order() -> None:
    fk = models.ForeignKey("blog.author", on_delete=models.CASCADE)
    post = ModelState("blog", "Post", [pk(), ("author", fk)])
    author = ModelState("blog", "Author", [pk()])
    state = ProjectState()
    state.add_model(post)
    state.add_model(author)
    Post = state.apps.get_model("blog", "Post")
    assert Post._meta.get_field("author").remote_field.model is state.apps.get_model(
        "blog", "Author"
    )
