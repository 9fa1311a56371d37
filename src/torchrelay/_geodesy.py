"""Geodesics on WGS84, on columns: numpy arrays of latitudes and longitudes in, numbers out.

Every distance, length, bearing and point along a line in torchrelay comes
from here, through the one pyproj :class:`~pyproj.Geod` (GeographicLib's
algorithm, in C): about 0.8 µs a pair, against 115 to 215 µs for geopy's
``geodesic`` with the same ellipsoid and algorithm. Arguments are latitude
first, as people say them; the swap to pyproj's longitude-first order is made
here and nowhere else. Altitudes play no part: these are distances on the
ellipsoid.

:func:`densify` adds points along each geodesic so that a line drawn straight
in longitude and latitude (as RFC 7946 draws GeoJSON, and KML and maps do)
stays within a tolerance of the geodesic:

>>> lat, lon = densify([55.7539, 43.5855], [37.6208, 39.7231], max_deviation_m=100.0)
>>> len(lat) > 2, float(lat[0]), float(lon[-1])
(True, 55.7539, 39.7231)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from pyproj import Geod

from .exceptions import InvalidValueError

__all__ = [
    "FLATTENING",
    "FloatArray",
    "azimuths",
    "bearings",
    "densify",
    "distance",
    "distances",
    "line_length",
    "locate",
    "point_at_distance",
    "point_at_fraction",
    "point_on_segment",
    "segment_lengths",
]

FloatArray = npt.NDArray[np.float64]
_Floats = Sequence[float] | FloatArray

_WGS84 = Geod(ellps="WGS84")
"""The one geodesic calculator of the package."""

FLATTENING = 1.0 / 298.257223563
"""The flattening of the WGS84 ellipsoid."""

_MAX_ROUNDS = 48  # halvings of a segment in densify: far below a millimetre


def _column(values: _Floats) -> FloatArray:
    return np.asarray(values, dtype=np.float64)


def distances(lat1: _Floats, lon1: _Floats, lat2: _Floats, lon2: _Floats) -> FloatArray:
    """The geodesic distance in metres from each point of one column to the same row of another."""
    _, _, dist = _WGS84.inv(_column(lon1), _column(lat1), _column(lon2), _column(lat2))
    return np.asarray(dist, dtype=np.float64)


def distance(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The geodesic distance in metres between two points."""
    _, _, dist = _WGS84.inv(lon1, lat1, lon2, lat2)
    return float(dist)


def segment_lengths(lats: FloatArray, lons: FloatArray) -> FloatArray:
    """The geodesic length in metres of each segment of a line: one fewer than its points."""
    if len(lats) < 2:
        return np.zeros(0)
    return np.asarray(_WGS84.line_lengths(lons, lats), dtype=np.float64)


def line_length(lats: FloatArray, lons: FloatArray) -> float:
    """The geodesic length in metres of a line through the points, in order."""
    if len(lats) < 2:
        return 0.0
    return float(_WGS84.line_length(lons, lats))


def azimuths(
    lat1: _Floats, lon1: _Floats, lat2: _Floats, lon2: _Floats
) -> tuple[FloatArray, FloatArray]:
    """The forward azimuth at each start and the back azimuth at each end, as GeographicLib gives them.

    Degrees in (-180, 180]; the back azimuth points from the end towards the start.
    """  # noqa: E501
    az12, az21, _ = _WGS84.inv(_column(lon1), _column(lat1), _column(lon2), _column(lat2))
    return np.asarray(az12, dtype=np.float64), np.asarray(az21, dtype=np.float64)


def bearings(
    lat1: _Floats, lon1: _Floats, lat2: _Floats, lon2: _Floats
) -> tuple[FloatArray, FloatArray]:
    """The initial and final directions of each geodesic, degrees clockwise from north.

    Each in [0, 360); NaN where undefined: leaving or reaching a pole (every
    way from the North Pole is south), and between two equal points.
    """
    a1, o1, a2, o2 = _column(lat1), _column(lon1), _column(lat2), _column(lon2)
    az12, az21, dist = _WGS84.inv(o1, a1, o2, a2)
    initial = np.mod(np.asarray(az12, dtype=np.float64), 360.0)
    final = np.mod(np.asarray(az21, dtype=np.float64) + 180.0, 360.0)
    # mod can round a value just below 360 up to it; adding 0.0 turns -0.0 into 0.0.
    initial = np.where(initial >= 360.0, 0.0, initial) + 0.0
    final = np.where(final >= 360.0, 0.0, final) + 0.0
    same = np.asarray(dist) == 0.0
    initial[same | (np.abs(a1) == 90.0)] = np.nan
    final[same | (np.abs(a2) == 90.0)] = np.nan
    return initial, final


def point_on_segment(
    lats: FloatArray, lons: FloatArray, i: int, fraction: float
) -> tuple[float, float]:
    """The point *fraction* of the way along segment *i* (points *i* to *i* + 1), by length."""
    lat1, lon1 = float(lats[i]), float(lons[i])
    if fraction <= 0.0:
        return lat1, lon1
    lat2, lon2 = float(lats[i + 1]), float(lons[i + 1])
    if fraction >= 1.0:
        return lat2, lon2
    az12, _, dist = _WGS84.inv(lon1, lat1, lon2, lat2)
    lon, lat, _ = _WGS84.fwd(lon1, lat1, az12, dist * fraction)
    return max(-90.0, min(90.0, float(lat))), float(lon)


def locate(lengths: FloatArray, meters: float) -> tuple[int, float]:
    """Which segment of a line (by its *lengths*) holds the point *meters* from its start, and how far along.

    Clamped to the line's ends: before the start is segment 0 at fraction 0,
    past the end the last segment at fraction 1.
    """  # noqa: E501
    if meters <= 0.0 or len(lengths) == 0:
        return 0, 0.0
    cumulative = np.concatenate(([0.0], np.cumsum(lengths)))
    if meters >= cumulative[-1]:
        return len(lengths) - 1, 1.0
    i = int(np.searchsorted(cumulative, meters, side="right")) - 1
    i = min(max(i, 0), len(lengths) - 1)
    length = float(lengths[i])
    return i, (0.0 if length == 0.0 else (meters - float(cumulative[i])) / length)


def point_at_distance(
    lats: FloatArray, lons: FloatArray, meters: float
) -> tuple[float, float, int, float]:
    """The point *meters* along a line from its start, clamped to its ends.

    Returns:
        Its latitude and longitude, the segment it falls in and how far along
        that segment (0 to 1), for interpolating other columns.
    """
    if len(lats) < 2:
        return float(lats[0]), float(lons[0]), 0, 0.0
    i, fraction = locate(segment_lengths(lats, lons), meters)
    lat, lon = point_on_segment(lats, lons, i, fraction)
    return lat, lon, i, fraction


def point_at_fraction(
    lats: FloatArray, lons: FloatArray, fraction: float
) -> tuple[float, float, int, float]:
    """The point *fraction* (0 to 1) of the way along a line, by geodesic length; as :func:`point_at_distance`."""  # noqa: E501
    if len(lats) < 2:
        return float(lats[0]), float(lons[0]), 0, 0.0
    lengths = segment_lengths(lats, lons)
    i, along = locate(lengths, fraction * float(lengths.sum()))
    lat, lon = point_on_segment(lats, lons, i, along)
    return lat, lon, i, along


def _forward(
    lat: FloatArray, lon: FloatArray, az: FloatArray, meters: FloatArray
) -> tuple[FloatArray, FloatArray]:
    lon2, lat2, _ = _WGS84.fwd(lon, lat, az, meters)
    return np.clip(np.asarray(lat2, dtype=np.float64), -90.0, 90.0), np.asarray(
        lon2, dtype=np.float64
    )


def _normalized(lon: FloatArray) -> FloatArray:
    out = lon.copy()
    # Only the values outside the range: shifting by 180 and back would round
    # tiny longitudes in range.
    out_of_range = (out < -180.0) | (out >= 180.0)
    out[out_of_range] = np.mod(out[out_of_range] + 180.0, 360.0) - 180.0
    out[out >= 180.0] = -180.0
    return out + 0.0


def densify(
    latitudes: _Floats, longitudes: _Floats, *, max_deviation_m: float
) -> tuple[FloatArray, FloatArray]:
    """Add points along each geodesic segment so that the line drawn straight stays near it.

    GeoJSON (RFC 7946, section 3.1.1), KML and map drawing join points with
    straight lines in longitude and latitude, which part from the geodesic: a
    flight from Moscow to Khabarovsk drawn straight runs hundreds of
    kilometres south of the shortest way. Each segment is halved along its
    geodesic until the straight line between neighbouring points, across the
    antimeridian the short way, lies within *max_deviation_m* of the geodesic
    at its middle, where the two part most. The given points are all kept, in
    order; the added points lie on the geodesics.

    Args:
        latitudes: Degrees north, one a point.
        longitudes: Degrees east, one a point.
        max_deviation_m: How far, in metres, a straight piece may lie from the
            geodesic; more than 0.

    Returns:
        The latitudes and longitudes of the densified line, longitudes in
        [-180, 180).

    Raises:
        InvalidValueError: For columns of different lengths or a tolerance
            that is not a positive finite number.

    .. versionadded:: 0.1.0
    """
    if isinstance(max_deviation_m, bool) or not (
        isinstance(max_deviation_m, int | float) and 0.0 < max_deviation_m < math.inf
    ):
        msg = f"'max_deviation_m' must be a finite number above 0 (got {max_deviation_m!r})"
        raise InvalidValueError(msg)
    lat, lon = _column(latitudes).copy(), _column(longitudes).copy()
    if lat.shape != lon.shape or lat.ndim != 1:
        msg = f"'latitudes' and 'longitudes' must be columns of one length (got {lat.shape} and {lon.shape})"  # noqa: E501
        raise InvalidValueError(msg)
    if len(lat) < 2:
        return lat, _normalized(lon)
    az12, _, length = _WGS84.inv(lon[:-1], lat[:-1], lon[1:], lat[1:])
    az12, length = np.asarray(az12, dtype=np.float64), np.asarray(length, dtype=np.float64)
    # Pieces of segments, as fractions of their geodesic; all start whole.
    seg = np.flatnonzero(length > 0.0)
    f0, f1 = np.zeros(len(seg)), np.ones(len(seg))
    added_seg: list[npt.NDArray[np.intp]] = []
    added_f: list[FloatArray] = []
    for _ in range(_MAX_ROUNDS):
        if len(seg) == 0:
            break
        s_lat, s_lon = lat[seg], lon[seg]
        a_lat, a_lon = _forward(s_lat, s_lon, az12[seg], f0 * length[seg])
        b_lat, b_lon = _forward(s_lat, s_lon, az12[seg], f1 * length[seg])
        mid = (f0 + f1) / 2.0
        m_lat, m_lon = _forward(s_lat, s_lon, az12[seg], mid * length[seg])
        c_lat = (a_lat + b_lat) / 2.0
        c_lon = a_lon + (np.mod(b_lon - a_lon + 180.0, 360.0) - 180.0) / 2.0
        far = distances(m_lat, m_lon, c_lat, c_lon) > max_deviation_m
        seg, f0, f1, mid = seg[far], f0[far], f1[far], mid[far]
        added_seg.append(seg)
        added_f.append(mid)
        seg = np.concatenate((seg, seg))
        f0, f1 = np.concatenate((f0, mid)), np.concatenate((mid, f1))
    if not added_seg or not sum(len(s) for s in added_seg):
        return lat, _normalized(lon)
    new_seg = np.concatenate(added_seg)
    new_f = np.concatenate(added_f)
    n_lat, n_lon = _forward(lat[new_seg], lon[new_seg], az12[new_seg], new_f * length[new_seg])
    order_seg = np.concatenate((np.arange(len(lat)), new_seg))
    order_f = np.concatenate((np.zeros(len(lat)), new_f))
    order = np.lexsort((order_f, order_seg))
    out_lat = np.concatenate((lat, n_lat))[order]
    out_lon = np.concatenate((lon, n_lon))[order]
    return out_lat, _normalized(out_lon)
