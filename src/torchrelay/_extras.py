"""Extras: what a format has and the model does not, kept under namespaced keys.

A GPX file's ``<desc>``, a KML ``styleUrl``, a GeoJSON foreign member or a CSV
column the model has no field for are not dropped: an importer keeps each under
a key ``prefix:name`` (``gpx:desc``, ``kml:styleUrl``, ``geojson:foreign``,
``csv:column``, or a user's own prefix), with a JSON value. Extras are data:
they take part in equality and the native format writes them back unchanged.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Iterator, Mapping
from typing import Any, TypeAlias

from ._convert import bad_character, namespaced_items
from .exceptions import InvalidTypeError, InvalidValueError

__all__ = [
    "MAX_EXTRAS_DEPTH",
    "PERSONAL_EXTRAS",
    "Extras",
    "JSONValue",
    "check_json",
    "is_personal_key",
    "to_extras",
]

JSONValue: TypeAlias = "bool | int | float | str | list[JSONValue] | dict[str, JSONValue] | None"
"""A value that JSON can hold: what an extra may be."""

MAX_EXTRAS_DEPTH = 32
"""How deeply arrays and objects may nest in one extra's value.

.. versionadded:: 0.1.0
"""

PERSONAL_EXTRAS = frozenset({"gpx:author", "gpx:author-link", "gpx:email", "kml:atom:author"})
"""Extras keys that hold personal data, which :func:`torchrelay.redact` removes.

The keys the format adapters read people into: a GPX file's metadata author
(name, e-mail, link) and a KML document's ``atom:author``. A key below one of
them (``kml:atom:author:email``) is personal too; for keys of your own, use
the ``personal`` marker (see :func:`is_personal_key`).

.. versionadded:: 0.1.0
"""

_PERSONAL_BELOW = tuple(f"{key}:" for key in sorted(PERSONAL_EXTRAS))


def is_personal_key(key: str) -> bool:
    """Whether an extras key holds personal data, so that redaction removes it.

    A key is personal when it is in :data:`PERSONAL_EXTRAS` or below one of
    them, or when one of its colon-separated parts is ``personal``, the marker
    for keys of your own (``personal:phone``, ``csv:personal:phone``).

    >>> is_personal_key("gpx:email"), is_personal_key("csv:personal:phone"), is_personal_key("gpx:desc")
    (True, True, False)

    .. versionadded:: 0.1.0
    """  # noqa: E501
    return key in PERSONAL_EXTRAS or key.startswith(_PERSONAL_BELOW) or "personal" in key.split(":")


_INT_LIMIT = 2**63
_SCALARS = (str, int, float, bool, type(None))


def _bad(where: str, what: str) -> InvalidValueError:
    return InvalidValueError(f"'{where}' {what}")


def check_json(value: object, where: str = "value") -> Any:
    """A copy of *value* if it is a JSON value a format can write back unchanged.

    Objects must have text keys; arrays must be lists (a tuple would come back
    as a list); numbers must be finite, integers within 64 bits; texts must not
    hold control characters or lone surrogates. ``-0.0`` becomes ``0.0`` and
    object keys are sorted, so that equal extras write the same bytes.

    Raises:
        InvalidTypeError: For a value of a type JSON does not have.
        InvalidValueError: For a non-finite or oversized number, a bad
            character, or nesting deeper than :data:`MAX_EXTRAS_DEPTH`.
    """
    return _copy(value, where, 0)


def _copy(value: Any, where: str, depth: int) -> Any:  # noqa: PLR0912
    kind = type(value)
    if value is None or kind is bool:
        return value
    if kind is str:
        bad = bad_character(value)
        if bad is not None:
            raise _bad(where, f"must not contain {bad}")
        return value
    if kind is int:
        if not -_INT_LIMIT <= value < _INT_LIMIT:
            raise _bad(where, "must be an integer within 64 bits")
        return value
    if kind is float:
        if not math.isfinite(value):
            raise _bad(where, f"must be a finite number (got {value!r})")
        return value + 0.0
    if depth >= MAX_EXTRAS_DEPTH:
        raise _bad(where, f"nests deeper than {MAX_EXTRAS_DEPTH} levels")
    if kind is list:
        return [_copy(v, f"{where}[{i}]", depth + 1) for i, v in enumerate(value)]
    if kind is dict:
        out = {}
        for key in sorted(value, key=str):
            if type(key) is not str:
                msg = f"'{where}' keys must be texts (got {type(key).__name__}: {key!r})"
                raise InvalidTypeError(msg)
            bad = bad_character(key)
            if bad is not None:
                raise _bad(f"{where}[{key!r}]", f"key must not contain {bad}")
            out[key] = _copy(value[key], f"{where}[{key!r}]", depth + 1)
        return out
    hint = " (use a list: JSON has no tuples)" if kind is tuple else ""
    msg = f"'{where}' must be a JSON value (got {kind.__name__}: {value!r}){hint}"
    raise InvalidTypeError(msg)


class Extras(Mapping[str, Any]):
    """A frozen mapping from namespaced keys to JSON values.

    Keys look like ``prefix:name``. Values are checked and copied when the
    mapping is built, and copied again when read, so nothing outside can
    change them. Two extras are equal when they hold the same keys and values;
    the order they were given in does not matter.

    >>> e = Extras({"gpx:desc": "Morning run", "gpxtpx:sensor": {"hr": True}})
    >>> e["gpx:desc"], len(e), e == Extras({"gpxtpx:sensor": {"hr": True}, "gpx:desc": "Morning run"})
    ('Morning run', 2, True)

    Some keys hold personal data: those in :data:`PERSONAL_EXTRAS` (a GPX
    author's name, e-mail and link, a KML ``atom:author``) and any key with a
    ``personal`` part, such as ``personal:phone`` or ``csv:personal:phone``
    (:func:`is_personal_key` decides). :func:`torchrelay.redact` removes them,
    wherever in a relay they are; all of a :class:`Torchbearer`'s extras are
    personal.

    Raises:
        InvalidValueError: For a key that is not namespaced, or a value that
            is not JSON: objects with text keys, lists, finite numbers,
            integers within 64 bits, texts without control characters,
            nested at most 32 deep.

    .. versionadded:: 0.1.0
    """  # noqa: E501

    __slots__ = ("_data", "_text")

    _data: dict[str, Any]
    _text: str

    def __init__(self, values: Mapping[str, object] | object = None) -> None:
        data: dict[str, Any] = {}
        if values is not None:
            for name, value in namespaced_items("extras", values):
                data[name] = check_json(value, f"extras[{name!r}]")
        self._data = data
        self._text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    def __getitem__(self, key: str) -> Any:
        value = self._data[key]
        return copy.deepcopy(value) if isinstance(value, list | dict) else value

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Extras):
            return self._text == other._text
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._text)

    def __repr__(self) -> str:
        return f"Extras({self._data!r})" if self._data else "Extras()"

    def to_json(self) -> dict[str, Any]:
        """A deep copy as a plain dict, keys sorted, for writers."""
        return copy.deepcopy(self._data)

    def merged(self, values: Mapping[str, object]) -> Extras:
        """A copy with *values* added, replacing any that share a key.

        >>> Extras({"a:x": 1}).merged({"a:y": [2]})
        Extras({'a:x': 1, 'a:y': [2]})
        """
        return Extras({**self._data, **values})


EMPTY = Extras()


def to_extras(value: Mapping[str, object] | None) -> Extras:
    """An attrs converter: ``None`` and ``{}`` are empty extras; a mapping is checked."""
    if value is None:
        return EMPTY
    if isinstance(value, Extras):
        return value
    return Extras(value) if value else EMPTY
