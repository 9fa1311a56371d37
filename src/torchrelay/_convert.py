"""Converters shared by the model's attrs classes."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

import attrs

from .exceptions import InvalidTypeError, InvalidValueError

__all__ = ["Choice", "nonempty_text", "of_type", "optional_text", "to_tuple", "tuple_of"]


def to_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """Freeze any iterable into a tuple, so a frozen value stays frozen.

    The items' types are checked by each field's validator, which names the
    first wrong item.
    """
    return tuple(values)


def nonempty_text(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """A validator: the value is a text with something other than white space."""
    if not isinstance(value, str) or not value.strip():
        msg = f"'{attribute.name}' must be a non-empty text (got {value!r})"
        raise InvalidValueError(msg)


def optional_text(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    """A validator: the value is ``None`` or a non-empty text."""
    if value is not None:
        nonempty_text(instance, attribute, value)


def tuple_of(kind: type) -> Any:
    """A validator that every item of a tuple is a *kind*, naming the first that is not."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
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
