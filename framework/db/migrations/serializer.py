"""Turn values into Python source for migration files.

:func:`serialize` returns a small syntax tree (:class:`Node`) plus the import
lines the code needs; the writer lays the tree out in black's style. Anything
that is not a plain value, a module-level function or class, or an object
with ``deconstruct()`` cannot be written, and the error says how to fix it.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import math
import re
import types
import uuid
from collections.abc import Sequence
from typing import Any

__all__ = ["Call", "Mapping", "Node", "Seq", "serialize", "string_literal"]

MODELS_PREFIX = "framework.db.models."
MIGRATIONS_PREFIX = "framework.db.migrations"
MODELS_IMPORT = "from framework.db import models"
MIGRATIONS_IMPORT = "from framework.db import migrations"


class Node:
    """A piece of Python source that can be laid out on one or many lines."""

    def flat(self) -> str:
        raise NotImplementedError

    def parts(self) -> tuple[str, list[str], str] | None:
        """Return ``(opener, item strings, closer)`` if it can be exploded."""
        return None


class Atom(Node):
    """Source that is never split: a name, a number, a string.

    ``string`` keeps the value of a str literal so the writer can wrap a long
    one as implicitly concatenated pieces.
    """

    def __init__(self, text: str, string: str | None = None) -> None:
        self.text = text
        self.string = string

    def flat(self) -> str:
        return self.text


class Call(Node):
    """``func(arg, key=value)``."""

    def __init__(
        self,
        func: str,
        args: Sequence[Node] = (),
        kwargs: Sequence[tuple[str, Node]] = (),
    ) -> None:
        self.func = func
        self.args = list(args)
        self.kwargs = list(kwargs)

    def items(self) -> list[tuple[str, Node]]:
        return [("", a) for a in self.args] + [(f"{k}=", v) for k, v in self.kwargs]

    def flat(self) -> str:
        return f"{self.func}({', '.join(p + n.flat() for p, n in self.items())})"


class Seq(Node):
    """A list, tuple or set display."""

    def __init__(self, opener: str, closer: str, items: Sequence[Node]) -> None:
        self.opener = opener
        self.closer = closer
        self.items = list(items)

    def flat(self) -> str:
        inner = ", ".join(item.flat() for item in self.items)
        if self.opener == "(" and len(self.items) == 1:
            inner += ","
        return f"{self.opener}{inner}{self.closer}"


class Mapping(Node):
    """A dict display."""

    def __init__(self, items: Sequence[tuple[Node, Node]]) -> None:
        self.items = list(items)

    def flat(self) -> str:
        return "{" + ", ".join(f"{k.flat()}: {v.flat()}" for k, v in self.items) + "}"


Result = tuple[Node, set[str]]


def string_literal(value: str) -> str:
    """Return a double-quoted literal for ``value`` where possible (black style)."""
    text = repr(value)
    if text.startswith("'") and '"' not in value:
        text = '"' + text[1:-1].replace("\\'", "'") + '"'
    return text


def serialize(value: Any) -> Result:
    """Return the source tree for ``value`` and the imports it needs."""
    for kind, handler in _HANDLERS:
        if isinstance(value, kind):
            result: Result = handler(value)
            return result
    if isinstance(value, type):
        return _serialize_type(value)
    if isinstance(
        value, types.FunctionType | types.BuiltinFunctionType | types.MethodType
    ):
        return _serialize_function(value)
    if hasattr(value, "deconstruct") and callable(value.deconstruct):
        return _serialize_deconstructible(value)
    raise ValueError(
        f"Cannot serialize {value!r} (a {type(value).__name__}) into a migration. "
        "Use plain values (numbers, strings, dates, lists, dicts), module-level "
        "functions or classes, or give the class a deconstruct() method returning "
        "(import path, args, kwargs)."
    )


def _atom(text: str, *imports: str) -> Result:
    return Atom(text), set(imports)


def _serialize_float(value: float) -> Result:
    if math.isnan(value) or math.isinf(value):
        return _atom(f'float("{value}")')
    return _atom(repr(value))


def _serialize_items(values: Sequence[Any]) -> tuple[list[Node], set[str]]:
    nodes: list[Node] = []
    imports: set[str] = set()
    for item in values:
        node, needed = serialize(item)
        nodes.append(node)
        imports |= needed
    return nodes, imports


def _serialize_list(value: list[Any]) -> Result:
    nodes, imports = _serialize_items(value)
    return Seq("[", "]", nodes), imports


def _serialize_tuple(value: tuple[Any, ...]) -> Result:
    nodes, imports = _serialize_items(value)
    return Seq("(", ")", nodes), imports


def _serialize_set(value: set[Any] | frozenset[Any]) -> Result:
    nodes, imports = _serialize_items(list(value))
    nodes.sort(key=lambda n: n.flat())
    if not nodes:
        return _atom("frozenset()" if isinstance(value, frozenset) else "set()")
    node: Node = Seq("{", "}", nodes)
    if isinstance(value, frozenset):
        node = Call("frozenset", [node])
    return node, imports


def _serialize_dict(value: dict[Any, Any]) -> Result:
    items: list[tuple[Node, Node]] = []
    imports: set[str] = set()
    for key, item in value.items():
        key_node, key_imports = serialize(key)
        item_node, item_imports = serialize(item)
        items.append((key_node, item_node))
        imports |= key_imports | item_imports
    return Mapping(items), imports


def _serialize_datetime(value: datetime.datetime) -> Result:
    if value.tzinfo is not None and value.utcoffset() is not None:
        value = value.astimezone(datetime.UTC)
    return _atom(repr(value), "import datetime")


def _serialize_enum(value: enum.Enum) -> Result:
    cls = type(value)
    return _atom(
        f"{cls.__module__}.{cls.__qualname__}[{string_literal(value.name)}]",
        f"import {cls.__module__}",
    )


def _serialize_pattern(value: re.Pattern[str]) -> Result:
    args: list[Node] = [Atom(string_literal(value.pattern))]
    flags = value.flags & ~re.UNICODE
    if flags:
        args.append(Atom(repr(int(flags))))
    return Call("re.compile", args), {"import re"}


def _serialize_type(value: type) -> Result:
    if value.__module__ == "builtins":
        return _atom(value.__qualname__)
    path = f"{value.__module__}.{value.__qualname__}"
    if (
        path == "framework.db.models.base.Model"
        or value.__name__ == "Model"
        and (value.__module__.startswith(MODELS_PREFIX))
    ):
        return _atom("models.Model", MODELS_IMPORT)
    _require_importable(value.__qualname__, value)
    return _atom(path, f"import {value.__module__}")


def _serialize_function(value: Any) -> Result:
    module = getattr(value, "__module__", None)
    qualname = getattr(value, "__qualname__", "")
    _require_importable(qualname, value)
    if module is None:
        raise ValueError(f"Cannot serialize {value!r}: it has no module.")
    if module.startswith(MIGRATIONS_PREFIX):
        return _atom(f"migrations.{qualname}", MIGRATIONS_IMPORT)
    return _atom(f"{module}.{qualname}", f"import {module}")


def _require_importable(qualname: str, value: Any) -> None:
    if "<lambda>" in qualname or "<locals>" in qualname:
        raise ValueError(
            f"Cannot serialize {value!r}: migrations can only refer to functions and "
            "classes defined at module level. Move it to the top level of a module."
        )


def _serialize_deconstructible(value: Any) -> Result:
    parts = value.deconstruct()
    if len(parts) == 4:  # a model field: (name, path, args, kwargs)
        _, path, args, kwargs = parts
    else:
        path, args, kwargs = parts
    func, imports = _import_path(path, value)
    arg_nodes, arg_imports = _serialize_items(list(args))
    kwarg_nodes: list[tuple[str, Node]] = []
    # Operations keep their natural order (name first); other objects' kwargs
    # are sorted so the file never depends on the order they were collected in.
    keys = list(kwargs) if "." not in path else sorted(kwargs)
    for key in keys:
        node, needed = serialize(kwargs[key])
        kwarg_nodes.append((key, node))
        imports |= needed
    return Call(func, arg_nodes, kwarg_nodes), imports | arg_imports


def _import_path(path: str, value: Any) -> tuple[str, set[str]]:
    if "." not in path:
        # Operations deconstruct to their bare class name.
        module = type(value).__module__
        if module.startswith(MIGRATIONS_PREFIX):
            return f"migrations.{path}", {MIGRATIONS_IMPORT}
        return f"{module}.{path}", {f"import {module}"}
    if path.startswith(MODELS_PREFIX):
        return f"models.{path.rsplit('.', 1)[1]}", {MODELS_IMPORT}
    module, _, name = path.rpartition(".")
    return path, {f"import {module}"}


_HANDLERS: list[tuple[Any, Any]] = [
    (bool, lambda v: _atom(repr(v))),
    (type(None), lambda v: _atom("None")),
    (enum.Enum, _serialize_enum),
    (int, lambda v: _atom(repr(v))),
    (float, _serialize_float),
    (str, lambda v: (Atom(string_literal(v), v), set())),
    (bytes, lambda v: _atom(repr(v))),
    (decimal.Decimal, lambda v: _atom(f'decimal.Decimal("{v}")', "import decimal")),
    (datetime.datetime, _serialize_datetime),
    (
        datetime.date | datetime.time | datetime.timedelta,
        lambda v: _atom(repr(v), "import datetime"),
    ),
    (uuid.UUID, lambda v: _atom(f'uuid.UUID("{v}")', "import uuid")),
    (list, _serialize_list),
    (tuple, _serialize_tuple),
    (set | frozenset, _serialize_set),
    (dict, _serialize_dict),
    (re.Pattern, _serialize_pattern),
]
