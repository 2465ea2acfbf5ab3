"""The default URLconf for the framework's own tests (tests override it as needed)."""

from framework.urls import path

urlpatterns: list[object] = []
