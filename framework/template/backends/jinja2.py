"""The Jinja2 template engine, configured from one ``TEMPLATES`` entry.

::

    TEMPLATES = [{
        "BACKEND": "framework.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,            # also search <app>/templates/
        "OPTIONS": {
            "context_processors": ["framework.template.context_processors.debug"],
            # "environment": "myproject.jinja2.environment",
        },
    }]

Defaults: autoescape is on for HTML-like and unknown extensions and for string
templates (off only for plain-text extensions such as ``.txt``), templates are
reloaded when changed if ``DEBUG`` is on, and missing variables render empty.
Every environment gets ``url()`` and ``static()`` globals. Other ``OPTIONS`` keys
go to ``jinja2.Environment`` (or to the ``environment`` callable).

Partials (for HTMX and similar): ``"blog/page.html#items"`` names the block
``items`` of ``blog/page.html``. Rendering it renders only that block, with the
full context, after resolving inheritance: a block overridden by the template
wins, one defined only in a parent is found there, and ``super()`` works.
Limits: code outside the block (top-level ``{% set %}``/``{% import %}``) does
not run, so import macros inside the block; ``{% extends %}`` must name its
parent with a string literal for parent blocks to be found.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from typing import Any

import jinja2
from jinja2 import nodes

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured
from framework.template.backends.base import BaseEngine
from framework.template.context_processors import csrf
from framework.template.exceptions import TemplateDoesNotExist, TemplateSyntaxError
from framework.template.globals import default_globals
from framework.utils.module_loading import import_string

__all__ = ["Jinja2", "Jinja2Template", "Origin"]

# Escaping would corrupt these; every other extension (and no extension) escapes.
_PLAIN_TEXT_EXTENSIONS = ("txt", "text", "csv", "eml")
_HTML_EXTENSIONS = ("html", "htm", "xml", "jinja", "j2", "svg")

ContextProcessor = Callable[[Any], Mapping[str, Any]]


class Origin:
    """Where a template came from: its name and, if loaded from disk, its file."""

    def __init__(self, name: str | None, template_name: str | None) -> None:
        self.name = name
        self.template_name = template_name

    def __repr__(self) -> str:
        return f"<Origin name={self.name!r}>"


class Jinja2(BaseEngine):
    """Render templates with a ``jinja2.Environment`` built from settings."""

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__(params)
        options = dict(self.options)
        processors = options.pop("context_processors", [])
        factory = options.pop("environment", "jinja2.Environment")
        self.context_processors = [self._import(p) for p in processors]
        self.env = self._build_environment(factory, options)
        # Parent template name per compiled template; recomputed when a reload
        # replaces the template object.
        self._parents: weakref.WeakKeyDictionary[jinja2.Template, str | None] = (
            weakref.WeakKeyDictionary()
        )

    def _import(self, dotted: str) -> ContextProcessor:
        try:
            processor: ContextProcessor = import_string(dotted)
        except ImportError as exc:
            raise ImproperlyConfigured(
                f"Context processor {dotted!r} in TEMPLATES engine {self.name!r} "
                f"cannot be imported: {exc}"
            ) from exc
        return processor

    def _build_environment(
        self, factory: Any, options: dict[str, Any]
    ) -> jinja2.Environment:
        options.setdefault("loader", jinja2.FileSystemLoader(self.template_dirs))
        options.setdefault(
            "autoescape",
            jinja2.select_autoescape(
                enabled_extensions=_HTML_EXTENSIONS,
                disabled_extensions=_PLAIN_TEXT_EXTENSIONS,
                default_for_string=True,
                default=True,
            ),
        )
        options.setdefault("auto_reload", bool(settings.DEBUG))
        options.setdefault("undefined", jinja2.Undefined)
        make = import_string(factory) if isinstance(factory, str) else factory
        try:
            env: jinja2.Environment = make(**options)
        except TypeError as exc:
            raise ImproperlyConfigured(
                f"The OPTIONS of TEMPLATES engine {self.name!r} were rejected by "
                f"{factory!r}: {exc}. Remove or rename the offending key."
            ) from exc
        for key, value in default_globals().items():
            env.globals.setdefault(key, value)
        return env

    def from_string(self, source: str) -> Jinja2Template:
        """Compile ``source``; autoescape is on for string templates."""
        try:
            return Jinja2Template(self.env.from_string(source), self)
        except jinja2.TemplateSyntaxError as exc:
            raise _syntax_error(exc) from exc

    def get_template(self, name: str) -> Jinja2Template:
        """Load ``name``, or only its block with ``"name#block"`` (see module doc)."""
        template_name, _, block = name.partition("#")
        template = self._load(template_name)
        if not block:
            return Jinja2Template(template, self)
        available = self.block_names(template)
        if block not in available:
            listed = ", ".join(sorted(available)) or "none"
            raise TemplateDoesNotExist(
                name,
                tried=self.template_dirs,
                backend=self,
                message=(
                    f"Template {template_name!r} has no block {block!r}. "
                    f"Blocks it defines or inherits: {listed}."
                ),
            )
        return Jinja2Template(template, self, block=block)

    def _load(self, name: str) -> jinja2.Template:
        try:
            return self.env.get_template(name)
        except jinja2.TemplateNotFound as exc:
            raise TemplateDoesNotExist(
                name, tried=self.template_dirs, backend=self
            ) from exc
        except jinja2.TemplateSyntaxError as exc:
            raise _syntax_error(exc) from exc

    def ancestors(self, template: jinja2.Template) -> list[jinja2.Template]:
        """Return the templates ``template`` extends, nearest parent first."""
        chain: list[jinja2.Template] = []
        seen = {template.name}
        parent = self._parent_name(template)
        while parent is not None and parent not in seen:
            seen.add(parent)
            current = self._load(parent)
            chain.append(current)
            parent = self._parent_name(current)
        return chain

    def block_names(self, template: jinja2.Template) -> set[str]:
        """Return the blocks ``template`` defines or inherits."""
        names = set(template.blocks)
        for ancestor in self.ancestors(template):
            names.update(ancestor.blocks)
        return names

    def _parent_name(self, template: jinja2.Template) -> str | None:
        if template in self._parents:
            return self._parents[template]
        parent = self._read_parent_name(template)
        self._parents[template] = parent
        return parent

    def _read_parent_name(self, template: jinja2.Template) -> str | None:
        loader = self.env.loader
        if template.name is None or loader is None:
            return None
        source, filename, _ = loader.get_source(self.env, template.name)
        tree = self.env.parse(source, template.name, filename)
        extends = tree.find(nodes.Extends)
        if extends is None or not isinstance(extends.template, nodes.Const):
            return None
        value = extends.template.value
        return value if isinstance(value, str) else None


class Jinja2Template:
    """A compiled template (or one block of it) bound to its engine."""

    def __init__(
        self, template: jinja2.Template, backend: Jinja2, block: str | None = None
    ) -> None:
        self.template = template
        self.backend = backend
        self.block = block
        self.origin = Origin(template.filename, template.name)

    def __repr__(self) -> str:
        suffix = f"#{self.block}" if self.block else ""
        return f"<Jinja2Template {self.template.name}{suffix}>"

    def render(
        self, context: Mapping[str, Any] | None = None, request: Any = None
    ) -> str:
        """Render to a string; with a request, add request-wide variables.

        ``request``, ``csrf_token`` and ``csrf_input`` come first, then each
        context processor's dict, then ``context``, so the view's values win.
        """
        variables = self._context(context, request)
        try:
            if self.block is None:
                return self.template.render(variables)
            return self._render_block(self.block, variables)
        except jinja2.TemplateNotFound as exc:
            backend = self.backend
            raise TemplateDoesNotExist(
                str(exc.name or ""), tried=backend.template_dirs, backend=backend
            ) from exc
        except jinja2.TemplateSyntaxError as exc:
            raise _syntax_error(exc) from exc

    def _context(
        self, context: Mapping[str, Any] | None, request: Any
    ) -> dict[str, Any]:
        variables: dict[str, Any] = {}
        if request is not None:
            variables["request"] = request
            variables.update(csrf(request))
            for processor in self.backend.context_processors:
                variables.update(processor(request))
        if context:
            variables.update(context)
        return variables

    def _render_block(self, block: str, variables: dict[str, Any]) -> str:
        # Mirror what {% extends %} does at run time: the leaf's blocks first,
        # then each ancestor's, so overrides and super() resolve as in a full render.
        context = self.template.new_context(variables)
        for ancestor in self.backend.ancestors(self.template):
            for name, func in ancestor.blocks.items():
                context.blocks.setdefault(name, []).append(func)
        try:
            return "".join(context.blocks[block][0](context))
        except Exception:
            # Rewrites the traceback to point at template lines, then re-raises.
            self.backend.env.handle_exception()
            raise


def _syntax_error(exc: jinja2.TemplateSyntaxError) -> TemplateSyntaxError:
    return TemplateSyntaxError(exc.message or str(exc), exc.name, exc.lineno)
