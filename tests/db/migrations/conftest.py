"""Fixtures for the migration tests: a throwaway installed app with migration files."""

from __future__ import annotations

import itertools
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from framework.apps import apps

_counter = itertools.count()


class AppOnDisk:
    """An app package in a temp folder; write migrations, then install it."""

    def __init__(self, root: Path, label: str) -> None:
        self.label = label
        self.package = root / label
        self.migrations = self.package / "migrations"
        self.migrations.mkdir(parents=True)
        (self.package / "__init__.py").write_text("")
        (self.migrations / "__init__.py").write_text("")

    def write(self, name: str, body: str) -> None:
        """Write ``migrations/<name>.py``; ``{app}`` in ``body`` is the label."""
        text = textwrap.dedent(body).replace("{app}", self.label)
        (self.migrations / f"{name}.py").write_text(text)


@pytest.fixture
def app_on_disk(tmp_path: Path) -> Iterator[AppOnDisk]:
    """Install a fresh app (unique label) as the only app, restore after."""
    label = f"migapp{next(_counter)}_{abs(hash(str(tmp_path))) % 10_000}"
    app = AppOnDisk(tmp_path, label)
    saved = (dict(apps.app_configs), apps.apps_ready, apps.models_ready, apps.ready)
    sys.path.insert(0, str(tmp_path))
    apps._reset()
    try:
        apps.populate([label])
        yield app
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m.split(".")[0] == label]:
            del sys.modules[name]
        apps.app_configs, apps.apps_ready, apps.models_ready, apps.ready = (
            saved[0],
            *saved[1:],
        )
        apps.all_models.pop(label, None)
