"""Signals sent by the request handler and by settings overrides."""

from __future__ import annotations

from framework.dispatch import Signal

__all__ = [
    "got_request_exception",
    "request_finished",
    "request_started",
    "setting_changed",
]

# Sent before the view chain runs; receivers get ``scope`` or ``environ``.
request_started = Signal()
# Sent after the response body has been fully sent (database connections close here).
request_finished = Signal()
# Sent when an exception escapes a view; receivers get ``request``.
got_request_exception = Signal()
# Sent by settings overrides so caches built from settings can reset.
setting_changed = Signal()
