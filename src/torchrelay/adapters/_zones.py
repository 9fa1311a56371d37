"""Time zones from coordinates, with the optional ``tz`` extra (tzfpy, or timezonefinder).

Imports from GPS loggers and GIS tools give positions without zones. With
``pip install torchrelay[tz]`` a reader asks :func:`zone_at` for the IANA zone
at a position (tzdata then gives that zone's offsets on each date); without
it, zones stay unknown and validation says so. Open sea gives ``Etc/GMT±n``
zones, which are kept: they are what a ship's clock keeps there.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from .._time import optional_timezone
from ..exceptions import TorchRelayError

__all__ = ["finder", "zone_at"]


@functools.cache
def finder() -> Callable[[float, float], str | None] | None:
    """A function from latitude and longitude to a zone name, or ``None`` without the extra."""
    try:
        import tzfpy  # the tz extra's first choice: small and fast
    except ImportError:
        pass
    else:
        return lambda lat, lon: tzfpy.get_tz(lon, lat) or None
    try:
        from timezonefinder import TimezoneFinder
    except ImportError:
        return None
    found = TimezoneFinder()
    return lambda lat, lon: found.timezone_at(lng=lon, lat=lat)


def zone_at(latitude: float, longitude: float) -> str | None:
    """The IANA zone at a position, or ``None`` where the extra is missing or names none we know."""
    find = finder()
    if find is None:
        return None
    try:
        return optional_timezone(find(latitude, longitude))
    except (TorchRelayError, ValueError):
        return None
