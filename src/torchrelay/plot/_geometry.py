"""Lines on the map: geodesics densified, longitudes unwrapped, the route's arc of longitude.

A leg without a path is drawn along its geodesic, densified by
:func:`torchrelay._geodesy.densify` so that it curves as it should. Longitudes are unwrapped
along each line (no step between two points is more than half the world), and
every line is moved by whole turns into the window centred on the smallest arc
of longitude that holds the whole route, so a route across 180 degrees
(Chukotka, Polynesia) is drawn in one piece instead of across the whole map.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from .. import _geodesy as geodesy
from .._arcs import points_arc
from .._geo import Coordinate
from .._legs import Leg

__all__ = ["densify", "leg_line", "smallest_arc", "to_window", "unwrap"]

FloatArray = npt.NDArray[np.float64]

# Pictures are drawn straight between points in longitude and latitude; a
# kilometre off the geodesic is less than a pixel on a map of a country.
_DEVIATION_M = 1_000.0


def densify(
    a: Coordinate, b: Coordinate, *, max_deviation_m: float = _DEVIATION_M
) -> tuple[FloatArray, FloatArray]:
    """Longitudes and latitudes along the geodesic from *a* to *b*, ends included."""
    lats, lons = geodesy.densify(
        [a.latitude, b.latitude], [a.longitude, b.longitude], max_deviation_m=max_deviation_m
    )
    # At a pole every longitude is the same point: take the one the line arrives
    # along, so the line does not run along the pole's edge of the map.
    if len(lons) > 1 and a.at_pole:
        lons[0] = lons[1]
    if len(lons) > 1 and b.at_pole:
        lons[-1] = lons[-2]
    return lons, lats


def leg_line(leg: Leg) -> tuple[FloatArray, FloatArray]:
    """The line a leg is drawn along: its path if it has one, else its geodesic.

    A path's points are joined by geodesics too where they lie far apart, as
    where a recording has a gap.
    """
    if leg.path is None or len(leg.path) < 2:
        return densify(leg.origin.coordinate, leg.destination.coordinate)
    lats, lons = geodesy.densify(
        leg.path.latitudes, leg.path.longitudes, max_deviation_m=_DEVIATION_M
    )
    return lons, lats


def unwrap(lons: FloatArray) -> FloatArray:
    """Longitudes with whole turns added so that no step is more than half the world."""
    return np.unwrap(lons, period=360.0) if len(lons) else lons


def smallest_arc(lons: Iterable[float]) -> tuple[float, float]:
    """The smallest arc of longitude, west end and east end, that holds every longitude.

    The east end may be past 180 (an arc from 150 to 200 holds Chukotka and
    Alaska); the west end is in [-180, 180). The whole world for no longitudes.
    The arc is the one :class:`~torchrelay.BoundingBox` and GeoJSON boxes use.
    """
    return points_arc(np.fromiter(lons, dtype=np.float64))


def to_window(lons: FloatArray, centre: float) -> FloatArray:
    """An unwrapped line moved by whole turns so that its middle lies nearest *centre*."""
    if not len(lons):
        return lons
    middle = (float(np.min(lons)) + float(np.max(lons))) / 2.0
    turns = math.floor((middle - centre + 180.0) / 360.0)
    return lons - 360.0 * turns


def aspect_for(latitudes: Sequence[float]) -> float:
    """The y-to-x scale of an equirectangular map whose parallels keep their length mid-map.

    One degree of longitude is cos(latitude) as long as one of latitude; the
    map is drawn to the middle latitude's scale, kept below 70 degrees so
    that a route to the pole is not stretched out of the page.
    """
    if not latitudes:
        return 1.0
    middle = (min(latitudes) + max(latitudes)) / 2.0
    return 1.0 / math.cos(math.radians(min(abs(middle), 70.0)))
