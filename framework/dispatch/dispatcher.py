"""A small signal implementation with sync and async sending.

Receivers are held strongly: signals here connect module-level functions, and
weak references would only add surprises for callers who pass lambdas.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

from asgiref.sync import async_to_sync, sync_to_async

Receiver = Callable[..., Any]


class Signal:
    """Call every connected receiver with ``sender`` and keyword arguments."""

    def __init__(self) -> None:
        self._receivers: list[tuple[Any, Receiver]] = []
        self._lock = threading.Lock()

    def connect(
        self, receiver: Receiver, sender: Any = None, dispatch_uid: str | None = None
    ) -> None:
        """Connect ``receiver``; ``dispatch_uid`` prevents double connection."""
        key = dispatch_uid or receiver
        with self._lock:
            if not any(k == key for k, _ in self._receivers):
                self._receivers.append((key, receiver))

    def disconnect(
        self, receiver: Receiver | None = None, dispatch_uid: str | None = None
    ) -> bool:
        """Disconnect ``receiver``; return whether it was connected."""
        key = dispatch_uid or receiver
        with self._lock:
            before = len(self._receivers)
            self._receivers = [(k, r) for k, r in self._receivers if k != key]
            return len(self._receivers) != before

    def has_listeners(self) -> bool:
        return bool(self._receivers)

    def send(self, sender: Any, **named: Any) -> list[tuple[Receiver, Any]]:
        """Call receivers in order; an exception propagates to the sender."""
        results = []
        for _, receiver in list(self._receivers):
            if asyncio.iscoroutinefunction(receiver):
                value = async_to_sync(receiver)(signal=self, sender=sender, **named)
            else:
                value = receiver(signal=self, sender=sender, **named)
            results.append((receiver, value))
        return results

    async def asend(self, sender: Any, **named: Any) -> list[tuple[Receiver, Any]]:
        """Await async receivers and run sync ones in a thread.

        A sync receiver may carry an ``async_receiver`` attribute (an async
        function taking the same arguments); ``asend`` awaits that instead, so a
        receiver that usually has nothing to do costs no thread hop.
        """
        results = []
        for _, receiver in list(self._receivers):
            async_version = getattr(receiver, "async_receiver", None)
            if async_version is not None:
                value = await async_version(signal=self, sender=sender, **named)
            elif asyncio.iscoroutinefunction(receiver):
                value = await receiver(signal=self, sender=sender, **named)
            else:
                value = await sync_to_async(receiver)(
                    signal=self, sender=sender, **named
                )
            results.append((receiver, value))
        return results


def receiver(
    signal: Signal | list[Signal], **kwargs: Any
) -> Callable[[Receiver], Receiver]:
    """Connect the decorated function to one or more signals."""

    def decorator(func: Receiver) -> Receiver:
        for sig in signal if isinstance(signal, list) else [signal]:
            sig.connect(func, **kwargs)
        return func

    return decorator
