"""Signals: let decoupled code react to events (request started, setting changed)."""

from framework.dispatch.dispatcher import Signal, receiver

__all__ = ["Signal", "receiver"]
