"""The validators model fields add on their own (length, range, format).

Each is a small callable raising ``ValidationError`` with a code, so forms and
``Model.full_clean()`` report the same messages.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from framework.core.exceptions import ValidationError


class MaxLengthValidator:
    """Reject values longer than ``limit`` characters."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, value: Any) -> None:
        if len(value) > self.limit:
            raise ValidationError(
                "Ensure this value has at most %(limit)s characters "
                "(it has %(length)s).",
                code="max_length",
                params={"limit": self.limit, "length": len(value)},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MaxLengthValidator) and other.limit == self.limit

    def __hash__(self) -> int:
        return hash(("max_length", self.limit))


class RangeValidator:
    """Reject numbers outside ``[low, high]`` (either bound may be None)."""

    def __init__(self, low: int | None, high: int | None) -> None:
        self.low, self.high = low, high

    def __call__(self, value: Any) -> None:
        if self.low is not None and value < self.low:
            raise ValidationError(
                "Ensure this value is greater than or equal to %(limit)s.",
                code="min_value",
                params={"limit": self.low},
            )
        if self.high is not None and value > self.high:
            raise ValidationError(
                "Ensure this value is less than or equal to %(limit)s.",
                code="max_value",
                params={"limit": self.high},
            )


class RegexValidator:
    """Reject strings that do not match ``pattern``."""

    def __init__(self, pattern: str, message: str, code: str) -> None:
        self.regex = re.compile(pattern, re.IGNORECASE)
        self.message, self.code = message, code

    def __call__(self, value: Any) -> None:
        if not self.regex.fullmatch(str(value)):
            raise ValidationError(self.message, code=self.code)


class DecimalValidator:
    """Reject decimals with more digits than the column holds."""

    def __init__(self, max_digits: int | None, decimal_places: int | None) -> None:
        self.max_digits, self.decimal_places = max_digits, decimal_places

    def __call__(self, value: Decimal) -> None:
        if not value.is_finite():
            raise ValidationError("Enter a number.", code="invalid")
        digit_tuple = value.as_tuple().digits
        exponent = int(value.as_tuple().exponent)  # finite: always an int
        decimals = max(-exponent, 0)
        digits = max(len(digit_tuple), decimals)
        if self.max_digits is not None and digits > self.max_digits:
            raise ValidationError(
                "Ensure that there are no more than %(max)s digits in total.",
                code="max_digits",
                params={"max": self.max_digits},
            )
        if self.decimal_places is not None and decimals > self.decimal_places:
            raise ValidationError(
                "Ensure that there are no more than %(max)s decimal places.",
                code="max_decimal_places",
                params={"max": self.decimal_places},
            )


validate_slug = RegexValidator(
    r"[-a-zA-Z0-9_]+",
    "Enter a valid slug of letters, numbers, underscores or hyphens.",
    "invalid",
)
validate_email = RegexValidator(
    r"[^@\s]+@[^@\s]+\.[^@\s]+", "Enter a valid email address.", "invalid"
)
validate_url = RegexValidator(
    r"(https?|ftps?)://[^\s/$.?#][^\s]*", "Enter a valid URL.", "invalid"
)
