"""The loader: migration files on disk become a graph with clear errors."""

from __future__ import annotations

import pytest

import framework.db.migrations as migrations_package
from framework.db.migrations.exceptions import (
    AmbiguityError,
    BadMigrationError,
    NodeNotFoundError,
)
from framework.db.migrations.loader import MigrationLoader, conflict_message
from tests.db.migrations.conftest import AppOnDisk

EMPTY = """
from framework.db import migrations


class Migration(migrations.Migration):
    dependencies = {deps}
    operations = []
"""


def _write(app: AppOnDisk, name: str, deps: str = "[]") -> None:
    app.write(name, EMPTY.replace("{deps}", deps))


def test_discovers_and_orders_migrations(app_on_disk: AppOnDisk) -> None:
    _write(app_on_disk, "0001_initial")
    _write(app_on_disk, "0002_second", '[("{app}", "0001_initial")]')
    app_on_disk.write("_helper", "x = 1\n")
    loader = MigrationLoader(None)
    label = app_on_disk.label
    assert loader.migrated_apps == {label}
    assert loader.graph.leaf_nodes(label) == [(label, "0002_second")]
    assert loader.get_migration_by_prefix(label, "0002").name == "0002_second"
    assert loader.detect_conflicts() == {}


def test_missing_dependency_names_migration_and_fix(app_on_disk: AppOnDisk) -> None:
    _write(app_on_disk, "0001_initial", '[("{app}", "0000_gone")]')
    with pytest.raises(NodeNotFoundError) as info:
        MigrationLoader(None)
    assert f"{app_on_disk.label}.0001_initial" in str(info.value)
    assert "correct the name" in str(info.value)


def test_conflicts_are_detected_with_the_required_message(
    app_on_disk: AppOnDisk,
) -> None:
    _write(app_on_disk, "0001_initial")
    _write(app_on_disk, "0002_a", '[("{app}", "0001_initial")]')
    _write(app_on_disk, "0002_b", '[("{app}", "0001_initial")]')
    conflicts = MigrationLoader(None).detect_conflicts()
    assert conflicts == {app_on_disk.label: ["0002_a", "0002_b"]}
    assert conflict_message({"blog": ["0002_a", "0002_b"]}) == (
        "Conflicting migrations detected; multiple leaf nodes in the migration "
        "graph: (0002_a, 0002_b in blog). To fix them run "
        "'python manage.py makemigrations --merge'"
    )


def test_ambiguous_prefix_and_bad_module(app_on_disk: AppOnDisk) -> None:
    _write(app_on_disk, "0001_initial")
    _write(app_on_disk, "0002_a", '[("{app}", "0001_initial")]')
    _write(app_on_disk, "0003_b", '[("{app}", "0002_a")]')
    loader = MigrationLoader(None)
    with pytest.raises(AmbiguityError, match="Give more of the name"):
        loader.get_migration_by_prefix(app_on_disk.label, "000")
    app_on_disk.write("0004_broken", "x = 1\n")
    with pytest.raises(BadMigrationError, match="has no Migration class"):
        MigrationLoader(None)


def test_public_names_match_all() -> None:
    exported = set(migrations_package.__all__)
    assert exported == {
        name for name in dir(migrations_package) if name[0] not in "_@"
    } - {
        "autodetector",
        "exceptions",
        "executor",
        "graph",
        "loader",
        "migration",
        "operations",
        "planning",
        "questioner",
        "recorder",
        "serializer",
        "state",
        "writer",
    }
