"""Cryptographic helpers: random strings, constant-time comparison, HMAC, PBKDF2.

Everything here uses the standard library's ``secrets``, ``hmac`` and
``hashlib``; nothing is home-made cryptography.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

__all__ = [
    "RANDOM_STRING_CHARS",
    "constant_time_compare",
    "get_random_string",
    "pbkdf2",
    "salted_hmac",
]

RANDOM_STRING_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def get_random_string(length: int, allowed_chars: str = RANDOM_STRING_CHARS) -> str:
    """Return a securely generated random string (``secrets.choice`` per character)."""
    return "".join(secrets.choice(allowed_chars) for _ in range(length))


def _bytes(value: str | bytes) -> bytes:
    return value.encode() if isinstance(value, str) else value


def constant_time_compare(val1: str | bytes, val2: str | bytes) -> bool:
    """Compare in time independent of where the values first differ."""
    return hmac.compare_digest(_bytes(val1), _bytes(val2))


def salted_hmac(
    key_salt: str | bytes,
    value: str | bytes,
    secret: str | bytes,
    *,
    algorithm: str = "sha256",
) -> Any:
    """Return an HMAC of ``value`` keyed by a hash of ``key_salt`` + ``secret``.

    Different ``key_salt`` values give independent keys from one secret, so a
    signature made for sessions can never be replayed as, say, a reset token.
    """
    hasher = getattr(hashlib, algorithm, None)
    if hasher is None:
        raise ValueError(f"{algorithm!r} is not an algorithm hashlib provides.")
    key = hasher(_bytes(key_salt) + _bytes(secret)).digest()
    return hmac.new(key, msg=_bytes(value), digestmod=hasher)


def pbkdf2(
    password: str | bytes,
    salt: str | bytes,
    iterations: int,
    dklen: int = 0,
    digest: str = "sha256",
) -> bytes:
    """Derive a key with PBKDF2-HMAC (``hashlib.pbkdf2_hmac``)."""
    return hashlib.pbkdf2_hmac(
        digest, _bytes(password), _bytes(salt), iterations, dklen or None
    )
