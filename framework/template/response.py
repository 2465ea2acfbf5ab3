"""``TemplateResponse``: a response that renders its template as late as possible.

Until it is rendered, middleware and decorators may still change
``template_name`` and ``context_data``. The handler calls :meth:`render`; reading
``content`` (or iterating) renders it too, so a template response is never sent
empty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from framework.http import HttpResponse
from framework.template.backends.base import Template
from framework.template.loader import get_template, select_template

__all__ = ["SimpleTemplateResponse", "TemplateResponse"]

TemplateSource = str | Sequence[str] | Template


class SimpleTemplateResponse(HttpResponse):
    """Render ``template`` with ``context`` when first needed, without a request."""

    def __init__(
        self,
        template: TemplateSource,
        context: Mapping[str, Any] | None = None,
        content_type: str | None = None,
        status: int | None = None,
        charset: str | None = None,
        using: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(
            "", content_type=content_type, status=status, charset=charset,
            headers=headers,
        )
        self.template_name = template
        self.context_data: dict[str, Any] | None = dict(context) if context else None
        self.using = using
        self._post_render_callbacks: list[Callable[[Any], Any]] = []
        # Set by TemplateResponse; None renders without context processors.
        self._request: Any = None
        self._is_rendered = False

    def resolve_template(self, template: TemplateSource) -> Template:
        """Turn a name, a list of names or a template object into a template."""
        if isinstance(template, str):
            return get_template(template, using=self.using)
        if isinstance(template, list | tuple):
            return select_template(template, using=self.using)
        return template  # type: ignore[return-value]

    @property
    def rendered_content(self) -> str:
        """Render now and return the text, without storing it."""
        template = self.resolve_template(self.template_name)
        return template.render(self.context_data, self._request)

    @property
    def is_rendered(self) -> bool:
        return self._is_rendered

    def add_post_render_callback(self, callback: Callable[[Any], Any]) -> None:
        """Call ``callback(response)`` after rendering (now, if already rendered)."""
        if self._is_rendered:
            callback(self)
        else:
            self._post_render_callbacks.append(callback)

    def render(self) -> SimpleTemplateResponse:
        """Render once and run the post-render callbacks; return the response.

        A callback may return a new response, which is then returned instead.
        """
        result: SimpleTemplateResponse = self
        if not self._is_rendered:
            self.content = self.rendered_content
            callbacks, self._post_render_callbacks = self._post_render_callbacks, []
            for callback in callbacks:
                replacement = callback(result)
                if replacement is not None:
                    result = replacement
        return result

    @property
    def content(self) -> bytes:
        if not self._is_rendered:
            self.render()
        return HttpResponse.content.fget(self)  # type: ignore[attr-defined,no-any-return]

    @content.setter
    def content(self, value: Any) -> None:
        HttpResponse.content.fset(self, value)  # type: ignore[attr-defined]
        self._is_rendered = True

    def __iter__(self) -> Iterator[bytes]:
        if not self._is_rendered:
            self.render()
        return super().__iter__()

    def __getstate__(self) -> dict[str, Any]:
        if not self._is_rendered:
            raise RuntimeError(
                "A template response must be rendered before it is pickled "
                "(call response.render())."
            )
        state = dict(self.__dict__)
        for key in ("template_name", "context_data", "_post_render_callbacks"):
            state.pop(key, None)
        return state


class TemplateResponse(SimpleTemplateResponse):
    """A template response rendered with its request (context processors run)."""

    def __init__(
        self,
        request: Any,
        template: TemplateSource,
        context: Mapping[str, Any] | None = None,
        content_type: str | None = None,
        status: int | None = None,
        charset: str | None = None,
        using: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(
            template, context, content_type, status, charset, using, headers
        )
        self._request = request
