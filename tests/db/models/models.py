"""Models for the ORM tests (app label ``dbtests``, not an installed app)."""

from __future__ import annotations

import uuid

from framework.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    age = models.IntegerField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "dbtests"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)

    class Meta:
        app_label = "dbtests"


STATUS_CHOICES = [("draft", "Draft"), ("published", "Published")]


class PostQuerySet(models.QuerySet["Post"]):
    def published(self) -> PostQuerySet:
        return self.filter(status="published")  # type: ignore[return-value]


class Post(models.Model):
    title = models.CharField(max_length=250)
    body = models.TextField(blank=True)
    author = models.ForeignKey(Author, models.CASCADE, related_name="posts")
    views = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default="draft")
    published = models.DateTimeField(null=True, blank=True)
    rating = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    tags = models.ManyToManyField(Tag, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        app_label = "dbtests"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title


class Comment(models.Model):
    post = models.ForeignKey(Post, models.CASCADE)
    text = models.CharField(max_length=200)
    author = models.ForeignKey(
        Author, models.SET_NULL, null=True, blank=True, related_name="comments"
    )

    class Meta:
        app_label = "dbtests"


class Profile(models.Model):
    author = models.OneToOneField(Author, models.CASCADE, related_name="profile")
    bio = models.TextField(blank=True)

    class Meta:
        app_label = "dbtests"


class Category(models.Model):
    name = models.CharField(max_length=50)

    class Meta:
        app_label = "dbtests"


class Item(models.Model):
    category = models.ForeignKey(Category, models.PROTECT)
    label = models.CharField(max_length=50, default="x")

    class Meta:
        app_label = "dbtests"


class Counter(models.Model):
    name = models.CharField(max_length=20, default="c")
    n = models.IntegerField(default=0)

    class Meta:
        app_label = "dbtests"


class TimestampedBase(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Everything(TimestampedBase):
    uid = models.UUIDField(default=uuid.uuid4)
    data = models.JSONField(default=dict, blank=True)
    blob = models.BinaryField(null=True)
    span = models.DurationField(null=True)
    flag = models.BooleanField(default=False)
    day = models.DateField(null=True)
    at = models.TimeField(null=True)
    ratio = models.FloatField(null=True)
    slug = models.SlugField(blank=True)
    url = models.URLField(blank=True)
    big = models.BigIntegerField(null=True)

    class Meta:
        app_label = "dbtests"


class Person(models.Model):
    name = models.CharField(max_length=50)
    friends = models.ManyToManyField("self", blank=True)
    boss = models.ForeignKey("self", models.SET_NULL, null=True, related_name="staff")

    class Meta:
        app_label = "dbtests"


ALL_MODELS = [
    Author, Tag, Post, Comment, Profile, Category, Item, Counter, Everything, Person,
]  # fmt: skip
