"""Cookie parsing for requests and ``Set-Cookie`` building for responses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http import cookies
from typing import Literal

from framework.core.exceptions import BadRequest

__all__ = ["SameSite", "build_set_cookie", "parse_cookie"]

SameSite = Literal["Lax", "Strict", "None"] | None
_SAMESITE = {"lax": "Lax", "strict": "Strict", "none": "None"}


def parse_cookie(header: str | bytes) -> dict[str, str]:
    """Parse a ``Cookie`` header into a dict, the first value of a name winning.

    Browsers send cookies without quoting rules, so this is lenient about syntax
    (chunks without ``=`` are skipped) but strict about encoding: bytes that are
    not UTF-8 raise ``BadRequest`` rather than turning into mojibake.
    """
    if isinstance(header, str):
        header = header.encode("latin-1", errors="replace")
    try:
        text = header.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("The Cookie header is not valid UTF-8.") from None
    result: dict[str, str] = {}
    for chunk in text.split(";"):
        name, sep, value = chunk.partition("=")
        name = name.strip()
        if not sep or not name or name in result:
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = cookies._unquote(value)  # type: ignore[attr-defined]
        result[name] = value
    return result


def build_set_cookie(
    key: str,
    value: str = "",
    *,
    max_age: int | float | timedelta | None = None,
    expires: datetime | str | None = None,
    path: str | None = "/",
    domain: str | None = None,
    secure: bool = False,
    httponly: bool = True,
    samesite: str | None = "Lax",
) -> cookies.Morsel[str]:
    """Build one ``Set-Cookie`` morsel; bad names or SameSite values raise ValueError."""
    jar: cookies.SimpleCookie = cookies.SimpleCookie()
    try:
        jar[key] = value
    except cookies.CookieError as exc:
        raise ValueError(f"Invalid cookie name {key!r}: {exc}") from None
    morsel = jar[key]
    if isinstance(max_age, timedelta):
        max_age = max_age.total_seconds()
    if max_age is not None:
        morsel["max-age"] = str(int(max_age))
        if expires is None:
            expires = datetime.now(UTC) + timedelta(seconds=int(max_age))
    if isinstance(expires, datetime):
        if expires.tzinfo is None:
            expires = expires.replace(tzinfo=UTC)
        morsel["expires"] = format_datetime(expires.astimezone(UTC), usegmt=True)
    elif expires:
        morsel["expires"] = expires
    if path is not None:
        morsel["path"] = path
    if domain:
        morsel["domain"] = domain
    if secure:
        morsel["secure"] = True
    if httponly:
        morsel["httponly"] = True
    if samesite:
        canonical = _SAMESITE.get(samesite.lower())
        if canonical is None:
            raise ValueError('samesite must be "Lax", "Strict", "None" or None.')
        morsel["samesite"] = canonical
    return morsel
