from framework.urls import path

from . import views

app_name = "blog"
urlpatterns = [
    path("", views.index, name="index"),
    path("p/<slug:slug>/", views.detail, name="detail"),
    path("api/posts/", views.api_posts, name="api-posts"),
    path("api/ping/", views.api_ping, name="api-ping"),
]
