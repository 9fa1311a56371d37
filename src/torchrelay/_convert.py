"""Converters shared by the model's attrs classes."""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .exceptions import InvalidTypeError, InvalidValueError

__all__ = [
    "NAMESPACED_PATTERN",
    "Choice",
    "bad_character",
    "check_text",
    "date_only",
    "finite_number",
    "namespaced_items",
    "namespaced_key",
    "non_negative",
    "nonempty_text",
    "of_type",
    "optional_date",
    "optional_id",
    "optional_text",
    "to_tuple",
    "tuple_of",
]

# XML 1.0 (§2.2) cannot carry these, and a lone surrogate is not Unicode text:
# refusing them in the model means every format can write what the model holds.
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
BAD_CHARACTER_PATTERN = _BAD_CHARACTER.pattern
"""The characters no text in the model may hold, as a regular expression class."""

NAMESPACED_PATTERN = r"^[A-Za-z][A-Za-z0-9_.-]*:[^\s\x00-\x1f]+$"
"""What a namespaced key (``gpx:desc``, ``kml:gx:angles``) looks like, as a regular expression."""
_NAMESPACED = re.compile(NAMESPACED_PATTERN)


def bad_character(value: str) -> str | None:
    """A description of the first character in *value* that no format can carry, if any."""
    found = _BAD_CHARACTER.search(value)
    if found is None:
        return None
    char = found.group()
    kind = "a lone surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
    return f"{kind} (U+{ord(char):04X}) at index {found.start()}"


def check_text(name: str, value: object) -> str:
    """Check that *value* is a text that every format can carry; return it.

    Raises:
        InvalidTypeError: If it is not a ``str``.
        InvalidValueError: If it holds a control character other than tab,
            newline and carriage return, or a lone surrogate.
    """
    if not isinstance(value, str):
        msg = f"'{name}' must be a text (got {type(value).__name__}: {value!r})"
        raise InvalidTypeError(msg)
    bad = bad_character(value)
    if bad is not None:
        msg = f"'{name}' must not contain {bad}: no format can carry it"
        raise InvalidValueError(msg)
    return value


def finite_number(name: str, value: object) -> float:
    """*value* as a finite float: the one check behind every number field.

    Raises:
        InvalidTypeError: If it is not an int or a float (a bool is not a number).
        InvalidValueError: If it is NaN, infinite, or an integer too large for a float.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"'{name}' must be a number (got {type(value).__name__}: {value!r})"
        raise InvalidTypeError(msg)
    try:
        number = float(value) + 0.0  # -0.0 becomes 0.0, so equal values write the same
    except OverflowError:
        msg = f"'{name}' must be a finite number (got an integer of {len(str(value))} digits)"
        raise InvalidValueError(msg) from None
    if not math.isfinite(number):
        msg = f"'{name}' must be a finite number (got {value!r})"
        raise InvalidValueError(msg)
    return number


def non_negative(name: str, value: object, *, infinite: bool = False) -> float:
    """*value* as a float that is not negative: the one check behind every length, speed or limit.

    Args:
        name: The field's name, for the message.
        value: What was given.
        infinite: Whether infinity is allowed (a limit that never applies).

    Raises:
        InvalidTypeError: If it is not an int or a float (a bool is not a number).
        InvalidValueError: If it is negative, NaN, or infinite where *infinite* is false.
    """
    if infinite and isinstance(value, float) and value == math.inf:
        return value
    number = finite_number(name, value)
    if number < 0.0:
        msg = f"'{name}' must be a finite number, not negative (got {value!r})"
        raise InvalidValueError(msg)
    return number


def namespaced_items(what: str, values: object) -> list[tuple[str, Any]]:
    """The items of a mapping with namespaced keys (extras, columns), checked, sorted by key.

    Raises:
        InvalidTypeError: If *values* is not a mapping.
        InvalidValueError: For a key that is not namespaced.
    """
    if not isinstance(values, Mapping):
        msg = f"'{what}' must be a mapping (got {type(values).__name__})"
        raise InvalidTypeError(msg)
    return [(namespaced_key(f"{what} key", key), values[key]) for key in sorted(values, key=str)]


def namespaced_key(name: str, value: object) -> str:
    """Check that *value* is a namespaced key such as ``gpx:desc`` or ``gpxtpx:hr``."""
    key = check_text(name, value)
    if not _NAMESPACED.fullmatch(key):
        msg = f"'{name}' must be a namespaced key 'prefix:name' such as 'gpx:desc' (got {key!r})"
        raise InvalidValueError(msg)
    return key


def _sequence_like(values: object) -> bool:
    if isinstance(values, str | bytes | Mapping) or attrs.has(type(values)):
        return False  # a text would be read letter by letter, a value field by field
    return hasattr(values, "__iter__")


def to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Freeze any iterable into a tuple, so a frozen value stays frozen.

    A text, a mapping or a single value is passed through unchanged, for the
    field's :func:`tuple_of` validator to refuse with the field's name; the
    validator also names the first item of the wrong type.
    """
    return tuple(values) if _sequence_like(values) else values  # type: ignore[return-value]


def _not_a_sequence(name: str, value: object) -> InvalidTypeError:
    shown = f"a {type(value).__name__}" if attrs.has(type(value)) else repr(value)
    msg = (
        f"'{name}' must be a sequence, such as a list (got {type(value).__name__}: {shown}); "
        "put a single value in a list"
    )
    return InvalidTypeError(msg)


def nonempty_text(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """A validator: the value is a text with something other than white space."""
    if not isinstance(value, str):
        msg = f"'{attribute.name}' must be a non-empty text (got {value!r})"
        raise InvalidTypeError(msg)
    if not value.strip():
        msg = f"'{attribute.name}' must be a non-empty text (got {value!r})"
        raise InvalidValueError(msg)
    check_text(attribute.name, value)


def optional_text(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """A validator: the value is ``None`` or a non-empty text."""
    if value is not None:
        nonempty_text(instance, attribute, value)


def optional_id(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """A validator: ``None`` or an identifier, a non-empty text."""
    if value is not None:
        nonempty_text(instance, attribute, value)


def date_only(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """A validator: the value is a calendar date, not a datetime (which is also a date)."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        msg = (
            f"'{attribute.name}' must be a datetime.date such as date(2013, 10, 7) "
            f"(got {type(value).__name__}: {value!r})"
        )
        raise InvalidTypeError(msg)


def optional_date(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """A validator: ``None`` or a calendar date."""
    if value is not None:
        date_only(instance, attribute, value)


def tuple_of(kind: type) -> Any:
    """A validator that every item of a tuple is a *kind*, naming the first that is not."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        if not isinstance(value, tuple):
            raise _not_a_sequence(attribute.name, value)
        for i, item in enumerate(value):
            if not isinstance(item, kind):
                msg = (
                    f"'{attribute.name}[{i}]' must be a {kind.__name__} "
                    f"(got {type(item).__name__}: {item!r})"
                )
                raise InvalidTypeError(msg)

    return check


def of_type(kind: type, *, optional: bool = False) -> Any:
    """A validator that the value is a *kind* (or ``None`` if *optional*), naming what it got."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        if optional and value is None:
            return
        if not isinstance(value, kind):
            msg = (
                f"'{attribute.name}' must be a {kind.__name__} "
                f"(got {type(value).__name__}: {value!r})"
            )
            raise InvalidTypeError(msg)

    return check


class Choice(enum.Enum):
    """An enum whose lookup by value fails with our error, listing the choices."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        choices = ", ".join(repr(m.value) for m in cls)
        article = "an" if cls.__name__[0] in "AEIOU" else "a"
        msg = f"{value!r} is not {article} {cls.__name__}: use one of {choices}"
        raise InvalidValueError(msg)
