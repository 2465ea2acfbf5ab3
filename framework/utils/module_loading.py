"""Import objects by dotted path, with errors that say what to fix."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["import_string"]


def import_string(dotted_path: str) -> Any:
    """Import ``"package.module.attr"`` and return ``attr``.

    Raises ImportError naming both the module and the attribute when either is
    missing, so a typo in a setting is obvious.
    """
    module_path, _, attr = dotted_path.rpartition(".")
    if not module_path:
        raise ImportError(
            f"{dotted_path!r} is not a dotted path such as 'pkg.module.name'."
        )
    module = importlib.import_module(module_path)
    try:
        return getattr(module, attr)
    except AttributeError:
        raise ImportError(
            f"Module {module_path!r} does not define {attr!r} (from {dotted_path!r})."
        ) from None
