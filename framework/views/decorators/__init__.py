"""View decorators; HTTP method restrictions live in ``http``."""

from framework.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

__all__ = ["require_GET", "require_POST", "require_http_methods", "require_safe"]
