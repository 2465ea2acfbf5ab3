"""Cookie parsing for requests and ``Set-Cookie`` building for responses."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http import cookies
from typing import Literal

from framework.core.exceptions import BadRequest

__all__ = ["SameSite", "build_set_cookie", "parse_cookie", "wsgi_bytes"]

SameSite = Literal["Lax", "Strict", "None"] | None
_SAMESITE = {"lax": "Lax", "strict": "Strict", "none": "None"}
_UNSAFE_ATTRIBUTE = re.compile(r"[;\x00-\x1f\x7f]")


def parse_cookie(header: str | bytes) -> dict[str, str]:
    """Parse a ``Cookie`` header into a dict, the first value of a name winning.

    Browsers send cookies without quoting rules, so this is lenient about syntax
    (chunks without ``=`` are skipped) but strict about encoding: bytes that are
    not UTF-8 raise ``BadRequest`` rather than turning into mojibake.
    """
    raw = header if isinstance(header, bytes) else wsgi_bytes(header)
    try:
        text = raw.decode("utf-8")
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
            value = cookies._unquote(value)
        result[name] = value
    return result


def wsgi_bytes(text: str) -> bytes:
    """Recover the raw bytes of a WSGI/ASGI ``META`` string.

    Servers hand header values over as the bytes read as latin-1; a string
    holding characters past U+00FF cannot be one, so it is real text.
    """
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return text.encode("utf-8")


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
    """Build one ``Set-Cookie`` morsel.

    Bad names, SameSite values and attributes that could break out of the
    header (``;``, CR, LF or other control characters in path, domain or an
    ``expires`` string) raise ValueError. The value is quoted as needed.
    """
    jar: cookies.SimpleCookie = cookies.SimpleCookie()
    try:
        jar[key] = value
    except cookies.CookieError as exc:
        raise ValueError(f"Invalid cookie name {key!r}: {exc}") from None
    for attribute, text in (("path", path), ("domain", domain), ("expires", expires)):
        if isinstance(text, str) and _UNSAFE_ATTRIBUTE.search(text):
            raise ValueError(
                f"The cookie {attribute} {text!r} contains ';' or a control character."
            )
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
