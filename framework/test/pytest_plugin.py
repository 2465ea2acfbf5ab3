"""The framework's pytest plugin (registered through the ``pytest11`` entry point).

Set the settings module with ``FRAMEWORK_SETTINGS_MODULE`` in ``pytest.ini`` /
``pyproject.toml`` (``[tool.pytest.ini_options]``), the environment variable, or
``--framework-settings``. Fixtures: ``client``, ``async_client``, ``rf``,
``async_rf`` and ``settings`` (assign attributes to override; undone after the test).
"""

from __future__ import annotations

import asyncio
import inspect
import os
import sys
from collections.abc import Iterator

import pytest

import framework
from framework.conf import ENVIRONMENT_VARIABLE
from framework.conf import settings as framework_settings
from framework.test.client import (
    AsyncClient,
    AsyncRequestFactory,
    Client,
    RequestFactory,
)
from framework.test.utils import SettingsWrapper


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(ENVIRONMENT_VARIABLE, "Dotted path of the settings module for tests.")
    parser.addoption(
        "--framework-settings",
        default=None,
        help="Dotted path of the settings module for tests (overrides the ini value).",
    )


def pytest_configure(config: pytest.Config) -> None:
    module = (
        config.getoption("--framework-settings")
        or os.environ.get(ENVIRONMENT_VARIABLE)
        or config.getini(ENVIRONMENT_VARIABLE)
    )
    if not module:
        return
    os.environ[ENVIRONMENT_VARIABLE] = module
    # A project's tests run from the folder holding manage.py; make it importable.
    root = str(config.rootpath)
    if root not in sys.path:
        sys.path.insert(0, root)
    framework.setup()
    # The test client's default host, as in Django's test environment.
    if "testserver" not in framework_settings.ALLOWED_HOSTS:
        allowed = framework_settings.ALLOWED_HOSTS
        framework_settings.ALLOWED_HOSTS = [*allowed, "testserver"]


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests on a fresh event loop when no async plugin does.

    Tests marked for pytest-asyncio, anyio or trio are left to those plugins.
    """
    if not inspect.iscoroutinefunction(pyfuncitem.obj) or any(
        pyfuncitem.get_closest_marker(name) for name in ("asyncio", "anyio", "trio")
    ):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture
def settings() -> Iterator[SettingsWrapper]:
    """Override settings for one test: ``settings.DEBUG = True``."""
    wrapper = SettingsWrapper()
    yield wrapper
    wrapper.finalize()


@pytest.fixture
def client() -> Client:
    """A test client driving the project's WSGI-mode handler in process."""
    return Client()


@pytest.fixture
def async_client() -> AsyncClient:
    """A test client driving the project's ASGI-mode handler in process."""
    return AsyncClient()


@pytest.fixture
def rf() -> RequestFactory:
    return RequestFactory()


@pytest.fixture
def async_rf() -> AsyncRequestFactory:
    return AsyncRequestFactory()
