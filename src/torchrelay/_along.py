"""Points along a line given as columns, with their altitudes: by distance, fraction or time.

The geodesic part (where on the ellipsoid) is :mod:`torchrelay._geodesy`'s;
this adds what a :class:`~torchrelay.Coordinate` needs beside it: the altitude,
interpolated linearly along the segment where both its ends have one, and the
altitude reference. :class:`~torchrelay.Path`, :class:`~torchrelay.Leg` and
:meth:`Relay.where() <torchrelay.Relay.where>` place their points here.
"""

from __future__ import annotations

import math

import numpy as np

from ._geo import AltitudeReference, Coordinate
from ._geodesy import FloatArray, point_on_segment
from .exceptions import InvalidValueError

__all__ = ["check_fraction", "line_point", "point_at_time"]


def check_fraction(fraction: float) -> float:
    """*fraction* as a float from 0 to 1, checked."""
    if isinstance(fraction, bool) or not isinstance(fraction, int | float):
        msg = f"'fraction' must be a number (got {fraction!r})"
        raise InvalidValueError(msg)
    if not 0.0 <= fraction <= 1.0:
        msg = f"'fraction' must be between 0 and 1 (got {fraction!r})"
        raise InvalidValueError(msg)
    return float(fraction)


def _altitude(alts: FloatArray | None, i: int) -> float | None:
    if alts is None:
        return None
    value = float(alts[i])
    return None if math.isnan(value) else value


def line_point(
    alts: FloatArray | None,
    ref: AltitudeReference,
    lat: float,
    lon: float,
    segment: int,
    along: float,
) -> Coordinate:
    """The coordinate at (*lat*, *lon*), *along* (0 to 1) segment *segment* of a line.

    Its altitude is the segment's ends' interpolated linearly, where both have one.
    """
    if along <= 0.0:
        alt = _altitude(alts, segment)
    elif along >= 1.0:
        alt = _altitude(alts, segment + 1)
    else:
        a1, a2 = _altitude(alts, segment), _altitude(alts, segment + 1)
        alt = None if a1 is None or a2 is None else a1 + (a2 - a1) * along
    return Coordinate(lat, lon, altitude=alt, altitude_reference=ref)


def point_at_time(
    lats: FloatArray,
    lons: FloatArray,
    alts: FloatArray | None,
    ref: AltitudeReference,
    times: FloatArray,
    timestamp: float,
) -> Coordinate:
    """The point of a line with times (POSIX seconds) at *timestamp*, between its timed points.

    Times are expected in order, as validation checks; before the first time
    the first point is given, after the last the last one. Points without a
    time (NaN) are passed over.
    """
    timed = ~np.isnan(times)
    if not timed.all():
        # Points without a time cannot be placed in time: interpolate between the others.
        lats, lons, times = lats[timed], lons[timed], times[timed]
        alts = None if alts is None else alts[timed]
    n = len(times)
    if n == 1 or timestamp <= times[0]:
        i, along = 0, 0.0
    elif timestamp >= times[-1]:
        i, along = n - 2, 1.0
    else:
        i = int(np.searchsorted(times, timestamp, side="right")) - 1
        i = min(max(i, 0), n - 2)
        span = float(times[i + 1] - times[i])
        along = 1.0 if span <= 0.0 else (timestamp - float(times[i])) / span
    lat, lon = point_on_segment(lats, lons, i, along)
    return line_point(alts, ref, lat, lon, i, along)
