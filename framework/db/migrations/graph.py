"""The dependency graph of migrations, and plans walked through it.

Nodes are ``(app_label, migration_name)`` keys. A dependency is an edge from a
child to its parent; a forwards plan lists parents before children, a
backwards plan lists children before parents. Walks are iterative and sorted,
so plans are deterministic and deep histories do not hit the recursion limit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from framework.db.migrations.exceptions import (
    CircularDependencyError,
    NodeNotFoundError,
)
from framework.db.migrations.state import ProjectState

if TYPE_CHECKING:
    from framework.db.migrations.migration import Migration

__all__ = ["Key", "MigrationGraph", "Node"]

Key = tuple[str, str]
_Edges = Callable[[Key], set[Key]]


class Node:
    """One migration in the graph with its parent and child keys."""

    def __init__(self, key: Key) -> None:
        self.key = key
        self.parents: set[Key] = set()
        self.children: set[Key] = set()

    def __repr__(self) -> str:
        return f"<Node: {self.key[0]}.{self.key[1]}>"


class MigrationGraph:
    """Directed acyclic graph of migrations built by the loader."""

    def __init__(self) -> None:
        self.node_map: dict[Key, Node] = {}
        self.nodes: dict[Key, Migration] = {}

    def add_node(self, key: Key, migration: Migration) -> None:
        """Add a migration; adding the same key twice keeps the first."""
        if key not in self.node_map:
            self.node_map[key] = Node(key)
            self.nodes[key] = migration

    def add_dependency(self, migration: str, child: Key, parent: Key) -> None:
        """Add the edge ``child -> parent``; both must already be nodes.

        ``migration`` names the migration declaring the dependency, for the
        error message.
        """
        if child not in self.node_map:
            raise NodeNotFoundError(
                f"Migration {migration} dependencies reference nonexistent child "
                f"node {child!r}.",
                child,
            )
        if parent not in self.node_map:
            raise NodeNotFoundError(
                _missing_parent_message(self, migration, parent), parent
            )
        self.node_map[child].parents.add(parent)
        self.node_map[parent].children.add(child)

    def forwards_plan(self, target: Key) -> list[Key]:
        """Return the keys to apply, parents first, ending with ``target``."""
        return self._walk(target, lambda key: self.node_map[key].parents)

    def backwards_plan(self, target: Key) -> list[Key]:
        """Return the keys to unapply, dependents first, ending with ``target``."""
        return self._walk(target, lambda key: self.node_map[key].children)

    def _walk(self, target: Key, edges: _Edges) -> list[Key]:
        if target not in self.node_map:
            raise NodeNotFoundError(
                f"Migration {target[0]}.{target[1]} does not exist. Run "
                f"'python manage.py showmigrations {target[0]}' to list them.",
                target,
            )
        order: list[Key] = []
        seen: set[Key] = set()
        stack: list[tuple[Key, bool]] = [(target, False)]
        while stack:
            key, expanded = stack.pop()
            if expanded:
                order.append(key)
                continue
            if key in seen:
                continue
            seen.add(key)
            stack.append((key, True))
            # Reverse-sorted so the smallest key is walked first.
            for nxt in sorted(edges(key), reverse=True):
                if nxt not in seen:
                    stack.append((nxt, False))
        return order

    def root_nodes(self, app: str | None = None) -> list[Key]:
        """Return nodes with no parent in their own app, sorted."""
        return sorted(
            key
            for key, node in self.node_map.items()
            if (app is None or key[0] == app)
            and all(parent[0] != key[0] for parent in node.parents)
        )

    def leaf_nodes(self, app: str | None = None) -> list[Key]:
        """Return nodes with no child in their own app, sorted."""
        return sorted(
            key
            for key, node in self.node_map.items()
            if (app is None or key[0] == app)
            and all(child[0] != key[0] for child in node.children)
        )

    def ensure_not_cyclic(self) -> None:
        """Raise CircularDependencyError naming one cycle, if there is any."""
        state: dict[Key, int] = {}  # 1 = on the current path, 2 = finished
        for start in sorted(self.node_map):
            if start in state:
                continue
            path: list[Key] = []
            stack = [(start, sorted(self.node_map[start].parents))]
            state[start] = 1
            path.append(start)
            while stack:
                key, pending = stack[-1]
                if not pending:
                    stack.pop()
                    path.pop()
                    state[key] = 2
                    continue
                parent = pending.pop()
                if state.get(parent) == 1:
                    cycle = [*path[path.index(parent) :], parent]
                    raise CircularDependencyError(_cycle_message(cycle))
                if parent not in state:
                    state[parent] = 1
                    path.append(parent)
                    stack.append((parent, sorted(self.node_map[parent].parents)))

    def make_state(
        self,
        nodes: Iterable[Key] | None = None,
        at_end: bool = True,
        real_apps: Iterable[str] | None = None,
    ) -> ProjectState:
        """Return the project state after applying ``nodes`` and their parents.

        ``nodes`` defaults to every leaf. With ``at_end`` false the state stops
        just before the given nodes.
        """
        from_nodes = self.leaf_nodes() if nodes is None else list(nodes)
        plan: list[Key] = []
        for node in from_nodes:
            for key in self.forwards_plan(node):
                if key not in plan and (at_end or key not in from_nodes):
                    plan.append(key)
        state = ProjectState(real_apps=real_apps)
        for key in plan:
            state = self.nodes[key].mutate_state(state, preserve=False)
        return state

    def __contains__(self, key: object) -> bool:
        return key in self.nodes

    def __repr__(self) -> str:
        edges = sum(len(node.parents) for node in self.node_map.values())
        return f"<MigrationGraph: nodes={len(self.nodes)}, edges={edges}>"


def _missing_parent_message(graph: MigrationGraph, migration: str, parent: Key) -> str:
    app, name = parent
    known = sorted(name for (label, name) in graph.node_map if label == app)
    if known:
        hint = (
            f"App {app!r} has the migrations {', '.join(known)}; correct the name "
            f"in {migration}'s dependencies."
        )
    else:
        hint = (
            f"App {app!r} has no migrations: add {app!r} to INSTALLED_APPS and run "
            f"'python manage.py makemigrations {app}', or remove the dependency."
        )
    return (
        f"Migration {migration} depends on nonexistent parent node {parent!r}. {hint}"
    )


def _cycle_message(cycle: list[Key]) -> str:
    chain = " -> ".join(f"{app}.{name}" for app, name in cycle)
    return (
        f"Circular dependency between migrations: {chain}. Remove one of these "
        "dependencies so the migrations can be ordered."
    )
