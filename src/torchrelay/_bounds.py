"""Bounding boxes on the sphere of longitudes: across the antimeridian and around the poles.

RFC 7946 (section 5.2) draws a box that crosses the antimeridian with its west
edge greater than its east edge, so that a box over Chukotka is a few degrees
wide, not 356. A box that holds a pole spans every longitude. For lines, a box
also holds each geodesic's bulge towards a pole (section 5.3).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs
import numpy as np

from ._arcs import arc_hull, interval_hull, wrap
from ._geo import Coordinate
from ._geodesy import FLATTENING, FloatArray, azimuths
from .exceptions import InvalidValueError

__all__ = ["BoundingBox", "bounding_box", "boxes_hull", "columns_box"]

_ONE_MINUS_F = 1.0 - FLATTENING


@attrs.frozen
class BoundingBox:
    """The smallest box of latitude and longitude around a geometry, as RFC 7946 draws it.

    Where the geometry crosses the antimeridian, :attr:`west` is greater than
    :attr:`east` (RFC 7946, section 5.2): a box over Chukotka runs from 170°E
    to 170°W and is 20° wide, not 340°. A box that holds a pole spans every
    longitude, from -180 to 180 (section 5.3).

    >>> box = bounding_box([Coordinate(64.73, 177.51), Coordinate(64.50, -165.41)])
    >>> box.west, box.east, box.crosses_antimeridian, round(box.width, 2)
    (177.51, -165.41, True, 17.08)

    Args:
        west: The western edge, in [-180, 180].
        south: The southern edge, in [-90, 90].
        east: The eastern edge, in [-180, 180].
        north: The northern edge, not south of *south*.

    Raises:
        InvalidValueError: For a north edge south of the south edge, or edges out of range.

    .. versionadded:: 0.1.0
    """

    west: float
    south: float
    east: float
    north: float

    def __attrs_post_init__(self) -> None:
        for name in ("west", "east"):
            value = getattr(self, name)
            if not -180.0 <= value <= 180.0:
                msg = f"'{name}' must be between -180 and 180 degrees (got {value!r})"
                raise InvalidValueError(msg)
        if not -90.0 <= self.south <= self.north <= 90.0:
            msg = (
                f"'north' must not be south of 'south', both in [-90, 90] "
                f"(got south={self.south!r}, north={self.north!r})"
            )
            raise InvalidValueError(msg)

    @property
    def crosses_antimeridian(self) -> bool:
        """Whether the box runs east across 180°, with its west edge east of its east edge."""
        return self.west > self.east

    @property
    def width(self) -> float:
        """The box's width in degrees of longitude, eastward from west to east."""
        if self.west == -180.0 and self.east == 180.0:
            return 360.0
        return float((self.east - self.west) % 360.0)

    def contains(self, coordinate: Coordinate) -> bool:
        """Whether *coordinate* is inside the box or on its edge.

        .. versionadded:: 0.1.0
        """
        if not self.south <= coordinate.latitude <= self.north:
            return False
        if coordinate.at_pole or self.width >= 360.0:
            return True
        return bool((coordinate.longitude - self.west) % 360.0 <= self.width)

    def union(self, other: BoundingBox) -> BoundingBox:
        """The smallest box that holds both boxes.

        .. versionadded:: 0.1.0
        """
        west, east = _arc_hull_of([self, other])
        return BoundingBox(west, min(self.south, other.south), east, max(self.north, other.north))

    def as_list(self) -> list[float]:
        """The box in GeoJSON's order: west, south, east, north.

        .. versionadded:: 0.1.0
        """
        return [self.west, self.south, self.east, self.north]


def columns_box(lats: FloatArray, lons: FloatArray, *, line: bool) -> BoundingBox:
    """The box around points given as columns; with *line*, around the geodesics joining them."""
    if len(lats) == 0:
        msg = "a bounding box needs at least one point"
        raise InvalidValueError(msg)
    south, north = float(lats.min()), float(lats.max())
    poles = np.abs(lats) == 90.0
    full = bool(poles.any())
    if line and len(lats) >= 2:
        lon1, lat1, lon2, lat2 = lons[:-1], lats[:-1], lons[1:], lats[1:]
        delta = wrap(lon2 - lon1)
        az12, az21 = azimuths(lat1, lon1, lat2, lon2)
        ends_ok = ~(poles[:-1] | poles[1:])
        # A geodesic between points 180° of longitude apart runs over a pole.
        over_pole = ends_ok & (np.abs(delta) == 180.0)
        if over_pole.any():
            full = True
            north_side = (lat1 + lat2)[over_pole] >= 0.0
            if north_side.any():
                north = 90.0
            if not north_side.all():
                south = -90.0
        # A geodesic's vertex, its point nearest a pole, may lie inside a segment.
        beta1 = np.arctan(_ONE_MINUS_F * np.tan(np.radians(lat1)))
        sin_alpha0 = np.abs(np.sin(np.radians(az12)) * np.cos(beta1))
        beta0 = np.arccos(np.minimum(sin_alpha0, 1.0))
        vertex = np.degrees(np.arctan(np.tan(beta0) / _ONE_MINUS_F))
        cos1, cos2 = np.cos(np.radians(az12)), np.cos(np.radians(az21))
        northern = ends_ok & ~over_pole & (cos1 > 0.0) & (cos2 > 0.0)
        southern = ends_ok & ~over_pole & (cos1 < 0.0) & (cos2 < 0.0)
        if northern.any():
            north = max(north, float(vertex[northern].max()))
        if southern.any():
            south = min(south, -float(vertex[southern].max()))
        if not full:
            forward = delta >= 0.0
            starts = np.where(forward, lon1, lon2)
            ends = np.where(forward, lon2, lon1)
            west, east = arc_hull(starts, ends, np.abs(delta))
            return BoundingBox(west, south, east, north)
    if full:
        return BoundingBox(-180.0, south, 180.0, north)
    keep = ~poles
    west, east = arc_hull(lons[keep], lons[keep], np.zeros(int(keep.sum())))
    return BoundingBox(west, south, east, north)


def bounding_box(coordinates: Iterable[Coordinate], *, line: bool = False) -> BoundingBox:
    """The smallest box that holds every coordinate, across the antimeridian if shorter.

    Args:
        coordinates: The points, at least one.
        line: Whether the points are a line joined by geodesics, whose bulge
            towards a pole (and passage over one) the box must hold too.

    Returns:
        The box; its west edge is east of its east edge where it crosses 180°.

    Raises:
        InvalidValueError: If there are no coordinates.

    .. versionadded:: 0.1.0
    """
    points = list(coordinates)
    lats = np.array([c.latitude for c in points], dtype=np.float64)
    lons = np.array([c.longitude for c in points], dtype=np.float64)
    return columns_box(lats, lons, line=line)


def _arc_hull_of(boxes: Sequence[BoundingBox]) -> tuple[float, float]:
    west = np.array([b.west for b in boxes], dtype=np.float64)
    east = np.array([b.east for b in boxes], dtype=np.float64)
    return interval_hull(west, east)


def boxes_hull(boxes: Iterable[BoundingBox]) -> BoundingBox | None:
    """The smallest box around several boxes, or ``None`` for none."""
    found = list(boxes)
    if not found:
        return None
    west, east = _arc_hull_of(found)
    south = min(b.south for b in found)
    north = max(b.north for b in found)
    return BoundingBox(west, south, east, north)
