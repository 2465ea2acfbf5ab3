"""The model the concurrency test updates from several processes."""

from __future__ import annotations

from framework.apps.registry import Apps
from framework.db import models

isolated = Apps()


class Counter(models.Model):
    n = models.IntegerField(default=0)

    class Meta:
        app_label = "concurrency"
        db_table = "counter"
        apps = isolated
