"""The SQL layer: ``Query`` structures and the compiler that renders them."""

from framework.db.models.sql.query import Query

__all__ = ["Query"]
