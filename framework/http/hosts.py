"""Host validation and the per-process request configuration.

``RequestConfig`` is built once from settings by the handler (never per request)
and shared by every request it creates; it carries the parsing limits and the
host validator, whose small cache makes the common case one dict lookup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from framework.core.exceptions import DisallowedHost, ImproperlyConfigured

__all__ = ["HostValidator", "RequestConfig", "split_host_port"]

# \Z, not $: "$" also matches before a final newline, letting "host\n" through.
_HOST = re.compile(r"([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::([0-9]{1,5}))?\Z")
_DEBUG_HOSTS = (".localhost", "127.0.0.1", "[::1]")
_CACHE_LIMIT = 256


def split_host_port(host: str) -> tuple[str, str]:
    """Split ``example.com:8000`` into a lower-case domain and a port.

    Returns ``("", "")`` for anything that is not a syntactically valid host, so
    junk in a Host header can never be matched against ``ALLOWED_HOSTS``.
    """
    # isascii first: str.lower() maps some non-ASCII letters (the Kelvin sign) to ASCII.
    match = _HOST.match(host.lower()) if host.isascii() else None
    if match is None:
        return "", ""
    domain, port = match.group(1), match.group(2) or ""
    return domain.removesuffix("."), port


class HostValidator:
    """Check hosts against ``ALLOWED_HOSTS`` patterns, caching verdicts."""

    def __init__(self, allowed_hosts: list[str] | tuple[str, ...], debug: bool) -> None:
        if isinstance(allowed_hosts, str):
            raise ImproperlyConfigured(
                f"ALLOWED_HOSTS must be a list of host names, not the string "
                f"{allowed_hosts!r}; write [{allowed_hosts!r}]."
            )
        # "example.com." and "example.com" name the same host.
        patterns = [h.lower().rstrip(".") or h for h in allowed_hosts]
        if debug and not patterns:
            patterns = list(_DEBUG_HOSTS)
        self.patterns = tuple(patterns)
        self.allow_all = "*" in self.patterns
        self._cache: dict[str, bool] = {}

    def is_allowed(self, domain: str) -> bool:
        if not domain:
            return False
        if self.allow_all:
            return True
        for pattern in self.patterns:
            if pattern.startswith("."):
                if domain == pattern[1:] or domain.endswith(pattern):
                    return True
            elif domain == pattern:
                return True
        return False

    def validate(self, host: str) -> str:
        """Return ``host`` when allowed; raise DisallowedHost with the fix otherwise."""
        verdict = self._cache.get(host)
        if verdict is None:
            domain, _ = split_host_port(host)
            verdict = self.is_allowed(domain)
            if len(self._cache) < _CACHE_LIMIT:
                self._cache[host] = verdict
        if verdict:
            return host
        domain, _ = split_host_port(host)
        if not domain:
            raise DisallowedHost(
                f"Invalid HTTP_HOST header: {host!r}. It is not a valid host name, "
                "so no ALLOWED_HOSTS entry can match it."
            )
        raise DisallowedHost(
            f"Invalid HTTP_HOST header: {host!r}. You may need to add {domain!r} to "
            "ALLOWED_HOSTS."
        )


@dataclass(frozen=True)
class RequestConfig:
    """Settings a request needs, read once when the handler is built."""

    encoding: str = "utf-8"
    max_memory_size: int | None = 2621440
    max_fields: int | None = 1000
    max_files: int | None = 100
    file_memory_size: int = 2621440
    temp_dir: str | None = None
    secure_proxy_ssl_header: tuple[str, str] | None = None
    use_x_forwarded_host: bool = False
    use_x_forwarded_port: bool = False
    hosts: HostValidator = field(default_factory=lambda: HostValidator(["*"], False))

    @classmethod
    def from_settings(cls, settings: Any) -> RequestConfig:
        """Read every request-related setting once."""
        return cls(
            encoding=settings.DEFAULT_CHARSET,
            max_memory_size=settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
            max_fields=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
            max_files=settings.DATA_UPLOAD_MAX_NUMBER_FILES,
            file_memory_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE,
            temp_dir=settings.FILE_UPLOAD_TEMP_DIR,
            secure_proxy_ssl_header=_proxy_header(settings.SECURE_PROXY_SSL_HEADER),
            use_x_forwarded_host=settings.USE_X_FORWARDED_HOST,
            use_x_forwarded_port=settings.USE_X_FORWARDED_PORT,
            hosts=HostValidator(settings.ALLOWED_HOSTS, settings.DEBUG),
        )


def _proxy_header(value: Any) -> tuple[str, str] | None:
    if value is None:
        return None
    try:
        name, secure = value
    except (TypeError, ValueError):
        raise ImproperlyConfigured(
            "SECURE_PROXY_SSL_HEADER must be a (header, value) pair such as "
            "('HTTP_X_FORWARDED_PROTO', 'https')."
        ) from None
    return str(name), str(secure)
