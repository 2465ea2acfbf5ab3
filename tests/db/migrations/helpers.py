"""Shared builders for the migration tests: model states and graphs."""

from __future__ import annotations

from typing import Any

from framework.db import models
from framework.db.migrations.graph import MigrationGraph
from framework.db.migrations.migration import Migration
from framework.db.migrations.questioner import MigrationQuestioner
from framework.db.migrations.serializer import serialize
from framework.db.migrations.state import ModelState, ProjectState


def pk() -> tuple[str, Any]:
    return (
        "id",
        models.BigAutoField(
            auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
        ),
    )


def post_state(*extra: tuple[str, Any], **options: Any) -> ModelState:
    fields = [pk(), ("title", models.CharField(max_length=250)), *extra]
    return ModelState("blog", "Post", fields, options)


def project(*states: ModelState) -> ProjectState:
    state = ProjectState()
    for model_state in states:
        state.add_model(model_state)
    return state


def graph_with(*keys: tuple[str, str]) -> MigrationGraph:
    """A graph where each app's listed migrations form a chain."""
    graph = MigrationGraph()
    previous: dict[str, tuple[str, str]] = {}
    for key in keys:
        graph.add_node(key, Migration(key[1], key[0]))
        if key[0] in previous:
            graph.add_dependency(str(key), key, previous[key[0]])
        previous[key[0]] = key
    return graph


def source(operation: Any) -> str:
    """The one-line source of an operation: a comparable shape."""
    return serialize(operation)[0].flat()


class Answers(MigrationQuestioner):
    """A questioner with canned answers."""

    def __init__(self, rename: bool = False, default: Any = 0) -> None:
        super().__init__(specified_apps=["blog", "auth", "shop"])
        self.rename = rename
        self.default = default
        self.asked: list[str] = []

    def ask_rename(
        self, model_name: str, old_name: str, new_name: str, field: Any
    ) -> bool:
        self.asked.append(f"rename {model_name}.{old_name}->{new_name}")
        return self.rename

    def ask_not_null_addition(self, field_name: str, model_name: str) -> Any:
        self.asked.append(f"default {model_name}.{field_name}")
        return self.default
