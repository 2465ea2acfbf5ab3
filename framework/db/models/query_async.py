"""The ``a``-prefixed QuerySet methods (``aget``, ``acount``, ``async for``...).

Connections are bound to threads, so each method runs its sync twin with
``sync_to_async(thread_sensitive=True)``: every ORM call of a request uses the
same worker thread and connection. A native async driver path can replace
these bodies later without changing their signatures.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from typing import Any

from asgiref.sync import sync_to_async


def _run(func: Any) -> Any:
    return sync_to_async(func, thread_sensitive=True)


class AsyncQuerySetMixin:
    """Async twins of the QuerySet methods that touch the database."""

    def _sync(self, name: str) -> Any:
        return _run(getattr(self, name))

    def __aiter__(self) -> AsyncIterator[Any]:
        return self._aiterate()

    async def _aiterate(self) -> AsyncIterator[Any]:
        results = await _run(list)(self)
        for obj in results:
            yield obj

    async def aiterator(self, chunk_size: int | None = None) -> AsyncIterator[Any]:
        iterate = self._sync("iterator")
        results = await _run(list)(await iterate(chunk_size))
        for obj in results:
            yield obj

    async def aget(self, *args: Any, **kwargs: Any) -> Any:
        return await self._sync("get")(*args, **kwargs)

    async def acreate(self, **kwargs: Any) -> Any:
        return await self._sync("create")(**kwargs)

    async def aget_or_create(
        self, defaults: dict[str, Any] | None = None, **kwargs: Any
    ) -> tuple[Any, bool]:
        result: tuple[Any, bool] = await self._sync("get_or_create")(defaults, **kwargs)
        return result

    async def aupdate_or_create(
        self, defaults: dict[str, Any] | None = None, **kwargs: Any
    ) -> tuple[Any, bool]:
        result: tuple[Any, bool] = await self._sync("update_or_create")(
            defaults, **kwargs
        )
        return result

    async def acount(self) -> int:
        count: int = await self._sync("count")()
        return count

    async def aexists(self) -> bool:
        found: bool = await self._sync("exists")()
        return found

    async def afirst(self) -> Any:
        return await self._sync("first")()

    async def alast(self) -> Any:
        return await self._sync("last")()

    async def alatest(self, *fields: str) -> Any:
        return await self._sync("latest")(*fields)

    async def aearliest(self, *fields: str) -> Any:
        return await self._sync("earliest")(*fields)

    async def aaggregate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        result: dict[str, Any] = await self._sync("aggregate")(*args, **kwargs)
        return result

    async def ain_bulk(
        self, id_list: Iterable[Any] | None = None, *, field_name: str = "pk"
    ) -> dict[Any, Any]:
        result: dict[Any, Any] = await self._sync("in_bulk")(
            id_list, field_name=field_name
        )
        return result

    async def aupdate(self, **kwargs: Any) -> int:
        rows: int = await self._sync("update")(**kwargs)
        return rows

    async def adelete(self) -> tuple[int, dict[str, int]]:
        result: tuple[int, dict[str, int]] = await self._sync("delete")()
        return result

    async def abulk_create(
        self, objs: Iterable[Any], batch_size: int | None = None
    ) -> list[Any]:
        created: list[Any] = await self._sync("bulk_create")(objs, batch_size)
        return created

    async def abulk_update(
        self, objs: Iterable[Any], fields: Sequence[str], batch_size: int | None = None
    ) -> int:
        rows: int = await self._sync("bulk_update")(objs, fields, batch_size)
        return rows
