"""An environment factory and a context processor named by dotted path in tests."""

from __future__ import annotations

from typing import Any

import jinja2


def environment(**options: Any) -> jinja2.Environment:
    env = jinja2.Environment(**options)
    env.globals["site_name"] = "Example"
    env.globals["static"] = lambda path: "/custom/" + path
    return env


def who(request: Any) -> dict[str, str]:
    return {"who": "processor"}
