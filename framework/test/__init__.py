"""Testing tools: clients that drive the real handler, factories, overrides."""

from framework.test.client import (
    AsyncClient,
    AsyncRequestFactory,
    Client,
    RedirectCycleError,
    RequestFactory,
)
from framework.test.utils import override_settings

__all__ = [
    "AsyncClient",
    "AsyncRequestFactory",
    "Client",
    "RedirectCycleError",
    "RequestFactory",
    "override_settings",
]
