"""Questioners: how makemigrations decides what it cannot infer.

The base :class:`MigrationQuestioner` answers without asking (the safe
choice, or an error naming the fix when there is none);
:class:`InteractiveMigrationQuestioner` asks on the terminal.
"""

from __future__ import annotations

import datetime
import importlib
import sys
from collections.abc import Callable, Iterable
from typing import Any

from framework.apps import apps as global_apps
from framework.db.migrations.exceptions import QuestionerAbort
from framework.db.models.fields import NOT_PROVIDED

__all__ = [
    "InteractiveMigrationQuestioner",
    "MigrationQuestioner",
    "NonInteractiveMigrationQuestioner",
]


class MigrationQuestioner:
    """Answer every question with the non-interactive default.

    ``specified_apps`` are apps named on the command line: they get an initial
    migration even when they have no migrations package yet.
    """

    def __init__(
        self,
        specified_apps: Iterable[str] = (),
        dry_run: bool = False,
        migrations_module: Callable[[str], str | None] | None = None,
    ) -> None:
        self.specified_apps = set(specified_apps)
        self.dry_run = dry_run
        self._migrations_module = migrations_module

    def ask_initial(self, app_label: str) -> bool:
        """Should an app without migrations get an initial one?"""
        if app_label in self.specified_apps:
            return True
        if self._migrations_module is None:
            return False
        try:
            global_apps.get_app_config(app_label)
            dotted = self._migrations_module(app_label)
        except LookupError:
            return False
        if dotted is None:
            return False
        try:
            module = importlib.import_module(dotted)
        except ImportError:
            return False
        # An empty migrations package (as startapp makes) means "yes, please".
        return hasattr(module, "__path__")

    def ask_not_null_addition(self, field_name: str, model_name: str) -> Any:
        """Return a one-off default for a new non-null field on existing rows."""
        raise QuestionerAbort(
            f"It is impossible to add the non-nullable field {field_name!r} to "
            f"{model_name} without a default for existing rows. Add a default "
            f"(default=...) or null=True to {model_name}.{field_name} in models.py, "
            "or run makemigrations interactively to give a one-off default."
        )

    def ask_not_null_alteration(self, field_name: str, model_name: str) -> Any:
        """Return a default for rows holding NULL, or NOT_PROVIDED to leave them."""
        return NOT_PROVIDED

    def ask_rename(
        self, model_name: str, old_name: str, new_name: str, field: Any
    ) -> bool:
        """Was a field renamed (rather than removed and another added)?"""
        return False

    def ask_merge(self, app_label: str) -> bool:
        """Should conflicting leaf migrations be merged? (--merge asked for it.)"""
        return True


class NonInteractiveMigrationQuestioner(MigrationQuestioner):
    """The questioner of ``--noinput``: the base class's answers, by name."""


class InteractiveMigrationQuestioner(MigrationQuestioner):
    """Ask questions on a terminal."""

    def __init__(
        self,
        specified_apps: Iterable[str] = (),
        dry_run: bool = False,
        migrations_module: Callable[[str], str | None] | None = None,
        stdout: Any = None,
        input_func: Callable[[str], str] = input,
    ) -> None:
        super().__init__(specified_apps, dry_run, migrations_module)
        self.stdout = stdout or sys.stdout
        self._input_func = input_func

    def input(self, prompt: str) -> str:
        """Read one answer; a closed stdin stops with a message, not a traceback."""
        try:
            return self._input_func(prompt)
        except EOFError:
            raise QuestionerAbort(
                "makemigrations needs an answer but stdin is closed. Run it in a "
                "terminal, or pass --noinput to use the non-interactive answers."
            ) from None

    def _yes(self, question: str) -> bool:
        answer = self.input(f"{question} [y/N] ").strip().lower()
        return answer.startswith("y")

    def _choice(self, question: str, choices: list[str]) -> int:
        self.stdout.write(question + "\n")
        for number, text in enumerate(choices, 1):
            self.stdout.write(f" {number}) {text}\n")
        while True:
            answer = self.input("Select an option: ").strip()
            if answer.isdigit() and 1 <= int(answer) <= len(choices):
                return int(answer)
            self.stdout.write(f"Please choose a number from 1 to {len(choices)}.\n")

    def _default(self) -> Any:
        self.stdout.write(
            "Enter the default as a Python expression; the datetime module is "
            "available (e.g. datetime.date.today()).\n"
        )
        while True:
            code = self.input(">>> ").strip()
            if not code:
                self.stdout.write("Please enter a value, or 'exit' to quit.\n")
                continue
            if code == "exit":
                raise QuestionerAbort("Cancelled: no default given.")
            try:
                # The developer types this expression at their own prompt.
                return eval(code, {"datetime": datetime})
            except Exception as exc:  # noqa: BLE001 - show it and ask again
                self.stdout.write(f"Invalid input: {exc}\n")

    def ask_not_null_addition(self, field_name: str, model_name: str) -> Any:
        choice = self._choice(
            f"It is impossible to add a non-nullable field {field_name!r} to "
            f"{model_name} without specifying a default. This is because the "
            "database needs something to put in existing rows.\nPlease select a fix:",
            [
                "Provide a one-off default now (will be set on all existing rows)",
                "Quit and manually add a default or null=True in models.py.",
            ],
        )
        if choice == 2:
            raise QuestionerAbort(
                f"Add a default or null=True to {model_name}.{field_name} in "
                "models.py, then run makemigrations again."
            )
        return self._default()

    def ask_not_null_alteration(self, field_name: str, model_name: str) -> Any:
        choice = self._choice(
            f"It is impossible to change a nullable field {field_name!r} on "
            f"{model_name} to non-nullable without a default for rows holding NULL."
            "\nPlease select a fix:",
            [
                "Provide a one-off default now (will be set on all existing rows "
                "with a null value for this column)",
                "Ignore for now; existing rows that contain NULL values will have to "
                "be handled manually, e.g. with a RunPython or RunSQL operation.",
                "Quit and manually add a default in models.py.",
            ],
        )
        if choice == 2:
            return NOT_PROVIDED
        if choice == 3:
            raise QuestionerAbort(
                f"Add a default to {model_name}.{field_name} in models.py, then run "
                "makemigrations again."
            )
        return self._default()

    def ask_rename(
        self, model_name: str, old_name: str, new_name: str, field: Any
    ) -> bool:
        kind = type(field).__name__
        return self._yes(
            f"Was {model_name}.{old_name} renamed to {model_name}.{new_name} "
            f"(a {kind})?"
        )

    def ask_merge(self, app_label: str) -> bool:
        return self._yes(f"Merge the conflicting migrations of {app_label!r}?")
