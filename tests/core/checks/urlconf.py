"""An empty but valid URLconf for the URL check tests."""

urlpatterns: list[object] = []
