"""Converters shared by the model's attrs classes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from .exceptions import InvalidValueError

__all__ = ["nonempty_text", "optional_text", "to_tuple"]


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
