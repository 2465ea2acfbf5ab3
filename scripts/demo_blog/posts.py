"""The demo's posts, kept in memory until the ORM lands."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Post:
    slug: str
    title: str
    body: str


POSTS = [
    Post("hello-framework", "Hello, framework", "One handler serves WSGI and ASGI alike."),
    Post("async-views", "Async views", "An async view runs on the event loop, no threads."),
    Post("htmx-partials", "HTMX partials", 'Render one block with "page.html#block".'),
    Post("escaping", "Autoescape <b>on</b>", "Markup in data is shown, never run: <script>."),
]


def find(slug: str) -> Post | None:
    return next((post for post in POSTS if post.slug == slug), None)


def search(term: str) -> list[Post]:
    term = term.lower()
    return [p for p in POSTS if term in p.title.lower() or term in p.body.lower()]
