"""Project state: what the models looked like at some point in the migrations.

A :class:`ModelState` is a plain description of one model (fields, options);
a :class:`ProjectState` holds every model state of the project. Operations
mutate a project state step by step; ``ProjectState.apps`` renders it into a
separate :class:`StateApps` registry of *historical* model classes that the
schema editor and ``RunPython`` code use. Historical models have no custom
methods or managers: only fields and Meta options survive in migrations.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from framework.apps import apps as global_apps
from framework.apps.registry import Apps
from framework.db import models

__all__ = ["ModelState", "ProjectState", "StateApps"]

ModelKey = tuple[str, str]

# Meta options a model state carries; anything else is not part of migrations.
META_OPTIONS = (
    "db_table",
    "ordering",
    "unique_together",
    "verbose_name",
    "verbose_name_plural",
    "get_latest_by",
    "managed",
    "default_related_name",
    "indexes",
    "constraints",
)


class StateApps(Apps):
    """A registry of historical models rendered from a project state."""

    def __init__(self) -> None:
        super().__init__()
        # No app configs: models register themselves by label as they render.
        self.apps_ready = self.models_ready = self.ready = True

    def get_model(self, app_label: str, model_name: str | None = None) -> Any:
        """Return the historical model ``app_label.ModelName``."""
        if model_name is None:
            app_label, _, model_name = app_label.partition(".")
        try:
            return self.all_models[app_label][model_name.lower()]
        except KeyError:
            raise LookupError(
                f"The migration state has no model {app_label}.{model_name}; check "
                "the migration dependencies include the migration creating it."
            ) from None

    def get_models(self, include_auto_created: bool = False) -> list[Any]:
        """Return every historical model, optionally with auto-created ones."""
        return [
            model
            for app_models in self.all_models.values()
            for model in app_models.values()
            if include_auto_created or not model._meta.auto_created
        ]


class ModelState:
    """The migration-time description of one model."""

    def __init__(
        self,
        app_label: str,
        name: str,
        fields: Iterable[tuple[str, Any]] | dict[str, Any],
        options: dict[str, Any] | None = None,
        bases: tuple[Any, ...] | None = None,
    ) -> None:
        self.app_label = app_label
        self.name = name
        items = fields.items() if isinstance(fields, dict) else fields
        self.fields: dict[str, Any] = dict(items)
        self.options: dict[str, Any] = dict(options or {})
        self.options.setdefault("indexes", [])
        self.options.setdefault("constraints", [])
        self.bases = bases or (models.Model,)
        for field_name, field in self.fields.items():
            if getattr(field, "model", None) is not None:
                raise ValueError(
                    f"ModelState.fields must hold unbound fields; {name}.{field_name} "
                    "is bound to a model. Pass field.clone() instead."
                )
        for index in self.options["indexes"]:
            if not index.name:
                raise ValueError(
                    f"Indexes in ModelState {app_label}.{name} need a name; give "
                    f"{index!r} name='...'."
                )

    @property
    def name_lower(self) -> str:
        return self.name.lower()

    @property
    def key(self) -> ModelKey:
        return (self.app_label, self.name_lower)

    @classmethod
    def from_model(cls, model: Any) -> ModelState:
        """Describe a model class (current or historical) as a ModelState."""
        meta = model._meta
        fields: dict[str, Any] = {}
        m2m = getattr(meta, "local_many_to_many", None) or meta.many_to_many
        for field in [*meta.local_fields, *m2m]:
            if field.name not in fields:
                fields[field.name] = field.clone()
        return cls(meta.app_label, meta.object_name, fields, _options_of(model))

    def clone(self) -> ModelState:
        """Return an independent copy: fields cloned, options deep-copied."""
        return ModelState(
            self.app_label,
            self.name,
            {name: field.clone() for name, field in self.fields.items()},
            copy.deepcopy(self.options),
            self.bases,
        )

    def render(self, apps: Apps) -> Any:
        """Create the historical model class inside ``apps`` and return it."""
        meta_attrs: dict[str, Any] = {"app_label": self.app_label, "apps": apps}
        for key, value in self.options.items():
            if key in ("indexes", "constraints"):
                value = [copy.deepcopy(item) for item in value]
            if value or key not in ("indexes", "constraints", "unique_together"):
                meta_attrs[key] = value
        body: dict[str, Any] = {
            name: field.clone() for name, field in self.fields.items()
        }
        body["Meta"] = type("Meta", (), meta_attrs)
        body["__module__"] = "__fake__"
        return type(self.name, self.bases, body)

    def get_field(self, name: str) -> Any:
        """Return the field called ``name``; KeyError lists the known names."""
        try:
            return self.fields[name]
        except KeyError:
            raise KeyError(
                f"{self.app_label}.{self.name} has no field {name!r} in the migration "
                f"state; fields are: {', '.join(self.fields)}."
            ) from None

    def get_index_by_name(self, name: str) -> Any:
        return _by_name(self.options["indexes"], name, "index", self)

    def get_constraint_by_name(self, name: str) -> Any:
        return _by_name(self.options["constraints"], name, "constraint", self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ModelState):
            return NotImplemented
        return (
            self.key == other.key
            and self.name == other.name
            and _field_shapes(self) == _field_shapes(other)
            and _option_shapes(self.options) == _option_shapes(other.options)
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<ModelState: '{self.app_label}.{self.name}'>"


class ProjectState:
    """Every model state of the project, plus the registry rendered from them."""

    def __init__(
        self,
        models: dict[ModelKey, ModelState] | None = None,
        real_apps: Iterable[str] | None = None,
    ) -> None:
        self.models: dict[ModelKey, ModelState] = dict(models or {})
        self.real_apps: set[str] = set(real_apps or ())
        self._apps: StateApps | None = None

    @classmethod
    def from_apps(
        cls, apps: Apps, app_labels: Iterable[str] | None = None
    ) -> ProjectState:
        """Describe the models registered in ``apps`` (the current project)."""
        wanted = None if app_labels is None else set(app_labels)
        state = cls()
        for model in apps.get_models():
            meta = model._meta
            if meta.auto_created or getattr(meta, "abstract", False):
                continue
            if wanted is None or meta.app_label in wanted:
                state.add_model(ModelState.from_model(model))
        return state

    @property
    def apps(self) -> StateApps:
        """The historical models of this state, rendered on first use."""
        if self._apps is None:
            self._apps = self._render()
        return self._apps

    def _render(self) -> StateApps:
        apps = StateApps()
        states = dict(self.models)
        if self.real_apps:
            # Apps without migrations take part as they are now.
            for model in global_apps.get_models():
                meta = model._meta
                if meta.app_label in self.real_apps and not meta.auto_created:
                    real = ModelState.from_model(model)
                    states.setdefault(real.key, real)
        for model_state in _render_order(states):
            model_state.render(apps)
        return apps

    def clone(self) -> ProjectState:
        """Return an independent copy (the rendered apps are not shared)."""
        return ProjectState(
            {key: state.clone() for key, state in self.models.items()}, self.real_apps
        )

    def changed(self) -> None:
        """Forget the rendered apps after a mutation."""
        self._apps = None

    def get_model_state(self, app_label: str, model_name: str) -> ModelState:
        """Return the state of one model; KeyError names the fix."""
        try:
            return self.models[(app_label, model_name.lower())]
        except KeyError:
            raise KeyError(
                f"No model {app_label}.{model_name} in the migration state; check the "
                "migration's dependencies include the one that creates it."
            ) from None

    # Mutations used by operations' state_forwards().

    def add_model(self, model_state: ModelState) -> None:
        self.models[model_state.key] = model_state
        self.changed()

    def remove_model(self, app_label: str, model_name: str) -> None:
        del self.models[(app_label, model_name.lower())]
        self.changed()

    def rename_model(self, app_label: str, old_name: str, new_name: str) -> None:
        """Rename a model and repoint every relation that targets it."""
        model_state = self.models.pop((app_label, old_name.lower()))
        model_state.name = new_name
        self.models[model_state.key] = model_state
        old_label = f"{app_label}.{old_name.lower()}"
        new_label = f"{app_label}.{new_name.lower()}"
        for state in self.models.values():
            for name, field in list(state.fields.items()):
                state.fields[name] = _retarget(field, old_label, new_label)
        self.changed()

    def alter_model_options(
        self,
        app_label: str,
        model_name: str,
        options: dict[str, Any],
        keys: Iterable[str],
    ) -> None:
        """Set ``options``; keys in ``keys`` that ``options`` lacks are removed."""
        model_state = self.get_model_state(app_label, model_name)
        model_state.options.update(options)
        for key in keys:
            if key not in options:
                model_state.options.pop(key, None)
        self.changed()

    def add_field(self, app_label: str, model_name: str, name: str, field: Any) -> None:
        self.get_model_state(app_label, model_name).fields[name] = field
        self.changed()

    def remove_field(self, app_label: str, model_name: str, name: str) -> None:
        del self.get_model_state(app_label, model_name).fields[name]
        self.changed()

    def alter_field(
        self, app_label: str, model_name: str, name: str, field: Any
    ) -> None:
        model_state = self.get_model_state(app_label, model_name)
        model_state.get_field(name)
        model_state.fields[name] = field
        self.changed()

    def rename_field(
        self, app_label: str, model_name: str, old_name: str, new_name: str
    ) -> None:
        """Rename a field, keeping its position and updating Meta references."""
        model_state = self.get_model_state(app_label, model_name)
        model_state.get_field(old_name)
        model_state.fields = {
            (new_name if name == old_name else name): field
            for name, field in model_state.fields.items()
        }
        options = model_state.options
        if options.get("unique_together"):
            options["unique_together"] = tuple(
                tuple(new_name if f == old_name else f for f in group)
                for group in options["unique_together"]
            )
        for item in [*options["indexes"], *options["constraints"]]:
            fields = getattr(item, "fields", None)
            if fields:
                item.fields = type(fields)(
                    new_name if f == old_name else f for f in fields
                )
        if options.get("ordering"):
            options["ordering"] = [
                _rename_order(o, old_name, new_name) for o in options["ordering"]
            ]
        self.changed()

    def add_option_item(
        self, app_label: str, model_name: str, key: str, item: Any
    ) -> None:
        """Append an index or constraint to ``options[key]``."""
        model_state = self.get_model_state(app_label, model_name)
        model_state.options[key] = [*model_state.options[key], item]
        self.changed()

    def remove_option_item(
        self, app_label: str, model_name: str, key: str, name: str
    ) -> None:
        """Drop the index or constraint called ``name`` from ``options[key]``."""
        model_state = self.get_model_state(app_label, model_name)
        model_state.options[key] = [
            i for i in model_state.options[key] if i.name != name
        ]
        self.changed()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ProjectState):
            return NotImplemented
        return self.models == other.models and self.real_apps == other.real_apps

    __hash__ = None  # type: ignore[assignment]


def related_label(field: Any) -> str | None:
    """Return the lower-case ``app_label.modelname`` a relation field targets."""
    if not getattr(field, "is_relation", False) or field.remote_field is None:
        return None
    target = field.remote_field.model
    if isinstance(target, str):
        return target.lower()
    return str(target._meta.label_lower)


def index_name(table: str, fields: Iterable[str], suffix: str = "idx") -> str:
    """Make a stable, short (<= 30 chars) name for an unnamed index."""
    columns = [f.lstrip("-") for f in fields]
    digest = hashlib.sha256("|".join([table, *columns]).encode()).hexdigest()[:6]
    stem = f"{table[:11]}_{'_'.join(columns)[:7]}".strip("_")
    return f"{stem}_{digest}_{suffix}"


def _options_of(model: Any) -> dict[str, Any]:
    """Collect the Meta options that matter to migrations, defaults left out."""
    meta = model._meta
    given = _given_options(meta)
    options: dict[str, Any] = {}
    for key in META_OPTIONS:
        value = getattr(meta, key, None)
        if key in ("indexes", "constraints"):
            options[key] = [
                _named(copy.deepcopy(i), meta.db_table) for i in value or ()
            ]
        elif key == "db_table":
            if value and value != f"{meta.app_label}_{meta.model_name}":
                options[key] = value
        elif key == "managed":
            if value is False:
                options[key] = False
        elif key in given and value:
            if key == "unique_together":
                value = tuple(tuple(group) for group in value)
            elif key == "ordering":
                value = list(value)
            options[key] = value
    return options


def _given_options(meta: Any) -> set[str]:
    """Return the Meta attribute names the model's author set explicitly."""
    original = getattr(meta, "original_attrs", None)
    if original is not None:
        return set(original)
    declared = getattr(meta, "meta", None)
    if isinstance(declared, type):
        return {key for key in vars(declared) if not key.startswith("_")}
    return {"ordering", "unique_together"}


def _named(index: Any, table: str) -> Any:
    if not getattr(index, "name", None):
        index.name = index_name(table, index.fields)
    return index


def _by_name(items: list[Any], name: str, kind: str, state: ModelState) -> Any:
    for item in items:
        if item.name == name:
            return item
    known = ", ".join(i.name for i in items) or "none"
    raise ValueError(
        f"{state.app_label}.{state.name} has no {kind} named {name!r}; it has: {known}."
    )


def _retarget(field: Any, old_label: str, new_label: str) -> Any:
    if related_label(field) != old_label:
        return field
    name, path, args, kwargs = field.deconstruct()
    kwargs["to"] = new_label
    return type(field)(*args, **kwargs)


def _rename_order(order: str, old: str, new: str) -> str:
    prefix = "-" if order.startswith("-") else ""
    return f"{prefix}{new}" if order.lstrip("-") == old else order


def _render_order(states: dict[ModelKey, ModelState]) -> Iterator[ModelState]:
    """Yield model states with the models they point at first, where possible."""
    done: set[ModelKey] = set()
    pending = sorted(states)
    while pending:
        progressed = False
        for key in list(pending):
            targets = {
                tuple(label.split(".", 1))
                for label in map(related_label, states[key].fields.values())
                if label
            }
            if all(t in done or t == key or t not in states for t in targets):
                done.add(key)
                pending.remove(key)
                progressed = True
                yield states[key]
        if not progressed:
            # A cycle of relations: render the rest and let lazy resolution finish.
            for key in pending:
                yield states[key]
            return


def _field_shapes(state: ModelState) -> list[tuple[str, Any]]:
    return [(name, field.deconstruct()[1:]) for name, field in state.fields.items()]


def _option_shapes(options: dict[str, Any]) -> dict[str, Any]:
    shaped = dict(options)
    for key in ("indexes", "constraints"):
        shaped[key] = [item.deconstruct() for item in options.get(key, ())]
    return shaped
