"""Signals: sync and async sending, dispatch_uid, and async_receiver shortcuts."""

from __future__ import annotations

import threading

from framework.dispatch import Signal, receiver


def test_send_calls_receivers_in_order_with_sender():
    signal, calls = Signal(), []
    signal.connect(lambda **kw: calls.append(("a", kw["sender"])))
    signal.connect(lambda **kw: calls.append(("b", kw["value"])) or "b-result")
    results = signal.send(sender="me", value=1)
    assert calls == [("a", "me"), ("b", 1)]
    assert [value for _, value in results] == [None, "b-result"]


def test_dispatch_uid_prevents_double_connection_and_disconnects():
    signal, calls = Signal(), []

    def handler(**kw):
        calls.append(1)

    signal.connect(handler, dispatch_uid="x")
    signal.connect(handler, dispatch_uid="x")
    signal.send(sender=None)
    assert calls == [1]
    assert signal.disconnect(dispatch_uid="x")
    assert not signal.has_listeners()


def test_receiver_decorator_connects():
    signal, calls = Signal(), []

    @receiver(signal)
    def handler(**kw):
        calls.append(kw["sender"])

    signal.send(sender=7)
    assert calls == [7]


async def test_asend_runs_sync_receivers_in_a_thread():
    signal, threads = Signal(), []
    signal.connect(lambda **kw: threads.append(threading.current_thread().name))
    await signal.asend(sender=None)
    assert threads and threads[0] != threading.current_thread().name


async def test_asend_prefers_async_receiver_without_a_thread_hop():
    signal, calls = Signal(), []

    def slow_path(**kw):
        calls.append("sync")

    async def fast_path(**kw):
        calls.append(("async", threading.current_thread().name))

    slow_path.async_receiver = fast_path  # type: ignore[attr-defined]
    signal.connect(slow_path)
    await signal.asend(sender=None)
    signal.send(sender=None)
    assert calls == [("async", threading.current_thread().name), "sync"]


def test_send_bridges_async_receivers():
    signal, calls = Signal(), []

    async def handler(**kw):
        calls.append(kw["sender"])

    signal.connect(handler)
    signal.send(sender="s")
    assert calls == ["s"]
