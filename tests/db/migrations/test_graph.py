"""The migration dependency graph: plans, leaves, roots and clear errors."""

from __future__ import annotations

import pytest

from framework.db.migrations.exceptions import (
    CircularDependencyError,
    NodeNotFoundError,
)
from framework.db.migrations.graph import MigrationGraph
from framework.db.migrations.migration import Migration


def _graph(edges: dict[tuple[str, str], list[tuple[str, str]]]) -> MigrationGraph:
    graph = MigrationGraph()
    for key in edges:
        graph.add_node(key, Migration(key[1], key[0]))
    for key, parents in edges.items():
        for parent in parents:
            graph.add_dependency(f"{key[0]}.{key[1]}", key, parent)
    return graph


def test_forwards_plan_lists_parents_first_across_apps() -> None:
    graph = _graph(
        {
            ("auth", "0001_initial"): [],
            ("blog", "0001_initial"): [("auth", "0001_initial")],
            ("blog", "0002_post"): [("blog", "0001_initial")],
        }
    )
    assert graph.forwards_plan(("blog", "0002_post")) == [
        ("auth", "0001_initial"),
        ("blog", "0001_initial"),
        ("blog", "0002_post"),
    ]


def test_backwards_plan_lists_dependents_first() -> None:
    graph = _graph(
        {
            ("auth", "0001_initial"): [],
            ("blog", "0001_initial"): [("auth", "0001_initial")],
            ("blog", "0002_post"): [("blog", "0001_initial")],
        }
    )
    assert graph.backwards_plan(("auth", "0001_initial")) == [
        ("blog", "0002_post"),
        ("blog", "0001_initial"),
        ("auth", "0001_initial"),
    ]


def test_leaves_and_roots_are_per_app() -> None:
    graph = _graph(
        {
            ("auth", "0001_initial"): [],
            ("blog", "0001_initial"): [("auth", "0001_initial")],
            ("blog", "0002_a"): [("blog", "0001_initial")],
            ("blog", "0002_b"): [("blog", "0001_initial")],
        }
    )
    assert graph.leaf_nodes("blog") == [("blog", "0002_a"), ("blog", "0002_b")]
    assert graph.root_nodes("blog") == [("blog", "0001_initial")]
    assert graph.leaf_nodes() == [
        ("auth", "0001_initial"),
        ("blog", "0002_a"),
        ("blog", "0002_b"),
    ]


def test_missing_parent_names_the_migration_and_the_fix() -> None:
    graph = MigrationGraph()
    graph.add_node(("blog", "0001_initial"), Migration("0001_initial", "blog"))
    with pytest.raises(NodeNotFoundError) as info:
        graph.add_dependency(
            "blog.0001_initial", ("blog", "0001_initial"), ("auth", "0001_initial")
        )
    message = str(info.value)
    assert "blog.0001_initial" in message
    assert "('auth', '0001_initial')" in message
    assert "makemigrations auth" in message
    assert info.value.node == ("auth", "0001_initial")


def test_missing_parent_in_known_app_lists_its_migrations() -> None:
    graph = _graph({("auth", "0001_initial"): []})
    graph.add_node(("blog", "0001_initial"), Migration("0001_initial", "blog"))
    with pytest.raises(NodeNotFoundError, match="0001_initial; correct the name"):
        graph.add_dependency(
            "blog.0001_initial", ("blog", "0001_initial"), ("auth", "0002_typo")
        )


def test_cycle_is_reported_with_its_path() -> None:
    graph = _graph(
        {
            ("a", "0001"): [("b", "0001")],
            ("b", "0001"): [("a", "0001")],
        }
    )
    with pytest.raises(CircularDependencyError) as info:
        graph.ensure_not_cyclic()
    assert "a.0001" in str(info.value) and "b.0001" in str(info.value)
    assert "Remove one of these dependencies" in str(info.value)


def test_acyclic_graph_passes_and_deep_history_does_not_recurse() -> None:
    edges: dict[tuple[str, str], list[tuple[str, str]]] = {("app", "0000"): []}
    for number in range(1, 3000):
        edges[("app", f"{number:04d}")] = [("app", f"{number - 1:04d}")]
    graph = _graph(edges)
    graph.ensure_not_cyclic()
    assert len(graph.forwards_plan(("app", "2999"))) == 3000


def test_plan_of_unknown_target_says_how_to_list() -> None:
    with pytest.raises(NodeNotFoundError, match="showmigrations blog"):
        MigrationGraph().forwards_plan(("blog", "0009_nope"))
