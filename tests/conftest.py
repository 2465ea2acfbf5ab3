"""Suite-wide set-up: the test settings module, and no silent skips in CI.

Tests that need a part the machine lacks (a server binary, a browser) skip with
a message saying what to install; with ``CI=true`` such a skip fails instead,
because CI installs every part and must run everything.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("FRAMEWORK_SETTINGS_MODULE", "tests.settings")

# Database fixtures for every test folder: db_backend (SQLite and PostgreSQL),
# create_models(*models) and the session's throwaway PostgreSQL server.
from tests.db.conftest import (  # noqa: E402, F401
    create_models,
    db_backend,
    postgres_server,
)

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Iterator[None]:
    report = yield
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = (
            f"Skipped in CI, where nothing may be skipped: {report.longrepr}"
        )
    return report
