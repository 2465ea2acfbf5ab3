"""Installed apps: ``AppConfig`` and the ``apps`` registry."""

from framework.apps.config import AppConfig
from framework.apps.registry import Apps, apps

__all__ = ["AppConfig", "Apps", "apps"]
