"""Distances, climbs, bearings, boxes and points along the way, on WGS84.

Every figure here is a geodesic on the WGS84 ellipsoid, computed with
GeographicLib's algorithm (through pyproj, in bulk), so the antimeridian and
the poles need no special care in distances. Boxes and bearings do need it, and
get it here:

* a box over Chukotka runs from about 170°E *east* to about 170°W, so its west
  edge is greater than its east edge (RFC 7946, section 5.2), instead of being
  356° wide;
* a box that holds a pole spans every longitude (RFC 7946, section 5.3), and a
  geodesic's bulge towards a pole is inside the box of its line;
* a bearing leaving or reaching a pole, or between two equal points, is
  undefined, and says so with ``None``.

Altitudes are kept apart from ground distances: a :class:`Displacement` has a
horizontal component, a vertical one and a 3D length, and refuses to subtract
altitudes measured from different references, since that needs a geoid model.
Space legs have no meaningful ground distance; their distance is what a source
declares, and relay totals report them apart.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

import attrs
import numpy as np
import numpy.typing as npt
from pyproj import Geod

from ._geo import AltitudeReference, Coordinate, Distance, DistanceBasis
from ._modes import Medium, TransportMode
from .exceptions import IncompatibleAltitudeError, InvalidValueError

if TYPE_CHECKING:
    from ._legs import Leg
    from ._path import Path

__all__ = [
    "Bearing",
    "Displacement",
    "bearing",
    "displacement",
]

FloatArray = npt.NDArray[np.float64]
K = TypeVar("K", bound=Hashable)

_WGS84 = Geod(ellps="WGS84")
# A tuple, not a set: ``in`` tests identity first, and enum hashing is slow.
SPACE_MODES = tuple(m for m in TransportMode if m.medium is Medium.SPACE)


# -- Bearings -----------------------------------------------------------------


def _azimuth(value: float) -> float:
    result = math.fmod(value, 360.0)
    if result < 0.0:
        result += 360.0
    # Adding 0.0 turns -0.0 into 0.0.
    return 0.0 if result >= 360.0 else result + 0.0


@attrs.frozen
class Bearing:
    """The directions of a geodesic at its two ends, in degrees clockwise from north.

    The direction changes along the way: from Moscow to Sochi a geodesic
    leaves heading about 7° east of south and arrives heading nearer due
    south. A direction is ``None`` where it is undefined: at a pole (every way
    from the North Pole is south) and between two equal points.

    Args:
        initial: The direction at the start, in [0, 360), or ``None``.
        final: The direction at the end, in [0, 360), or ``None``.

    .. versionadded:: 0.1.0
    """

    initial: float | None
    final: float | None


def bearing(start: Coordinate, end: Coordinate) -> Bearing:
    """The initial and final bearings of the geodesic from *start* to *end*.

    >>> b = bearing(Coordinate(55.7539, 37.6208), Coordinate(43.5855, 39.7231))
    >>> round(b.initial, 1), round(b.final, 1)
    (172.8, 174.4)
    >>> bearing(Coordinate(90, 0), Coordinate(80, 10)).initial is None
    True

    Args:
        start: Where the geodesic starts.
        end: Where it ends.

    Returns:
        Both bearings; each is ``None`` where it is undefined.

    .. versionadded:: 0.1.0
    """
    az12, az21, dist = _WGS84.inv(start.longitude, start.latitude, end.longitude, end.latitude)
    if dist == 0.0:
        return Bearing(None, None)
    initial = None if start.at_pole else _azimuth(az12)
    final = None if end.at_pole else _azimuth(az21 + 180.0)
    return Bearing(initial, final)


# -- Displacement with altitude -------------------------------------------------


@attrs.frozen
class Displacement:
    """How far a climb, dive or journey goes: horizontally, vertically and in 3D.

    The components are reported apart and never mixed silently. The vertical
    component needs both altitudes and one reference; otherwise it is ``None``
    and :attr:`reason` says why.

    Args:
        horizontal: The geodesic distance on the ellipsoid, ignoring altitude.
        vertical: The rise in metres (negative: a descent), or ``None``.
        length: The 3D length, or ``None`` where it cannot be known.
        reason: Why :attr:`vertical` or :attr:`length` is ``None``.

    .. versionadded:: 0.1.0
    """

    horizontal: Distance
    vertical: float | None
    length: Distance | None
    reason: str | None = attrs.field(default=None, kw_only=True)


def _vertical(
    a_alt: float | None,
    a_ref: AltitudeReference,
    b_alt: float | None,
    b_ref: AltitudeReference,
    *,
    strict: bool,
) -> tuple[float | None, str | None]:
    if a_alt is None or b_alt is None:
        which = "start" if a_alt is None else "end"
        return None, f"the {which} has no altitude"
    if a_ref is not b_ref:
        msg = (
            f"cannot subtract an altitude above {b_ref.value} from one above "
            f"{a_ref.value}: converting between them needs a geoid model"
        )
        if strict:
            raise IncompatibleAltitudeError(msg)
        return None, msg
    return b_alt - a_alt, None


def displacement(start: Coordinate, end: Coordinate, *, strict: bool = False) -> Displacement:
    """The horizontal, vertical and straight 3D distance from *start* to *end*.

    geopy refuses points at different altitudes; this keeps the geodesic on
    the ellipsoid as the horizontal component and the difference of altitudes
    as the vertical one:

    >>> base = Coordinate(43.3500, 42.4400, altitude=3_800)
    >>> summit = Coordinate(43.3550, 42.4390, altitude=5_642)
    >>> d = displacement(base, summit)
    >>> round(d.horizontal.meters), d.vertical, round(d.length.meters)
    (561, 1842.0, 1926)

    Args:
        start: Where the displacement starts.
        end: Where it ends.
        strict: Raise instead of returning ``None`` when the altitudes have
            different references.

    Returns:
        The components. The 3D length is the straight line: for a path, use
        :meth:`Leg.displacement`, which adds the segments.

    Raises:
        IncompatibleAltitudeError: If *strict* and the references differ.

    .. versionadded:: 0.1.0
    """
    _, _, dist = _WGS84.inv(start.longitude, start.latitude, end.longitude, end.latitude)
    horizontal = Distance(dist, basis=DistanceBasis.STRAIGHT_LINE)
    vertical, reason = _vertical(
        start.altitude,
        start.altitude_reference,
        end.altitude,
        end.altitude_reference,
        strict=strict,
    )
    length = None
    if vertical is not None:
        length = Distance(math.hypot(dist, vertical), basis=DistanceBasis.STRAIGHT_LINE)
    return Displacement(horizontal, vertical, length, reason=reason)


def _path_altitude(path: Path, index: int) -> float | None:
    if path.altitudes is None:
        return None
    value = float(path.altitudes[index])
    return None if math.isnan(value) else value


def leg_displacement(leg: Leg, *, strict: bool = False) -> Displacement:
    """The displacement of a leg: along its path where it has one.

    The vertical component comes from the path's end points where both have
    altitudes, else from the origin's and destination's coordinates. The 3D
    length adds each segment's 3D length, so it needs an altitude at every
    point of the path.
    """
    path = leg.path
    if path is None or len(path) < 2:
        return displacement(leg.origin.coordinate, leg.destination.coordinate, strict=strict)
    horizontal = path.length()
    first, last = _path_altitude(path, 0), _path_altitude(path, -1)
    if first is not None and last is not None:
        ref = path.altitude_reference
        vertical, reason = _vertical(first, ref, last, ref, strict=strict)
    else:
        a, b = leg.origin.coordinate, leg.destination.coordinate
        vertical, reason = _vertical(
            a.altitude, a.altitude_reference, b.altitude, b.altitude_reference, strict=strict
        )
    length = None
    alts = path.altitudes
    if vertical is not None:
        if alts is not None and not np.isnan(alts).any():
            seg = path.segment_lengths()
            length = Distance(float(np.hypot(seg, np.diff(alts)).sum()), basis=DistanceBasis.PATH)
        else:
            reason = "the path has points without altitude, so its 3D length is unknown"
    return Displacement(horizontal, vertical, length, reason=reason)


# -- Distances of legs and their sums --------------------------------------------


def measured_distance(leg: Leg) -> Distance:
    """The leg's length measured on the ground: along its path, else between its ends."""
    path = leg.path
    if path is not None and len(path) >= 2:
        return path.length()
    a, b = leg.origin.coordinate, leg.destination.coordinate
    _, _, dist = _WGS84.inv(a.longitude, a.latitude, b.longitude, b.latitude)
    return Distance(dist, basis=DistanceBasis.STRAIGHT_LINE)


def leg_distance(leg: Leg) -> Distance | None:
    """The leg's distance: declared for space legs (or ``None``), else measured."""
    if leg.mode.medium is Medium.SPACE:
        declared = leg.declared_distance
        if declared is None:
            return None
        return Distance(declared.meters, basis=DistanceBasis.DECLARED)
    return measured_distance(leg)


def leg_meters(legs: Sequence[Leg]) -> tuple[FloatArray, list[DistanceBasis | None]]:
    """Every leg's distance in metres (NaN where it has none) and its basis, in bulk.

    The straight lines go to GeographicLib in one call, and all the paths'
    segments in another, summed back per leg.
    """
    n = len(legs)
    meters = np.full(n, np.nan)
    bases: list[DistanceBasis | None] = [None] * n
    straight: list[int] = []
    ends: list[tuple[float, float, float, float]] = []
    on_path: list[int] = []
    lats: list[FloatArray] = []
    lons: list[FloatArray] = []
    path_basis, straight_basis = DistanceBasis.PATH, DistanceBasis.STRAIGHT_LINE
    for i, leg in enumerate(legs):
        if leg.mode in SPACE_MODES:
            if leg.declared_distance is not None:
                meters[i] = leg.declared_distance.meters
                bases[i] = DistanceBasis.DECLARED
            continue
        path = leg.path
        if path is not None and len(path.latitudes) >= 2:
            on_path.append(i)
            lats.append(path.latitudes)
            lons.append(path.longitudes)
            bases[i] = path_basis
        else:
            a, b = leg.origin.coordinate, leg.destination.coordinate
            straight.append(i)
            ends.append((a.longitude, a.latitude, b.longitude, b.latitude))
            bases[i] = straight_basis
    if straight:
        cols = np.array(ends, dtype=np.float64)
        _, _, dist = _WGS84.inv(cols[:, 0], cols[:, 1], cols[:, 2], cols[:, 3])
        meters[np.array(straight)] = dist
    if on_path:
        sizes = np.fromiter(map(len, lats), dtype=np.intp, count=len(lats))
        lat, lon = np.concatenate(lats), np.concatenate(lons)
        _, _, seg = _WGS84.inv(lon[:-1], lat[:-1], lon[1:], lat[1:])
        seg = np.asarray(seg, dtype=np.float64)
        # Segment k joins point k to k + 1. The segment from one path's last
        # point to the next path's first is no part of either: zero it, then
        # sum each path's run of segments.
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        seg[starts[1:] - 1] = 0.0
        meters[np.array(on_path)] = np.add.reduceat(seg, starts)
    return meters, bases


def _sum(values: Iterable[tuple[float, DistanceBasis | None]]) -> Distance | None:
    total = 0.0
    basis: DistanceBasis | None = None
    first = True
    for meters, b in values:
        total += meters
        if first:
            basis, first = b, False
        elif basis is not b:
            basis = DistanceBasis.MIXED
    return None if first else Distance(total, basis=basis)


def total_distance(
    legs: Sequence[Leg],
    *,
    include_space: bool = False,
    only_space: bool = False,
) -> Distance:
    """The sum of the legs' distances, leaving out space legs unless asked.

    Legs without a distance (space legs without a declared one) add nothing.
    """
    meters, bases = leg_meters(legs)
    picked = (
        (float(meters[i]), bases[i])
        for i, leg in enumerate(legs)
        if not math.isnan(meters[i])
        and (
            (leg.mode in SPACE_MODES)
            if only_space
            else (include_space or leg.mode not in SPACE_MODES)
        )
    )
    result = _sum(picked)
    if result is None:
        basis = DistanceBasis.DECLARED if only_space else None
        return Distance(0.0, basis=basis)
    return result


def distance_by(
    legs: Sequence[Leg],
    keys: Sequence[K],
    *,
    include_space: bool = False,
) -> dict[K, Distance]:
    """The legs' distances summed by their *keys* (one a leg), in order of first appearance.

    Space legs are left out unless *include_space*; legs without a distance
    are left out always.
    """
    meters, bases = leg_meters(legs)
    groups: dict[K, list[tuple[float, DistanceBasis | None]]] = {}
    for i, (leg, key) in enumerate(zip(legs, keys, strict=True)):
        value = float(meters[i])
        if math.isnan(value) or (not include_space and leg.mode in SPACE_MODES):
            continue
        groups.setdefault(key, []).append((value, bases[i]))
    result: dict[K, Distance] = {}
    for k, values in groups.items():
        total = _sum(values)
        if total is not None:
            result[k] = total
    return result


# -- Points along a line ---------------------------------------------------------


def _point_on_segment(
    lats: FloatArray,
    lons: FloatArray,
    alts: FloatArray | None,
    ref: AltitudeReference,
    i: int,
    fraction: float,
) -> Coordinate:
    """The point *fraction* of the way along segment *i*, by geodesic length."""
    lon1, lat1, lon2, lat2 = float(lons[i]), float(lats[i]), float(lons[i + 1]), float(lats[i + 1])
    alt = None
    if alts is not None:
        a1, a2 = float(alts[i]), float(alts[i + 1])
        if not (math.isnan(a1) or math.isnan(a2)):
            alt = a1 + (a2 - a1) * fraction
    if fraction <= 0.0:
        return Coordinate(lat1, lon1, altitude=_alt_at(alts, i), altitude_reference=ref)
    if fraction >= 1.0:
        return Coordinate(lat2, lon2, altitude=_alt_at(alts, i + 1), altitude_reference=ref)
    az12, _, dist = _WGS84.inv(lon1, lat1, lon2, lat2)
    lon, lat, _ = _WGS84.fwd(lon1, lat1, az12, dist * fraction)
    return Coordinate(max(-90.0, min(90.0, lat)), lon, altitude=alt, altitude_reference=ref)


def _alt_at(alts: FloatArray | None, i: int) -> float | None:
    """The altitude at *i*, or ``None`` where the column is missing or NaN."""
    if alts is None:
        return None
    value = float(alts[i])
    return None if math.isnan(value) else value


def _point_at_meters(
    lats: FloatArray,
    lons: FloatArray,
    alts: FloatArray | None,
    ref: AltitudeReference,
    meters: float,
) -> Coordinate:
    n = len(lats)
    if n == 1 or meters <= 0.0:
        return Coordinate(
            float(lats[0]), float(lons[0]), altitude=_alt_at(alts, 0), altitude_reference=ref
        )
    _, _, seg = _WGS84.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
    cum = np.concatenate(([0.0], np.cumsum(seg)))
    if meters >= cum[-1]:
        return Coordinate(
            float(lats[-1]), float(lons[-1]), altitude=_alt_at(alts, n - 1), altitude_reference=ref
        )
    i = int(np.searchsorted(cum, meters, side="right")) - 1
    i = min(max(i, 0), n - 2)
    length = float(seg[i])
    fraction = 0.0 if length == 0.0 else (meters - float(cum[i])) / length
    return _point_on_segment(lats, lons, alts, ref, i, fraction)


def _check_fraction(fraction: float) -> float:
    if isinstance(fraction, bool) or not isinstance(fraction, int | float):
        msg = f"'fraction' must be a number (got {fraction!r})"
        raise InvalidValueError(msg)
    if not 0.0 <= fraction <= 1.0:
        msg = f"'fraction' must be between 0 and 1 (got {fraction!r})"
        raise InvalidValueError(msg)
    return float(fraction)


def _meters(distance: Distance | float) -> float:
    if isinstance(distance, Distance):
        return distance.meters
    if isinstance(distance, bool) or not isinstance(distance, int | float):
        msg = f"'distance' must be a Distance or metres (got {distance!r})"
        raise InvalidValueError(msg)
    if not math.isfinite(distance) or distance < 0.0:
        msg = f"'distance' must be finite and not negative (got {distance!r})"
        raise InvalidValueError(msg)
    return float(distance)


def path_point_at_distance(path: Path, distance: Distance | float) -> Coordinate:
    """The point *distance* along *path* from its start, clamped to its ends."""
    return _point_at_meters(
        path.latitudes, path.longitudes, path.altitudes, path.altitude_reference, _meters(distance)
    )


def path_point_at_fraction(path: Path, fraction: float) -> Coordinate:
    """The point *fraction* of the way along *path* by geodesic length."""
    fraction = _check_fraction(fraction)
    total = path.length().meters
    return _point_at_meters(
        path.latitudes, path.longitudes, path.altitudes, path.altitude_reference, fraction * total
    )


def leg_columns(
    leg: Leg,
) -> tuple[FloatArray, FloatArray, FloatArray | None, AltitudeReference]:
    if leg.path is not None:
        p = leg.path
        return p.latitudes, p.longitudes, p.altitudes, p.altitude_reference
    a, b = leg.origin.coordinate, leg.destination.coordinate
    lats = np.array([a.latitude, b.latitude])
    lons = np.array([a.longitude, b.longitude])
    alts = None
    ref = a.altitude_reference
    if a.altitude is not None and b.altitude is not None and ref is b.altitude_reference:
        alts = np.array([a.altitude, b.altitude])
    return lats, lons, alts, ref


def leg_point_at_fraction(leg: Leg, fraction: float) -> Coordinate:
    """The point *fraction* of the way along a leg's path, or its geodesic without one."""
    fraction = _check_fraction(fraction)
    lats, lons, alts, ref = leg_columns(leg)
    if len(lats) == 1:
        return Coordinate(
            float(lats[0]), float(lons[0]), altitude=_alt_at(alts, 0), altitude_reference=ref
        )
    _, _, seg = _WGS84.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
    total = float(np.sum(seg))
    return _point_at_meters(lats, lons, alts, ref, fraction * total)


def path_point_at_time(path: Path, timestamp: float) -> Coordinate:
    """The point of a path with times at POSIX *timestamp*, between its timed points.

    Times are expected in order, as validation checks; before the first time
    the first point is given, after the last the last one. Points without a
    time are passed over.
    """
    times = path.times
    if times is None:  # pragma: no cover - callers check
        msg = "the path has no times"
        raise InvalidValueError(msg)
    lats, lons, alts, ref = path.latitudes, path.longitudes, path.altitudes, path.altitude_reference
    timed = ~np.isnan(times)
    if not timed.all():
        # Points without a time cannot be placed in time: interpolate between the others.
        lats, lons, times = lats[timed], lons[timed], times[timed]
        alts = None if alts is None else alts[timed]
    n = len(times)
    if n == 1 or timestamp <= times[0]:
        return Coordinate(
            float(lats[0]), float(lons[0]), altitude=_alt_at(alts, 0), altitude_reference=ref
        )
    if timestamp >= times[-1]:
        return Coordinate(
            float(lats[-1]), float(lons[-1]), altitude=_alt_at(alts, n - 1), altitude_reference=ref
        )
    i = int(np.searchsorted(times, timestamp, side="right")) - 1
    i = min(max(i, 0), n - 2)
    span = float(times[i + 1] - times[i])
    fraction = 1.0 if span <= 0.0 else (timestamp - float(times[i])) / span
    return _point_on_segment(lats, lons, alts, ref, i, fraction)
