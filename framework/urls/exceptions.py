"""The two errors URL routing raises.

::

    Exception
    ├── Http404 (framework.http.exceptions)
    │   └── Resolver404     no URL pattern matched a path; answered with 404
    └── NoReverseMatch      reverse() found no pattern for a name and arguments

``Resolver404`` subclasses ``Http404`` so the request handler turns it into a
404 response with no special case; it keeps ``path`` and ``tried`` for the
debug 404 page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from framework.http.exceptions import Http404

__all__ = ["NoReverseMatch", "Resolver404"]


class Resolver404(Http404):
    """No URL pattern matched ``path``.

    ``tried`` lists every pattern chain that was considered, outermost
    include first, so the debug page can show what the URLconf offers.
    """

    def __init__(self, path: str, tried: Sequence[Sequence[Any]] = ()) -> None:
        self.path = path
        self.tried = [list(chain) for chain in tried]
        super().__init__(
            f"No URL pattern matches the path {path!r} "
            f"({len(self.tried)} pattern(s) tried)."
        )


class NoReverseMatch(Exception):
    """reverse() could not build a URL; the message names the view and the fix."""
