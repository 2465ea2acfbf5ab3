"""Attribute access for relations: ``comment.post``, ``post.comment_set``,
``post.tags``, ``user.profile``.

Forward objects are cached per instance in ``_state.fields_cache``; reverse
managers build QuerySets filtered on the instance and honour results stored by
``prefetch_related`` in ``_prefetched_objects_cache``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from framework.db import transaction
from framework.db.models import signals


def _db_for(instance: Any) -> str | None:
    return getattr(instance._state, "db", None)


class ForwardManyToOneDescriptor:
    """``comment.post``: load (once) and set the object a foreign key points at."""

    def __init__(self, field: Any) -> None:
        self.field = field

    def __get__(self, instance: Any, owner: type[Any] | None = None) -> Any:
        if instance is None:
            return self
        field = self.field
        value = getattr(instance, field.attname)
        cache = instance._state.fields_cache
        target_attname = field.target_field.attname
        cached = cache.get(field.name, _MISSING)
        if cached is not _MISSING and (
            cached is None
            and value is None
            or cached is not None
            and getattr(cached, target_attname) == value
        ):
            return cached
        if value is None:
            cache[field.name] = None
            return None
        model = field.remote_field.model
        manager = model._meta.base_manager
        obj = manager.db_manager(_db_for(instance)).get(**{target_attname: value})
        cache[field.name] = obj
        return obj

    def __set__(self, instance: Any, value: Any) -> None:
        field = self.field
        model = field.remote_field.model
        if value is not None and not isinstance(value, model):
            raise ValueError(
                f"Cannot assign {value!r}: {type(instance).__name__}.{field.name} "
                f"must be a {model._meta.object_name} instance."
            )
        raw = None if value is None else getattr(value, field.target_field.attname)
        instance.__dict__[field.attname] = raw
        instance._state.fields_cache[field.name] = value


_MISSING = object()


class ReverseOneToOneDescriptor:
    """``user.profile``: the one object whose OneToOneField points here."""

    def __init__(self, rel: Any) -> None:
        self.rel = rel

    def __get__(self, instance: Any, owner: type[Any] | None = None) -> Any:
        if instance is None:
            return self
        name = self.rel.get_accessor_name()
        cache = instance._state.fields_cache
        if name in cache:
            obj = cache[name]
        else:
            model = self.rel.related_model
            found = (
                list(
                    model._meta.base_manager.db_manager(_db_for(instance)).filter(
                        **{self.rel.field.name: instance.pk}
                    )[:1]
                )
                if instance.pk is not None
                else []
            )
            obj = cache[name] = found[0] if found else None
        if obj is None:
            raise self.rel.related_model.DoesNotExist(
                f"{type(instance).__name__} has no {name}."
            )
        return obj

    def __set__(self, instance: Any, value: Any) -> None:
        name = self.rel.get_accessor_name()
        instance._state.fields_cache[name] = value
        if value is not None:
            setattr(value, self.rel.field.name, instance)


class ReverseManyToOneDescriptor:
    """``post.comment_set``: a manager of the objects pointing at this one."""

    def __init__(self, rel: Any) -> None:
        self.rel = rel

    def __get__(self, instance: Any, owner: type[Any] | None = None) -> Any:
        if instance is None:
            return self
        return RelatedManager(self.rel, instance)

    def __set__(self, instance: Any, value: Any) -> None:
        raise TypeError(
            f"Direct assignment to the reverse side of a related set is "
            f"prohibited. Use {self.rel.get_accessor_name()}.set() instead."
        )


def _check_saved(instance: Any, what: str) -> None:
    if instance.pk is None:
        raise ValueError(
            f"{type(instance).__name__} instance needs a primary key value before "
            f"{what} can be used; save() it first."
        )


class RelatedManager:
    """Manage the objects whose foreign key points at ``instance``."""

    def __init__(self, rel: Any, instance: Any) -> None:
        self.rel = rel
        self.instance = instance
        self.field = rel.field
        self.model = rel.related_model
        self.accessor = rel.get_accessor_name()

    def __repr__(self) -> str:
        return f"<RelatedManager {self.accessor} of {self.instance!r}>"

    def get_queryset(self) -> Any:
        _check_saved(self.instance, "this relationship")
        prefetched = getattr(self.instance, "_prefetched_objects_cache", {})
        if self.accessor in prefetched:
            return prefetched[self.accessor]
        manager = self.model._meta.default_manager.db_manager(_db_for(self.instance))
        return manager.filter(**{self.field.name: self.instance.pk})

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.get_queryset(), name)

    def all(self) -> Any:
        return self.get_queryset()

    def _clear_prefetch(self) -> None:
        getattr(self.instance, "_prefetched_objects_cache", {}).pop(self.accessor, None)

    def add(self, *objs: Any, bulk: bool = True) -> None:
        """Point ``objs`` at the instance (saving them)."""
        _check_saved(self.instance, "this relationship")
        self._clear_prefetch()
        for obj in objs:
            if not isinstance(obj, self.model):
                raise TypeError(
                    f"{self.model._meta.object_name} instance expected, got {obj!r}."
                )
            setattr(obj, self.field.name, self.instance)
        if bulk and all(o.pk is not None for o in objs):
            pks = [o.pk for o in objs]
            self.model._meta.base_manager.filter(pk__in=pks).update(
                **{self.field.name: self.instance.pk}
            )
        else:
            for obj in objs:
                obj.save()

    def create(self, **kwargs: Any) -> Any:
        _check_saved(self.instance, "this relationship")
        self._clear_prefetch()
        kwargs[self.field.name] = self.instance
        return self.model._meta.default_manager.db_manager(
            _db_for(self.instance)
        ).create(**kwargs)

    def get_or_create(self, **kwargs: Any) -> Any:
        kwargs[self.field.name] = self.instance
        return self.model._meta.default_manager.get_or_create(**kwargs)

    def remove(self, *objs: Any, bulk: bool = True) -> None:
        """Unlink ``objs`` (the foreign key must allow NULL)."""
        self._require_null("remove")
        self._clear_prefetch()
        pks = [o.pk for o in objs]
        self.get_queryset().filter(pk__in=pks).update(**{self.field.name: None})
        for obj in objs:
            setattr(obj, self.field.name, None)

    def clear(self, bulk: bool = True) -> None:
        self._require_null("clear")
        self._clear_prefetch()
        self.get_queryset().update(**{self.field.name: None})

    def set(self, objs: Iterable[Any], bulk: bool = True, clear: bool = False) -> None:
        objs = list(objs)
        if self.field.null:
            current = set(self.get_queryset().values_list("pk", flat=True))
            keep = {o.pk for o in objs}
            stale = [pk for pk in current if pk not in keep]
            if clear:
                self.clear()
            elif stale:
                self.get_queryset().filter(pk__in=stale).update(
                    **{self.field.name: None}
                )
        self.add(*objs, bulk=bulk)

    def _require_null(self, method: str) -> None:
        if not self.field.null:
            raise AttributeError(
                f"{self.accessor}.{method}() needs {self.field} to have null=True; "
                "delete the objects instead."
            )


class ManyToManyDescriptor:
    """``post.tags`` (forward) or ``tag.post_set`` (reverse): a join manager."""

    def __init__(self, rel: Any, reverse: bool) -> None:
        self.rel = rel
        self.reverse = reverse

    def __get__(self, instance: Any, owner: type[Any] | None = None) -> Any:
        if instance is None:
            return self
        return ManyRelatedManager(self.rel, instance, self.reverse)

    def __set__(self, instance: Any, value: Any) -> None:
        name = self.rel.field.name if not self.reverse else self.rel.get_accessor_name()
        raise TypeError(
            f"Direct assignment to the {name} many-to-many set is prohibited. "
            f"Use {name}.set() instead."
        )


class ManyRelatedManager:
    """Add, remove and list objects linked through the join table."""

    def __init__(self, rel: Any, instance: Any, reverse: bool) -> None:
        field = rel.field
        self.field, self.instance, self.reverse = field, instance, reverse
        self.through = rel.through
        if reverse:
            self.model = field.model
            self.source_name = field.m2m_reverse_field_name()
            self.target_name = field.m2m_field_name()
            self.query_name = field.name
            self.accessor = rel.get_accessor_name()
        else:
            self.model = field.remote_field.model
            self.source_name = field.m2m_field_name()
            self.target_name = field.m2m_reverse_field_name()
            self.query_name = field.related_query_name()
            self.accessor = field.name
        self.symmetrical = rel.symmetrical and field.model is field.remote_field.model

    def __repr__(self) -> str:
        return f"<ManyRelatedManager {self.accessor} of {self.instance!r}>"

    def get_queryset(self) -> Any:
        _check_saved(self.instance, "this many-to-many relationship")
        prefetched = getattr(self.instance, "_prefetched_objects_cache", {})
        if self.accessor in prefetched:
            return prefetched[self.accessor]
        manager = self.model._meta.default_manager.db_manager(_db_for(self.instance))
        if self.symmetrical or self.query_name.endswith("+"):
            ids = self._through_qs().values_list(f"{self.target_name}_id", flat=True)
            return manager.filter(pk__in=list(ids))
        return manager.filter(**{self.query_name: self.instance.pk})

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.get_queryset(), name)

    def all(self) -> Any:
        return self.get_queryset()

    def _through_qs(self, source_pk: Any = None) -> Any:
        pk = self.instance.pk if source_pk is None else source_pk
        return self.through._meta.base_manager.filter(**{f"{self.source_name}_id": pk})

    def _pks(self, objs: Iterable[Any]) -> list[Any]:
        pks = []
        for obj in objs:
            if isinstance(obj, self.model):
                _check_saved(obj, "adding it to a many-to-many relationship")
                pks.append(obj.pk)
            elif hasattr(obj, "_meta"):
                raise TypeError(
                    f"{self.model._meta.object_name} instance expected, got {obj!r}."
                )
            else:
                pks.append(obj)
        return pks

    def _send(self, action: str, pks: Any) -> None:
        signals.m2m_changed.send(
            sender=self.through, instance=self.instance, action=action,
            reverse=self.reverse, model=self.model, pk_set=pks,
            using=_db_for(self.instance),
        )  # fmt: skip

    def _clear_prefetch(self) -> None:
        getattr(self.instance, "_prefetched_objects_cache", {}).pop(self.accessor, None)

    def add(self, *objs: Any, through_defaults: dict[str, Any] | None = None) -> None:
        """Link ``objs`` (instances or primary keys); existing links are kept."""
        _check_saved(self.instance, "this many-to-many relationship")
        self._clear_prefetch()
        pks = self._pks(objs)
        with transaction.atomic(using=_db_for(self.instance), savepoint=False):
            self._add(self.instance.pk, pks, through_defaults)
            if self.symmetrical:
                for pk in pks:
                    if pk != self.instance.pk:
                        self._add(pk, [self.instance.pk], through_defaults, quiet=True)

    def _add(
        self,
        source_pk: Any,
        pks: list[Any],
        defaults: dict[str, Any] | None,
        quiet: bool = False,
    ) -> None:
        target_att = f"{self.target_name}_id"
        existing = set(
            self._through_qs(source_pk)
            .filter(**{f"{target_att}__in": pks})
            .values_list(target_att, flat=True)
        )
        new = list(dict.fromkeys(pk for pk in pks if pk not in existing))
        if not quiet:
            self._send("pre_add", set(new))
        rows = [
            self.through(
                **{
                    f"{self.source_name}_id": source_pk,
                    target_att: pk,
                    **(defaults or {}),
                }
            )
            for pk in new
        ]
        self.through._meta.base_manager.bulk_create(rows)
        if not quiet:
            self._send("post_add", set(new))

    def create(
        self, through_defaults: dict[str, Any] | None = None, **kwargs: Any
    ) -> Any:
        obj = self.model._meta.default_manager.create(**kwargs)
        self.add(obj, through_defaults=through_defaults)
        return obj

    def remove(self, *objs: Any) -> None:
        """Unlink ``objs`` (the objects themselves stay)."""
        _check_saved(self.instance, "this many-to-many relationship")
        self._clear_prefetch()
        pks = self._pks(objs)
        self._send("pre_remove", set(pks))
        self._remove(self.instance.pk, pks)
        if self.symmetrical:
            for pk in pks:
                self._through_qs(pk).filter(
                    **{f"{self.target_name}_id": self.instance.pk}
                )._raw_delete(_db_for(self.instance) or "default")
        self._send("post_remove", set(pks))

    def _remove(self, source_pk: Any, pks: list[Any]) -> None:
        qs = self._through_qs(source_pk).filter(**{f"{self.target_name}_id__in": pks})
        qs._raw_delete(_db_for(self.instance) or "default")

    def clear(self) -> None:
        """Remove every link of this instance."""
        _check_saved(self.instance, "this many-to-many relationship")
        self._clear_prefetch()
        self._send("pre_clear", None)
        if self.symmetrical:
            self.through._meta.base_manager.filter(
                **{f"{self.target_name}_id": self.instance.pk}
            )._raw_delete(_db_for(self.instance) or "default")
        self._through_qs()._raw_delete(_db_for(self.instance) or "default")
        self._send("post_clear", None)

    def set(
        self,
        objs: Iterable[Any],
        clear: bool = False,
        through_defaults: dict[str, Any] | None = None,
    ) -> None:
        """Make the linked set exactly ``objs``."""
        pks = self._pks(list(objs))
        if clear:
            self.clear()
            self.add(*pks, through_defaults=through_defaults)
            return
        target_att = f"{self.target_name}_id"
        current = set(self._through_qs().values_list(target_att, flat=True))
        stale = [pk for pk in current if pk not in set(pks)]
        if stale:
            self.remove(*stale)
        self.add(
            *[pk for pk in pks if pk not in current], through_defaults=through_defaults
        )
