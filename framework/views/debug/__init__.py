"""Debug error pages: the technical 500 page, the technical 404 page, the welcome page.

The exception handler (:mod:`framework.core.handlers.exception`) calls these
only when ``DEBUG`` is on; in production it uses :mod:`framework.views.defaults`.

- :mod:`~framework.views.debug.cleanse` hides secrets (by name) before display;
- :mod:`~framework.views.debug.report` collects what the 500 page shows;
- :mod:`~framework.views.debug.pages` renders the pages as responses.
"""

from framework.views.debug.cleanse import (
    CLEANSED_SUBSTITUTE,
    SENSITIVE_NAME,
    cleanse_setting,
    get_safe_settings,
    safe_repr,
)
from framework.views.debug.pages import (
    technical_404_response,
    technical_500_response,
    welcome_response,
)
from framework.views.debug.report import ErrorReport, build_error_report, report_text

__all__ = [
    "CLEANSED_SUBSTITUTE",
    "SENSITIVE_NAME",
    "ErrorReport",
    "build_error_report",
    "cleanse_setting",
    "get_safe_settings",
    "report_text",
    "safe_repr",
    "technical_404_response",
    "technical_500_response",
    "welcome_response",
]
