"""Bearings and displacements between two coordinates, on WGS84.

The geodesics come from :mod:`torchrelay._geodesy`, so the antimeridian and the
poles need no special care in distances. Bearings do need it: a bearing leaving
or reaching a pole, or between two equal points, is undefined, and says so with
``None``.

Altitudes are kept apart from ground distances: a :class:`Displacement` has a
horizontal component, a vertical one and a 3D length, and refuses to subtract
altitudes measured from different references, since that needs a geoid model.
"""

from __future__ import annotations

import math

import attrs

from ._geo import AltitudeReference, Coordinate
from ._geodesy import bearings, distance
from ._units import Distance, DistanceBasis
from .exceptions import IncompatibleAltitudeError

__all__ = [
    "Bearing",
    "Displacement",
    "bearing",
    "displacement",
    "vertical_rise",
]


# -- Bearings -----------------------------------------------------------------


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
    initial, final = bearings([start.latitude], [start.longitude], [end.latitude], [end.longitude])
    a, b = float(initial[0]), float(final[0])
    return Bearing(None if math.isnan(a) else a, None if math.isnan(b) else b)


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


def vertical_rise(
    a_alt: float | None,
    a_ref: AltitudeReference,
    b_alt: float | None,
    b_ref: AltitudeReference,
    *,
    strict: bool,
) -> tuple[float | None, str | None]:
    """The rise from one altitude to another in metres, or ``None`` and why it is unknown.

    Raises:
        IncompatibleAltitudeError: If *strict* and the references differ.
    """
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
    dist = distance(start.latitude, start.longitude, end.latitude, end.longitude)
    horizontal = Distance(dist, basis=DistanceBasis.STRAIGHT_LINE)
    vertical, reason = vertical_rise(
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
