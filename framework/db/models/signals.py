"""Model signals: ``pre_save``, ``post_save``, ``pre_delete``, ``post_delete``,
``m2m_changed``, ``pre_init``, ``post_init`` and ``class_prepared``; plus
``pre_migrate``/``post_migrate``, sent by ``migrate`` once per installed app
(``sender`` is the AppConfig), so apps can create rows they need (permissions).

Connect with ``sender=MyModel`` to hear about one model only.
"""

from __future__ import annotations

from typing import Any

from framework.apps import apps
from framework.dispatch import Signal
from framework.dispatch.dispatcher import Receiver

__all__ = [
    "ModelSignal",
    "class_prepared",
    "m2m_changed",
    "post_delete",
    "post_init",
    "post_migrate",
    "post_save",
    "pre_delete",
    "pre_init",
    "pre_migrate",
    "pre_save",
]


class _SenderFilter:
    """Call the receiver only for one sender; compares equal per (receiver, sender)."""

    def __init__(self, receiver: Receiver, sender: Any) -> None:
        self.receiver, self.sender = receiver, sender

    def __call__(self, *, sender: Any, **named: Any) -> Any:
        if sender is self.sender:
            return self.receiver(sender=sender, **named)
        return None


class ModelSignal(Signal):
    """A signal whose receivers may listen to a single sender model."""

    def connect(
        self, receiver: Receiver, sender: Any = None, dispatch_uid: str | None = None
    ) -> None:
        if sender is None:
            super().connect(receiver, dispatch_uid=dispatch_uid)
            return
        key: Any = (dispatch_uid or receiver, sender)
        with self._lock:
            if not any(k == key for k, _ in self._receivers):
                self._receivers.append((key, _SenderFilter(receiver, sender)))

    def disconnect(
        self,
        receiver: Receiver | None = None,
        dispatch_uid: str | None = None,
        sender: Any = None,
    ) -> bool:
        if sender is None:
            return super().disconnect(receiver, dispatch_uid=dispatch_uid)
        key = (dispatch_uid or receiver, sender)
        with self._lock:
            before = len(self._receivers)
            self._receivers = [(k, r) for k, r in self._receivers if k != key]
            return len(self._receivers) != before


pre_init = ModelSignal()
post_init = ModelSignal()
pre_save = ModelSignal()
post_save = ModelSignal()
pre_delete = ModelSignal()
post_delete = ModelSignal()
m2m_changed = ModelSignal()
class_prepared = Signal()
pre_migrate = ModelSignal()
post_migrate = ModelSignal()


def emit_migrate_signal(
    signal: Signal, verbosity: int, interactive: bool, using: str, **extra: Any
) -> None:
    """Send ``signal`` once per installed app, as ``migrate`` does."""
    for app_config in apps.get_app_configs():
        signal.send(
            sender=app_config,
            app_config=app_config,
            verbosity=verbosity,
            interactive=interactive,
            using=using,
            **extra,
        )
