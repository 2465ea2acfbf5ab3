"""Tests for framework.core.checks.messages."""

from __future__ import annotations

from typing import Any

import pytest

from framework.core import checks
from framework.core.checks import (
    CheckMessage,
    Critical,
    Debug,
    Error,
    Info,
    Warning,
)


@pytest.mark.parametrize(
    ("cls", "level"),
    [
        (Debug, 10),
        (Info, 20),
        (Warning, 30),
        (Error, 40),
        (Critical, 50),
    ],
)
def test_levels_match_logging_numbers(cls: Any, level: int) -> None:
    assert cls("msg").level == level


def test_str_with_id_obj_and_hint() -> None:
    message = Error("Broken.", hint="Fix it.", obj="thing", id="app.E001")
    assert str(message) == "app.E001: thing: Broken.\n\tHINT: Fix it."


def test_str_leaves_out_missing_parts() -> None:
    assert str(Warning("Just text.")) == "Just text."
    assert str(Warning("Text.", id="x.W001")) == "x.W001: Text."


def test_str_uses_model_label_for_objects_with_meta() -> None:
    class Meta:
        label = "blog.Post"

    class Model:
        _meta = Meta()

    assert str(Error("Bad.", obj=Model(), id="models.E001")) == (
        "models.E001: blog.Post: Bad."
    )


def test_equality_and_hash() -> None:
    one = Error("a", hint="h", id="x.E001")
    assert one == Error("a", hint="h", id="x.E001")
    assert one != Error("a", hint="h", id="x.E002")
    assert one != Warning("a", hint="h", id="x.E001")
    assert len({one, Error("a", hint="h", id="x.E001")}) == 1


def test_is_serious() -> None:
    assert Error("e").is_serious()
    assert Critical("c").is_serious()
    assert not Warning("w").is_serious()
    assert Warning("w").is_serious(checks.WARNING)


def test_level_must_be_int() -> None:
    with pytest.raises(TypeError):
        CheckMessage("high", "msg")  # type: ignore[arg-type]
