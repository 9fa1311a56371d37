"""The people and figures of a relay in torchrelay's XML extension, as native JSON.

Sponsors, campaigns, claims, rest days, sources and torchbearers have a deep
structure (claims cite sources, campaigns list torchbearers, rest days have
places) that the native format already writes and checks. The extension
reuses it rather than inventing a second XML shape: each such field of a
relay or leg that is not empty is one ``tr:native`` element, its ``field``
attribute the field's name and its text the field's value as the native
format writes it (JSON). Reading checks it with the native format's own
engine, so every problem is named with its place inside the value.

Both GPX (``tr:relay`` in the metadata, ``tr:leg`` in a track) and KML
(the same elements in ``ExtendedData``) write them through
:func:`write_native` and read them through :func:`read_native`.
"""

from __future__ import annotations

import json
import typing
import xml.etree.ElementTree as ET
from typing import Any

from .._claims import Source
from .._geo import Place
from .._legs import Leg
from .._path import Path
from .._relay import Relay
from ..exceptions import ParseError, Problem
from ._engine import Codec, Invalid, Reader
from ._gpx_names import TR
from ._pathcolumns import path_kind

__all__ = ["LEG_FIELDS", "RELAY_FIELDS", "read_native", "write_native"]

RELAY_FIELDS = ("sponsors", "campaigns", "claims", "rest_days", "sources")
"""The relay's fields written as ``tr:native`` in ``tr:relay``, in this order."""

LEG_FIELDS = ("torchbearers", "sources")
"""The leg's fields written as ``tr:native`` in ``tr:leg``, in this order."""

_TAG = f"{{{TR}}}native"
_codec = Codec(memo=frozenset({Place, Source}), overrides={Path: path_kind})
_FIELDS: dict[type, tuple[str, ...]] = {Relay: RELAY_FIELDS, Leg: LEG_FIELDS}
_HINTS = {cls: typing.get_type_hints(cls) for cls in _FIELDS}


def _content(text: str) -> str:
    """*text* escaped for an element's content (JSON quotes stay as they are)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_native(value: Relay | Leg, *, fields: tuple[str, ...] = ()) -> str:
    """The ``tr:native`` elements of *value*'s people and figures; empty fields are left out.

    Written with the namespace prefix ``tr``, which the document declares.
    *fields* names others to write instead (KML writes a leg's ``path`` so
    where its geometry cannot hold the path's times).
    """
    cls = type(value)
    parts = []
    for name in fields or _FIELDS[cls]:
        got = getattr(value, name)
        if not got:
            continue
        doc = _codec.kind(_HINTS[cls][name]).write(got)
        text = json.dumps(doc, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        parts.append(f'<tr:native field="{name}">{_content(text)}</tr:native>')
    return "".join(parts)


def read_native(
    element: ET.Element,
    cls: type[Relay] | type[Leg],
    where: str,
    source: str | None,
    *,
    fields: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The fields of the ``tr:native`` children of *element*, as keyword arguments of *cls*.

    Args:
        element: ``tr:relay`` or ``tr:leg`` (or an element holding the same children).
        cls: :class:`~torchrelay.Relay` or :class:`~torchrelay.Leg`.
        where: How problems name *element* (``tr:relay``).
        source: The input's name for errors.
        fields: The fields to read instead of the people and figures.

    Raises:
        ParseError: For a field *cls* has no ``tr:native`` for, text that is
            not JSON, or JSON the native format refuses, naming where in it.
    """
    names, hints = fields or _FIELDS[cls], _HINTS[cls]
    found: dict[str, Any] = {}
    problems: list[Problem] = []
    for child in element:
        if child.tag != _TAG:
            continue
        name = child.get("field") or ""
        place = f"{where}/tr:native field={name!r}"
        if name not in names:
            problems.append(Problem(place, f"{cls.__name__.lower()}s have no such field"))
            continue
        try:
            doc = json.loads(child.text or "")
        except ValueError as error:
            problems.append(Problem(place, f"not JSON ({error})"))
            continue
        reader = Reader()
        try:
            found[name] = _codec.kind(hints[name]).read(doc, (name,), reader)
        except Invalid:
            problems.extend(Problem(place, f"{p.location}: {p.message}") for p in reader.problems)
    if problems:
        raise ParseError(problems, source)
    return found
