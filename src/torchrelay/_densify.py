"""Points along WGS84 geodesics, so that straight longitude/latitude chords stay close to them.

GeoJSON (RFC 7946 §3.1.1) and most web maps draw a line between two positions
straight in longitude and latitude, which is not the geodesic the flame flew
along: a flight from Moscow to Khabarovsk drawn that way passes hundreds of
kilometres south of its great circle. :func:`densify` adds points along each
geodesic so that no chord strays more than a given distance from it.

This module is private; it will join the geodesy module of columns.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from pyproj import Geod

from ._columns import FloatArray
from .exceptions import InvalidValueError

__all__ = ["MAX_LEVEL", "densify"]

_WGS84 = Geod(ellps="WGS84")

MAX_LEVEL = 16
"""A segment is split into at most ``2**MAX_LEVEL`` parts, however tight the tolerance."""


def _unwrapped(lon1: FloatArray, lon2: FloatArray) -> FloatArray:
    """*lon2* moved by whole turns to within 180 degrees of *lon1*."""
    result: FloatArray = lon1 + (np.mod(lon2 - lon1 + 180.0, 360.0) - 180.0)
    return result


def _normalized(lon: FloatArray) -> FloatArray:
    result: FloatArray = np.mod(lon + 180.0, 360.0) - 180.0
    return result


def _chord_deviation(
    lat1: FloatArray,
    lon1: FloatArray,
    lat2: FloatArray,
    lon2: FloatArray,
    mid: tuple[FloatArray, FloatArray],
) -> FloatArray:
    """Metres between the chord's midpoint (in lon/lat) and the geodesic's midpoint *mid*."""
    chord_lon = _normalized((lon1 + _unwrapped(lon1, lon2)) / 2.0)
    chord_lat = (lat1 + lat2) / 2.0
    _, _, dist = _WGS84.inv(chord_lon, chord_lat, mid[1], mid[0])
    return np.asarray(dist, dtype=np.float64)


def _along(
    lat1: FloatArray,
    lon1: FloatArray,
    azimuth: FloatArray,
    length: FloatArray,
    fraction: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    lon, lat, _ = _WGS84.fwd(lon1, lat1, azimuth, length * fraction)
    return np.asarray(lat, dtype=np.float64), _normalized(np.asarray(lon, dtype=np.float64))


def _worst(
    seg: npt.NDArray[np.intp],
    count: npt.NDArray[np.int64],
    ends: tuple[FloatArray, FloatArray, FloatArray, FloatArray],
) -> FloatArray:
    """For each segment *seg*, split in *count* equal parts, the worst chord deviation."""
    lat1, lon1, azimuth, length = ends
    rows = np.repeat(seg, count)
    parts = np.repeat(count, count).astype(np.float64)
    j = np.arange(len(rows)) - np.repeat(np.cumsum(count) - count, count)
    args = (lat1[rows], lon1[rows], azimuth[rows], length[rows])
    a = _along(*args, j / parts)
    b = _along(*args, (j + 1) / parts)
    m = _along(*args, (j + 0.5) / parts)
    deviation = _chord_deviation(a[0], a[1], b[0], b[1], m)
    worst: FloatArray = np.maximum.reduceat(deviation, np.cumsum(count) - count)
    return worst


def _levels(lat: FloatArray, lon: FloatArray, max_deviation_m: float) -> npt.NDArray[np.int64]:
    """For each segment, how many equal geodesic parts make every chord close enough."""
    lat1, lon1 = lat[:-1], lon[:-1]
    azimuth, _, length = _WGS84.inv(lon1, lat1, lon[1:], lat[1:])
    ends = (lat1, lon1, np.asarray(azimuth, dtype=np.float64), np.asarray(length, dtype=np.float64))
    parts = np.ones(len(lat1), dtype=np.int64)
    pending = np.flatnonzero(ends[3] > max_deviation_m)  # a shorter chord cannot stray further
    if not len(pending):
        return parts
    first = _worst(pending, parts[pending], ends)
    pending = pending[first > max_deviation_m]
    # A chord's deviation falls with the square of its length: start near the answer.
    guess = np.sqrt(first[first > max_deviation_m] / max_deviation_m)
    level = np.clip(np.floor(np.log2(np.maximum(guess, 1.0))), 1, MAX_LEVEL).astype(np.int64)
    while len(pending):
        count = 2**level
        done = (_worst(pending, count, ends) <= max_deviation_m) | (level >= MAX_LEVEL)
        parts[pending[done]] = count[done]
        pending, level = pending[~done], level[~done] + 1
    return parts


def densify(
    latitudes: FloatArray, longitudes: FloatArray, *, max_deviation_m: float
) -> tuple[FloatArray, FloatArray]:
    """Add points along each WGS84 geodesic segment, so that no lon/lat chord strays far from it.

    Each segment between consecutive points is split into equal geodesic parts,
    a power of two of them, until the straight longitude/latitude chord of
    every part passes within *max_deviation_m* of the geodesic at its middle,
    where a chord strays most. The given points are kept exactly; the new ones
    lie on the geodesics, with longitudes in [-180, 180).

    Args:
        latitudes: Degrees north, one a point.
        longitudes: Degrees east, one a point.
        max_deviation_m: The largest distance allowed between a chord and its
            geodesic, in metres; positive.

    Returns:
        The latitudes and longitudes of the densified line.

    Raises:
        InvalidValueError: For columns of different lengths or a tolerance
            that is not a positive number.
    """
    lat = np.asarray(latitudes, dtype=np.float64)
    lon = np.asarray(longitudes, dtype=np.float64)
    if lat.shape != lon.shape or lat.ndim != 1:
        msg = (
            "'latitudes' and 'longitudes' must be flat and of one length "
            f"(got {lat.shape} and {lon.shape})"
        )
        raise InvalidValueError(msg)
    if not (isinstance(max_deviation_m, int | float) and max_deviation_m > 0.0):
        msg = f"'max_deviation_m' must be a positive number of metres (got {max_deviation_m!r})"
        raise InvalidValueError(msg)
    if len(lat) < 2:
        return lat.copy(), lon.copy()
    parts = _levels(lat, lon, float(max_deviation_m))
    seg = np.repeat(np.arange(len(parts)), parts)
    starts = np.cumsum(parts) - parts
    fraction = (np.arange(len(seg)) - np.repeat(starts, parts)) / np.repeat(parts, parts)
    lat1, lon1 = lat[:-1][seg], lon[:-1][seg]
    azimuth, _, length = _WGS84.inv(lon1, lat1, lon[1:][seg], lat[1:][seg])
    new_lat, new_lon = _along(
        lat1, lon1, np.asarray(azimuth, dtype=np.float64), np.asarray(length), fraction
    )
    first = fraction == 0.0
    new_lat[first], new_lon[first] = lat1[first], lon1[first]  # the given points, exactly
    return np.append(new_lat, lat[-1]), np.append(new_lon, lon[-1])
