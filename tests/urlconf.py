"""The default URLconf for the framework's own tests (tests override it as needed)."""


urlpatterns: list[object] = []
