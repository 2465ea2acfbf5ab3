"""Serialisation helpers (JSON encoding of common Python types)."""

from framework.core.serializers.json import JSONEncoder

__all__ = ["JSONEncoder"]
