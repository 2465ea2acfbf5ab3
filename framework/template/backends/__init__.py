"""Template engines: ``base`` holds what they share, one module per engine."""

from framework.template.backends.base import BaseEngine, Template

__all__ = ["BaseEngine", "Template"]
