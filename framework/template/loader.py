"""Find and render templates across the configured engines.

Each engine is asked in ``TEMPLATES`` order (or only the one named by
``using``); the first that has the template wins.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from framework.template.backends.base import Template
from framework.template.engines import engines
from framework.template.exceptions import TemplateDoesNotExist

__all__ = ["get_template", "render_to_string", "select_template"]


def get_template(template_name: str, using: str | None = None) -> Template:
    """Load a template by name; ``"page.html#block"`` loads one block (a partial)."""
    errors: list[TemplateDoesNotExist] = []
    for engine in engines.require(using):
        try:
            return engine.get_template(template_name)
        except TemplateDoesNotExist as exc:
            errors.append(exc)
    raise _combined(template_name, errors)


def select_template(
    template_name_list: Sequence[str], using: str | None = None
) -> Template:
    """Load the first template of the list that exists."""
    if isinstance(template_name_list, str):
        raise TypeError(
            "select_template() takes a list of template names, not a string; "
            f"use get_template({template_name_list!r}) for one name."
        )
    if not template_name_list:
        raise TemplateDoesNotExist("", message="No template names were given.")
    errors: list[TemplateDoesNotExist] = []
    for name in template_name_list:
        for engine in engines.require(using):
            try:
                return engine.get_template(name)
            except TemplateDoesNotExist as exc:
                errors.append(exc)
    raise _combined(", ".join(template_name_list), errors, several=True)


def render_to_string(
    template_name: str | Sequence[str],
    context: Mapping[str, Any] | None = None,
    request: Any = None,
    using: str | None = None,
) -> str:
    """Render a template (or the first of a list that exists) to a string."""
    if isinstance(template_name, str):
        template = get_template(template_name, using=using)
    else:
        template = select_template(template_name, using=using)
    return template.render(dict(context) if context else None, request)


def _combined(
    name: str, errors: list[TemplateDoesNotExist], several: bool = False
) -> TemplateDoesNotExist:
    if len(errors) == 1:
        return errors[0]
    tried = list(dict.fromkeys(folder for error in errors for folder in error.tried))
    if several:
        message = f"None of the templates {name} exists."
    else:
        message = f"Template {name!r} does not exist."
    message += f" Searched: {', '.join(tried) or 'no folders'}."
    details = list(dict.fromkeys(error.detail for error in errors if error.detail))
    message = " ".join([message, *details])
    return TemplateDoesNotExist(name, tried=tried, chain=errors, message=message)
