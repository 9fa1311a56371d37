"""The names GPX readers and writers share: namespaces, point children, extension keys."""

from __future__ import annotations

__all__ = [
    "GARMIN_TPX",
    "GPX10",
    "GPX11",
    "GPX_NAMESPACES",
    "NUMBER_CHILDREN",
    "TEXT_CHILDREN",
    "TR",
    "TR_PREFIX",
    "WPT_ORDER",
]

GPX11 = "http://www.topografix.com/GPX/1/1"
GPX10 = "http://www.topografix.com/GPX/1/0"
GPX_NAMESPACES = frozenset({GPX11, GPX10, ""})
TR = "https://torchrelay.invalid/xmlns/gpx/1"
"""torchrelay's GPX extension namespace: the relay meaning of a GPX file."""
TR_PREFIX = "tr"
GARMIN_TPX = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"

WPT_ORDER = (
    "ele",
    "time",
    "magvar",
    "geoidheight",
    "name",
    "cmt",
    "desc",
    "src",
    "link",
    "sym",
    "type",
    "fix",
    "sat",
    "hdop",
    "vdop",
    "pdop",
    "ageofdgpsdata",
    "dgpsid",
)
"""The children of a GPX 1.1 point, in the order the schema wants them."""

TEXT_CHILDREN = frozenset({"name", "cmt", "desc", "src", "sym", "type", "fix"})
"""Point children held as text columns (``gpx:sym``)."""
NUMBER_CHILDREN = frozenset(
    {"magvar", "geoidheight", "sat", "hdop", "vdop", "pdop", "ageofdgpsdata", "dgpsid"}
)
"""Point children held as number columns (``gpx:hdop``); GPX 1.0's ``speed`` and ``course`` too."""
