"""Templates: the engine registry, loading helpers and template errors.

Configure engines with the ``TEMPLATES`` setting; render with
``framework.shortcuts.render`` or :func:`render_to_string`.
"""

from framework.template.engines import engines
from framework.template.exceptions import TemplateDoesNotExist, TemplateSyntaxError
from framework.template.loader import get_template, render_to_string, select_template

__all__ = [
    "TemplateDoesNotExist",
    "TemplateSyntaxError",
    "engines",
    "get_template",
    "render_to_string",
    "select_template",
]
