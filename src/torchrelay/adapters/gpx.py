"""GPX 1.1 (and 1.0 when reading): tracks from GPS watches, Strava and Garmin.

Conventions:

- Reading takes GPX 1.1 and 1.0, with or without the namespace, with a byte
  order mark, CDATA and comments, in any encoding the XML declaration names.
  Each ``trk`` is a leg and each of its ``trkseg`` a segment of the leg's
  path; each ``rte`` is a planned leg; each ``wpt`` a place of the relay.
- Point children the model has no field for are per-point columns:
  ``gpx:sym``, ``gpx:hdop``, and extension values by the document's prefix,
  such as ``gpxtpx:hr`` or ``ext:power`` for an element without a namespace.
  Other elements are extras: ``gpx:desc``, ``gpx:creator``, ``gpx:link``; the
  metadata author is ``gpx:author``, ``gpx:email`` and ``gpx:author-link``,
  personal data that ``redact=True`` removes.
- Times keep the offsets they were written with (``Z`` means none given) and
  every digit of their fraction.
- Writing gives GPX 1.1 that the official schema accepts, with a ``creator``,
  coordinates as decimals without exponents and longitudes in [-180, 180).
  What a relay means (modes, flame, ids, precision, zones, branches, places'
  zones, extras) is in torchrelay's own extension, namespace
  :data:`EXTENSION_NAMESPACE`, described by the XSD :func:`extension_schema`
  returns. Sponsors, campaigns, claims, rest days, sources and torchbearers
  are there too, each field a ``tr:native`` element holding its value as the
  native format writes it (JSON text); ``redact=True`` removes torchbearers'
  personal data from them as from every other format.
- Reading is safe on hostile files (see :class:`~torchrelay.adapters.XMLLimits`):
  no DOCTYPE, no entities, nothing fetched, every limit counted; a bad
  document raises :class:`~torchrelay.exceptions.ParseError` naming the line
  and column.

>>> from torchrelay.adapters import gpx
>>> from torchrelay.datasets import demo_relay
>>> from torchrelay.testing import assert_equivalent
>>> relay = demo_relay()
>>> text = gpx.dumps(relay)
>>> text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
True
>>> assert_equivalent(relay, gpx.loads(text), keeps=gpx.FORMAT.keeps)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import os
from importlib import resources
from typing import IO, Any

from .._redact import redact as _redact
from .._relay import Relay
from ..exceptions import InvalidTypeError
from ._files import load_with, target_of, write_relay
from ._format import Feature, Format, Loss
from ._gpx_names import TR
from ._gpx_read import read_gpx
from ._gpx_write import write_gpx
from ._xml import LIMIT_OPTIONS, XMLLimits
from ._xmlbase import root_sniffer

__all__ = [
    "EXTENSION_NAMESPACE",
    "FORMAT",
    "KEEPS",
    "dump",
    "dumps",
    "extension_schema",
    "load",
    "loads",
]

EXTENSION_NAMESPACE = TR
"""The XML namespace of torchrelay's GPX extension elements (prefix ``tr``).

.. versionadded:: 0.1.0
"""

KEEPS = frozenset(
    {
        Feature.BRANCHES,
        Feature.BRANCH_DETAILS,
        Feature.CLAIMS,
        Feature.SPONSORS,
        Feature.TORCHBEARERS,
        Feature.REST_DAYS,
        Feature.PLACES,
        Feature.PATHS,
        Feature.LEG_STATUS,
        Feature.TIMEZONES,
        Feature.OFFSETS,
        Feature.TIME_PRECISION,
        Feature.POINT_TIMES,
        Feature.ALTITUDES,
        Feature.SEGMENTS,
        Feature.COLUMNS,
        Feature.EXTRAS,
        Feature.FLAME,
    }
)
"""What GPX keeps: every feature, claims, sponsors, torchbearers and rest days included.

.. versionadded:: 0.1.0
"""

_READ_OPTIONS = frozenset(LIMIT_OPTIONS - {"max_entries", "max_uncompressed"})


def loads(data: str | bytes | IO[bytes], *, source: str | None = None, **limits: Any) -> Relay:
    """Read a relay from GPX text, bytes or a binary file object, streaming.

    Args:
        data: The document; a file object is read in chunks, never whole.
        source: A name for the input (a file name) to put in error messages.
        **limits: Any of ``max_bytes``, ``max_depth``, ``max_token``,
            ``max_elements`` and ``max_points`` (see
            :class:`~torchrelay.adapters.XMLLimits`), to raise or lower.

    Raises:
        ParseError: If the document is not GPX, not well-formed, breaks a
            limit, or holds a value out of range; it names the line and column.
        InvalidTypeError: For an unknown limit or *data* of another type.

    .. versionadded:: 0.1.0
    """
    unknown = set(limits) - _READ_OPTIONS
    if unknown:
        msg = f"GPX takes no option {sorted(unknown)[0]!r}; its limits are {sorted(_READ_OPTIONS)}"
        raise InvalidTypeError(msg)
    return read_gpx(data, source=source, limits=XMLLimits(**limits))


def dumps(relay: Relay, *, redact: bool = False) -> str:
    """Write *relay* as a GPX 1.1 document.

    Args:
        relay: The relay to write.
        redact: Leave out every field marked as personal data.

    .. versionadded:: 0.1.0
    """
    given: object = relay
    if not isinstance(given, Relay):
        msg = f"dumps() takes a Relay (got {type(given).__name__})"
        raise InvalidTypeError(msg)
    return write_gpx(_redact(relay) if redact else relay)


def extension_schema() -> str:
    """The XSD of torchrelay's GPX extension (namespace :data:`EXTENSION_NAMESPACE`), as shipped.

    .. versionadded:: 0.1.0
    """
    return resources.files(__package__).joinpath("schemas/torchrelay-gpx-1.xsd").read_text("utf-8")


def load(source: str | os.PathLike[str] | bytes | IO[bytes], **options: Any) -> Relay:
    """Read a GPX file: :func:`torchrelay.load` with ``format="gpx"``.

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
    """Write a GPX file: :func:`torchrelay.dump` with ``format="gpx"``.

    .. versionadded:: 0.1.0
    """
    path, _ = target_of(relay, target)
    return write_relay(
        FORMAT, relay, target, path, redact=redact, strict=strict, options={}, level=3
    )


_sniff = root_sniffer("gpx")


FORMAT = Format(
    name="gpx",
    suffixes=(".gpx",),
    media_type="application/gpx+xml",
    binary=False,
    keeps=KEEPS,
    sniff=_sniff,
    loads=loads,
    dumps=dumps,
    read_options=_READ_OPTIONS,
    description="GPX 1.1 tracks, routes and waypoints, relay meaning in an extension",
)
"""The GPX format's :class:`~torchrelay.adapters.Format`.

.. versionadded:: 0.1.0
"""
