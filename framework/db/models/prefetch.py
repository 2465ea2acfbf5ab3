"""``prefetch_related``: load related objects for many instances at once.

One query per relation level (two for many-to-many: the join rows, then the
targets) instead of one per instance. Results land in the caches the related
descriptors read: ``_state.fields_cache`` for single objects and
``_prefetched_objects_cache`` for sets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from framework.core.exceptions import FieldError
from framework.db.models.constants import LOOKUP_SEP


class Prefetch:
    """A prefetch lookup with an optional custom QuerySet or target attribute."""

    def __init__(
        self, lookup: str, queryset: Any = None, to_attr: str | None = None
    ) -> None:
        self.prefetch_through = lookup
        self.queryset = queryset
        self.to_attr = to_attr

    def __repr__(self) -> str:
        return f"<Prefetch {self.prefetch_through}>"


def prefetch_related_objects(instances: Iterable[Any], *lookups: Any) -> None:
    """Fill the related caches of ``instances`` for each lookup path."""
    instances = list(instances)
    done: set[str] = set()
    for lookup in lookups:
        prefetch = lookup if isinstance(lookup, Prefetch) else Prefetch(lookup)
        parts = prefetch.prefetch_through.split(LOOKUP_SEP)
        level = instances
        for depth, name in enumerate(parts):
            if not level:
                break
            last = depth == len(parts) - 1
            path = LOOKUP_SEP.join(parts[: depth + 1])
            if path in done and not last:
                level = _cached_level(level, name)
                continue
            done.add(path)
            level = _prefetch_one(
                level,
                name,
                prefetch.queryset if last else None,
                prefetch.to_attr if last else None,
            )


def _cached_level(instances: list[Any], name: str) -> list[Any]:
    found: list[Any] = []
    for obj in instances:
        value = getattr(obj, name)
        if hasattr(value, "all"):
            found.extend(value.all())
        elif value is not None:
            found.append(value)
    return found


def _relation(model: Any, name: str) -> Any:
    meta = model._meta
    field = meta.get_field_or_none(name)
    if (
        field is not None
        and field.is_relation
        and not getattr(field, "auto_created", False)
    ):
        return field
    for rel in meta.related_objects:
        if rel.get_accessor_name() == name:
            return rel
    names = [f.name for f in meta.get_fields() if f.is_relation and not f.auto_created]
    names += [r.get_accessor_name() for r in meta.related_objects]
    raise FieldError(
        f"Cannot prefetch {name!r} on {meta.object_name}: not a relation. "
        f"Choices are: {', '.join(sorted(names))}."
    )


def _prefetch_one(
    instances: list[Any], name: str, queryset: Any, to_attr: str | None
) -> list[Any]:
    relation = _relation(type(instances[0]), name)
    if relation.many_to_many:
        return _prefetch_m2m(instances, relation, name, queryset, to_attr)
    if relation.concrete:
        return _prefetch_forward(instances, relation, queryset, to_attr)
    return _prefetch_reverse(instances, relation, name, queryset, to_attr)


def _base_qs(model: Any, queryset: Any, db: str | None) -> Any:
    if queryset is not None:
        return queryset
    return model._meta.default_manager.db_manager(db).all()


def _store_set(
    obj: Any, accessor: str, qs: Any, items: list[Any], to_attr: str | None
) -> None:
    if to_attr:
        setattr(obj, to_attr, items)
        return
    qs._result_cache = items
    qs._prefetch_done = True
    obj.__dict__.setdefault("_prefetched_objects_cache", {})[accessor] = qs


def _prefetch_forward(
    instances: list[Any], field: Any, queryset: Any, to_attr: str | None
) -> list[Any]:
    target_att = field.target_field.attname
    values = {getattr(o, field.attname) for o in instances} - {None}
    db = instances[0]._state.db
    related = _base_qs(field.related_model, queryset, db).filter(
        **{f"{target_att}__in": list(values)}
    )
    by_value = {getattr(r, target_att): r for r in related}
    for obj in instances:
        found = by_value.get(getattr(obj, field.attname))
        if to_attr:
            setattr(obj, to_attr, found)
        else:
            obj._state.fields_cache[field.name] = found
    return list(by_value.values())


def _prefetch_reverse(
    instances: list[Any], rel: Any, accessor: str, queryset: Any, to_attr: str | None
) -> list[Any]:
    field = rel.field
    db = instances[0]._state.db
    base = _base_qs(rel.related_model, queryset, db)
    related = list(base.filter(**{f"{field.name}__in": [o.pk for o in instances]}))
    groups: dict[Any, list[Any]] = defaultdict(list)
    for child in related:
        groups[getattr(child, field.attname)].append(child)
    by_pk = {o.pk: o for o in instances}
    for child in related:
        child._state.fields_cache[field.name] = by_pk.get(getattr(child, field.attname))
    for obj in instances:
        items = groups.get(obj.pk, [])
        if rel.one_to_one:
            obj._state.fields_cache[accessor] = items[0] if items else None
        else:
            qs = base.filter(**{field.name: obj.pk})
            _store_set(obj, accessor, qs, items, to_attr)
    return related


def _prefetch_m2m(
    instances: list[Any],
    relation: Any,
    accessor: str,
    queryset: Any,
    to_attr: str | None,
) -> list[Any]:
    # A ManyToManyRel (reverse side) has an accessor name; the field does not.
    reverse = hasattr(relation, "get_accessor_name")
    field = relation.field if reverse else relation
    source = field.m2m_reverse_field_name() if reverse else field.m2m_field_name()
    target = field.m2m_field_name() if reverse else field.m2m_reverse_field_name()
    through = field.remote_field.through
    pairs = list(
        through._meta.base_manager.filter(
            **{f"{source}_id__in": [o.pk for o in instances]}
        ).values_list(f"{source}_id", f"{target}_id")
    )
    target_model = field.model if reverse else field.remote_field.model
    db = instances[0]._state.db
    base = _base_qs(target_model, queryset, db)
    related = {r.pk: r for r in base.filter(pk__in={t for _, t in pairs})}
    groups: dict[Any, list[Any]] = defaultdict(list)
    for source_pk, target_pk in pairs:
        if target_pk in related:
            groups[source_pk].append(related[target_pk])
    for obj in instances:
        manager = getattr(obj, accessor)
        qs = (
            manager.get_queryset()
            if queryset is None
            else base.filter(pk__in=[r.pk for r in groups.get(obj.pk, [])])
        )
        _store_set(obj, accessor, qs._chain(), groups.get(obj.pk, []), to_attr)
    return list(related.values())
