"""Constants shared by the query layer."""

from __future__ import annotations

# Separates the parts of a lookup path: ``author__name__startswith``.
LOOKUP_SEP = "__"
