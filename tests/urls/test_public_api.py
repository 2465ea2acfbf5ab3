"""framework.urls exports exactly the names in its __all__."""

from __future__ import annotations
import __future__

import types

import framework.urls


def test_all_names_exist_and_every_public_name_is_listed() -> None:
    public = {
        name
        for name, value in vars(framework.urls).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and value is not __future__.annotations
    }
    assert set(framework.urls.__all__) == public
    assert len(framework.urls.__all__) == len(set(framework.urls.__all__))
