"""KML 2.2 with Google's ``gx`` extension: relays for Google Earth, My Maps and Organic Maps.

Conventions:

- Writing gives one ``Document`` valid against OGC's KML 2.2 schema and
  Google's ``kml22gx.xsd``: one Placemark a leg in relay order (the main
  line's in the Document, a ``Folder`` a branch), with its name, a
  ``TimeSpan`` (RFC 3339 with the offset; a date alone where only the day is
  known), a ``styleUrl`` to its transport mode's ``Style`` (a line colour of
  its own), ``Data`` fields for Google Earth's balloon and GDAL
  (``id``, ``mode``, ``flame``, ``status``, ``precision``, ``branch``,
  ``departs``, ``arrives``) and its geometry: a ``LineString`` with
  altitudes, a ``gx:Track`` with ``when`` and ``gx:coord`` where every point
  of the path has a time (its per-point columns as ``gx:SimpleArrayData``),
  or, without a path, its geodesic densified and cut at 180°. The relay's
  places are Point Placemarks.
- What a relay means (modes, flame, ids, precision, zones, branches, places'
  zones, extras) is in the same elements of torchrelay's own namespace,
  :data:`EXTENSION_NAMESPACE`, as in GPX (``tr:relay``, ``tr:leg``,
  ``tr:place``), inside ``ExtendedData``, which KML opens to other
  namespaces; claims, sponsors, torchbearers and rest days too, as their
  native JSON in ``tr:native``.
- A relay's ``kml:atom:author`` extras are the Document's ``atom:author``:
  personal data, which ``redact=True`` leaves out.
- Reading is safe on hostile files (see :class:`~torchrelay.adapters.XMLLimits`):
  no DOCTYPE, no entities, no NetworkLink or ``href`` followed; a bad
  document raises :class:`~torchrelay.exceptions.ParseError` naming the line
  and column.

>>> from torchrelay.adapters import kml
>>> from torchrelay.datasets import demo_relay
>>> text = kml.dumps(demo_relay())
>>> text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
True
>>> "<gx:Track>" in text or "<LineString>" in text
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from typing import IO, Any

from .._redact import redact as _redact
from .._relay import Relay
from ..exceptions import InvalidTypeError
from ._files import load_with, target_of, write_relay
from ._format import Format, Loss
from ._gpx_names import TR
from ._kml_read import read_kml
from ._kml_write import write_kml
from ._xml import LIMIT_OPTIONS, XMLLimits
from ._xmlbase import root_sniffer
from .gpx import KEEPS as _GPX_KEEPS

__all__ = [
    "EXTENSION_NAMESPACE",
    "FORMAT",
    "KEEPS",
    "dump",
    "dumps",
    "load",
    "loads",
]

EXTENSION_NAMESPACE = TR
"""The XML namespace of torchrelay's elements in KML ``ExtendedData`` (prefix ``tr``), as GPX's.

.. versionadded:: 0.1.0
"""

KEEPS = _GPX_KEEPS
"""What KML keeps: what GPX keeps, through the same extension.

Every feature, as GPX: the relay meaning travels in the same ``tr:`` elements.

.. versionadded:: 0.1.0
"""

_READ_OPTIONS = frozenset(LIMIT_OPTIONS - {"max_entries", "max_uncompressed"})
"""The limits :func:`loads` takes as options (a KMZ's take the zip limits too).

.. versionadded:: 0.1.0
"""


def _check_limits(limits: dict[str, Any], allowed: frozenset[str], what: str) -> XMLLimits:
    """The :class:`~torchrelay.adapters.XMLLimits` of *limits*, refusing unknown names."""
    unknown = set(limits) - allowed
    if unknown:
        msg = f"{what} takes no option {sorted(unknown)[0]!r}; its limits are {sorted(allowed)}"
        raise InvalidTypeError(msg)
    return XMLLimits(**limits)


def loads(data: str | bytes | IO[bytes], *, source: str | None = None, **limits: Any) -> Relay:
    """Read a relay from KML text, bytes or a binary file object, streaming.

    Args:
        data: The document; a file object is read in chunks, never whole.
        source: A name for the input (a file name) to put in error messages.
        **limits: Any of ``max_bytes``, ``max_depth``, ``max_token``,
            ``max_elements`` and ``max_points`` (see
            :class:`~torchrelay.adapters.XMLLimits`), to raise or lower.

    Raises:
        ParseError: If the document is not KML, not well-formed, breaks a
            limit, or holds a value out of range; it names the line and column.
        InvalidTypeError: For an unknown limit or *data* of another type.

    .. versionadded:: 0.1.0
    """
    return read_kml(data, source=source, limits=_check_limits(limits, _READ_OPTIONS, "KML"))


def dumps(relay: Relay, *, redact: bool = False) -> str:
    """Write *relay* as a KML 2.2 document.

    Args:
        relay: The relay to write.
        redact: Leave out every field marked as personal data (``atom:author``).

    A path timed only in part, or untimed with per-point columns, is drawn as a
    ``LineString`` (which holds neither) and kept whole, as its native JSON,
    in a ``tr:native`` element beside ``tr:leg``.

    .. versionadded:: 0.1.0
    """
    given: object = relay
    if not isinstance(given, Relay):
        msg = f"dumps() takes a Relay (got {type(given).__name__})"
        raise InvalidTypeError(msg)
    if redact:
        relay = _redact(relay)
    return write_kml(relay)


def load(source: str | os.PathLike[str] | bytes | IO[bytes], **options: Any) -> Relay:
    """Read a KML file: :func:`torchrelay.load` with ``format="kml"``.

    .. versionadded:: 0.1.0
    """
    return load_with(FORMAT, source, options)


def dump(
    relay: Relay,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    redact: bool = False,
    strict: bool = False,
) -> tuple[Loss, ...]:
    """Write a KML file: :func:`torchrelay.dump` with ``format="kml"``.

    .. versionadded:: 0.1.0
    """
    path, _ = target_of(relay, target)
    return write_relay(
        FORMAT, relay, target, path, redact=redact, strict=strict, options={}, level=3
    )


_sniff = root_sniffer("kml")


FORMAT = Format(
    name="kml",
    suffixes=(".kml",),
    media_type="application/vnd.google-earth.kml+xml",
    binary=False,
    keeps=KEEPS,
    sniff=_sniff,
    loads=loads,
    dumps=dumps,
    read_options=_READ_OPTIONS,
    description="KML 2.2 Placemarks for Google Earth, relay meaning in ExtendedData",
)
"""The KML format's :class:`~torchrelay.adapters.Format`.

.. versionadded:: 0.1.0
"""
