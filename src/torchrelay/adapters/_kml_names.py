"""The names KML readers and writers share: namespaces and the ExtendedData fields.

KML 2.2 is OGC's; ``gx`` is Google's extension schema; files from Google Earth
before 2008 (and Organic Maps today) use the older ``earth.google.com``
namespaces, which read the same. torchrelay's relay meaning travels in the
same elements as in GPX (``tr:relay``, ``tr:leg``, ``tr:place``, namespace
:data:`~torchrelay.adapters._gpx_names.TR`), placed inside KML's
``ExtendedData``, which the schema opens to elements of other namespaces.
"""

from __future__ import annotations

from ._gpx_names import TR, TR_PREFIX

__all__ = [
    "ATOM",
    "DATA_FIELDS",
    "GX",
    "KML22",
    "KML_NAMESPACES",
    "LEGACY_KML",
    "TR",
    "TR_PREFIX",
    "XAL",
]

KML22 = "http://www.opengis.net/kml/2.2"
"""OGC KML 2.2, the namespace torchrelay writes."""
GX = "http://www.google.com/kml/ext/2.2"
"""Google's extension: ``gx:Track``, ``gx:MultiTrack``, ``gx:coord``."""
ATOM = "http://www.w3.org/2005/Atom"
"""Atom, for ``atom:author`` and ``atom:link``: the author is personal data."""
XAL = "urn:oasis:names:tc:ciq:xsdschema:xAL:2.0"
"""OASIS xAL, for ``xal:AddressDetails``."""
LEGACY_KML = frozenset(
    {
        "http://earth.google.com/kml/2.0",
        "http://earth.google.com/kml/2.1",
        "http://earth.google.com/kml/2.2",
    }
)
"""The namespaces of Google Earth's KML before OGC: read as KML 2.2."""
KML_NAMESPACES = frozenset({KML22, "", *LEGACY_KML})
"""Every namespace whose elements read as KML (no namespace at all, too)."""

DATA_FIELDS = ("id", "mode", "flame", "status", "precision", "branch", "departs", "arrives")
"""The ``<Data name=...>`` fields written on each leg's Placemark, in this order.

They are for people and tools that show KML (Google Earth's balloon, GDAL's
fields, fastkml); the lossless meaning is in ``tr:leg`` beside them. Each
holds the same text as the leg's native JSON value (the mode's and flame's
enum values, RFC 9557 times).
"""
