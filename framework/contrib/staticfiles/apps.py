"""App configuration of ``framework.contrib.staticfiles``."""

from __future__ import annotations

from framework.apps import AppConfig
from framework.contrib.staticfiles.finders import check_finders
from framework.core import checks


class StaticFilesConfig(AppConfig):
    name = "framework.contrib.staticfiles"
    label = "staticfiles"
    verbose_name = "Static Files"

    def ready(self) -> None:
        """Register the checks that validate ``STATICFILES_DIRS``."""
        checks.register(check_finders, checks.Tags.staticfiles)
