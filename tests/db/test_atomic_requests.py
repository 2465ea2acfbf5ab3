"""ATOMIC_REQUESTS: each view runs in one transaction per configured database."""

from __future__ import annotations

import logging

import pytest

from framework.conf import settings as framework_settings
from framework.core.exceptions import ImproperlyConfigured
from framework.test import Client
from tests.db.atomic_views import Note


@pytest.fixture
def atomic(settings, db_backend, create_models):
    settings.ROOT_URLCONF = "tests.db.atomic_views"
    settings.MIDDLEWARE = []
    databases = {
        alias: {**entry, "ATOMIC_REQUESTS": True}
        for alias, entry in framework_settings.DATABASES.items()
    }
    settings.DATABASES = databases
    with create_models(Note):
        yield


def test_a_failing_view_leaves_no_write(atomic, caplog):
    with caplog.at_level(logging.CRITICAL):
        assert Client(raise_request_exception=False).get("/fail/").status_code == 500
    assert Note.objects.count() == 0


def test_exempt_view_keeps_its_write(atomic, caplog):
    with caplog.at_level(logging.CRITICAL):
        Client(raise_request_exception=False).get("/exempt/")
    assert list(Note.objects.values_list("text", flat=True)) == ["kept"]


def test_successful_view_commits_inside_a_block(atomic):
    assert Client().get("/ok/").content == b"in atomic block: True"
    assert Note.objects.count() == 1


def test_async_view_is_refused_with_the_fix(atomic):
    with pytest.raises(ImproperlyConfigured, match="non_atomic_requests"):
        Client().get("/async/")
