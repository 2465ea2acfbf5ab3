"""Every exception the framework core raises, in one tree.

::

    Exception
    ├── ImproperlyConfigured        settings or project layout are wrong
    ├── AppRegistryNotReady         the registry was used before framework.setup()
    ├── FieldDoesNotExist
    ├── FieldError                  an unknown field or lookup reached the ORM
    ├── ObjectDoesNotExist
    ├── MultipleObjectsReturned
    ├── ViewDoesNotExist
    ├── MiddlewareNotUsed           a middleware factory opts out at start-up
    ├── PermissionDenied            -> 403
    ├── BadRequest                  -> 400
    ├── MethodNotAllowed            -> 405 (a method no view could handle)
    ├── SuspiciousOperation         -> 400, logged on the "framework.security" logger
    │   ├── DisallowedHost
    │   ├── DisallowedRedirect
    │   ├── RequestDataTooBig       -> 413
    │   ├── TooManyFieldsSent
    │   ├── TooManyFilesSent
    │   └── SuspiciousFileOperation
    ├── RequestAborted              the client went away mid-request; nothing is sent
    └── ValidationError             data failed validation (forms, models)

The handler turns the ones marked ``->`` into responses in exactly one place:
:mod:`framework.core.handlers.exception`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


class ImproperlyConfigured(Exception):
    """The project is misconfigured; the message names the setting and the fix."""


class AppRegistryNotReady(Exception):
    """The app registry was used before ``framework.setup()`` populated it."""


class FieldDoesNotExist(Exception):
    """A model has no field of that name."""


class FieldError(Exception):
    """A query named a field or lookup the model does not have."""


class ObjectDoesNotExist(Exception):
    """A query that expected one row found none."""


class MultipleObjectsReturned(Exception):
    """A query that expected one row found several."""


class ViewDoesNotExist(Exception):
    """A URL pattern names a view that cannot be imported."""


class MiddlewareNotUsed(Exception):
    """Raised by a middleware factory to take itself out of the chain."""


class PermissionDenied(Exception):
    """The user may not do this; answered with 403."""


class BadRequest(Exception):
    """The request is malformed; answered with 400."""


class MethodNotAllowed(Exception):
    """The request method is not one HTTP (or WebDAV) defines; answered with 405."""

    def __init__(self, method: str, allowed: tuple[str, ...]) -> None:
        super().__init__(f"Method {method!r} is not supported.")
        self.allowed = allowed


class SuspiciousOperation(Exception):
    """The request looks like an attack or a broken client; answered with 400."""

    status_code = 400


class DisallowedHost(SuspiciousOperation):
    """The Host header is not in ``ALLOWED_HOSTS``."""


class DisallowedRedirect(SuspiciousOperation):
    """A redirect to an unsafe scheme was attempted."""


class RequestDataTooBig(SuspiciousOperation):
    """The body is larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE``; answered with 413."""

    status_code = 413


class TooManyFieldsSent(SuspiciousOperation):
    """More fields than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` were sent."""


class TooManyFilesSent(SuspiciousOperation):
    """More files than ``DATA_UPLOAD_MAX_NUMBER_FILES`` were sent."""


class SuspiciousFileOperation(SuspiciousOperation):
    """A file path tried to leave the folder it belongs in."""


class RequestAborted(Exception):
    """The client disconnected or sent a broken body; no response is possible."""


class ValidationError(Exception):
    """Data failed validation.

    Holds either one message, a list of messages, or a mapping of field name to
    messages, so forms and models can report errors per field.
    """

    def __init__(
        self,
        message: str | list[Any] | dict[str, Any] | ValidationError,
        code: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message, code, params)
        self.code = code
        self.params = params
        self.error_dict: dict[str, list[ValidationError]] | None = None
        self.error_list: list[ValidationError]
        if isinstance(message, ValidationError):
            self.__dict__.update(message.__dict__)
            return
        if isinstance(message, dict):
            self.error_dict = {
                field: ValidationError(msgs).error_list
                for field, msgs in message.items()
            }
            self.error_list = [e for errs in self.error_dict.values() for e in errs]
        elif isinstance(message, list):
            self.error_list = [
                e for item in message for e in ValidationError(item).error_list
            ]
        else:
            self.message = message
            self.error_list = [self]

    @property
    def messages(self) -> list[str]:
        """Every message, formatted with its params."""
        return [str(e._formatted()) for e in self.error_list]

    @property
    def message_dict(self) -> dict[str, list[str]]:
        """Messages per field; raises AttributeError when not field-keyed."""
        if self.error_dict is None:
            raise AttributeError("This ValidationError has no per-field messages.")
        return {
            field: [e._formatted() for e in errs]
            for field, errs in self.error_dict.items()
        }

    def _formatted(self) -> str:
        text = str(self.message)
        return text % self.params if self.params else text

    def __iter__(self) -> Iterator[Any]:
        if self.error_dict is not None:
            yield from self.message_dict.items()
        else:
            yield from self.messages

    def __str__(self) -> str:
        if self.error_dict is not None:
            return repr(self.message_dict)
        return repr(self.messages)

    def __repr__(self) -> str:
        return f"ValidationError({self})"
