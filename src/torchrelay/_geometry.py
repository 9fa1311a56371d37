"""GeoJSON geometry from columns: positions, the antimeridian cut, densified geodesics, boxes.

One place builds the geometry that ``__geo_interface__`` hands to shapely and
GeoPandas and that the GeoJSON writer puts in files, so both draw the same
thing. It works on plain numpy arrays and numbers, never on model objects:

- positions are ``(longitude, latitude)``, or ``(longitude, latitude, height)``
  where the height is above the WGS84 ellipsoid (RFC 7946 §4); altitudes from
  another reference are not heights and stay out of positions;
- a line that crosses the antimeridian is cut there into a MultiLineString
  (§3.1.9), each crossing ending one part at ±180 and starting the next at ∓180
  at the latitude (and height) where the chord crosses, so positions stay in
  [-180, 180];
- a line without recorded points between its ends (a flight) follows the
  geodesic, densified so that no chord strays more than :data:`TOLERANCE_M`
  from it (§3.1.1: lines are straight in longitude and latitude);
- a line that stays at one position is a Point;
- every geometry's box follows §5.2: west greater than east when the box
  crosses the antimeridian, the full width of longitudes when it reaches a pole.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from ._arcs import arc_hull, interval_hull
from ._columns import FloatArray
from ._geodesy import densify

__all__ = [
    "ELLIPSOID",
    "TOLERANCE_M",
    "collection",
    "feature",
    "heights",
    "leg_feature",
    "line",
    "merge_boxes",
    "place_feature",
    "point",
    "position",
]

TOLERANCE_M = 100.0
"""How far, in metres, a drawn chord of a leg without a path may stray from its geodesic."""

ELLIPSOID = "ellipsoid"
"""The altitude reference whose altitudes are GeoJSON heights (``AltitudeReference.ELLIPSOID``)."""

Part = tuple[FloatArray, FloatArray, FloatArray | None]  # longitudes, latitudes, heights


def heights(altitudes: FloatArray | None, reference: str) -> FloatArray | None:
    """The altitudes that go into positions: heights above the ellipsoid, every one known.

    Altitudes above mean sea level or a water surface are not GeoJSON heights,
    and a position cannot hold a missing one: those stay out (``None``).
    """
    if altitudes is None or reference != ELLIPSOID or not np.isfinite(altitudes).all():
        return None
    return altitudes


def _positions(part: Part) -> list[tuple[float, ...]]:
    lon, lat, h = part
    if h is None:
        return list(zip(lon.tolist(), lat.tolist(), strict=True))
    return list(zip(lon.tolist(), lat.tolist(), h.tolist(), strict=True))


def _cut(lon: FloatArray, lat: FloatArray, h: FloatArray | None) -> list[Part]:
    """The line split at each chord that crosses the antimeridian (a longitude step over 180)."""
    step = np.diff(lon)
    crossings = np.flatnonzero(np.abs(step) > 180.0)
    if not len(crossings):
        return [(lon, lat, h)]
    parts: list[Part] = []
    start = 0
    carry: tuple[float, float, float | None] | None = None
    for i in crossings.tolist():
        a, b = lon[i], lon[i + 1]
        edge = 180.0 if a > b else -180.0  # eastward over 180 when the number drops
        b_unwrapped = b + 360.0 if edge > 0 else b - 360.0
        t = (edge - a) / (b_unwrapped - a)
        at_lat = float(lat[i] + t * (lat[i + 1] - lat[i]))
        at_h = None if h is None else float(h[i] + t * (h[i + 1] - h[i]))
        parts.append(_piece(lon, lat, h, start, i + 1, carry, (edge, at_lat, at_h)))
        carry = (-edge, at_lat, at_h)
        start = i + 1
    parts.append(_piece(lon, lat, h, start, len(lon), carry, None))
    return parts


def _piece(
    lon: FloatArray,
    lat: FloatArray,
    h: FloatArray | None,
    start: int,
    stop: int,
    head: tuple[float, float, float | None] | None,
    tail: tuple[float, float, float | None] | None,
) -> Part:
    """Points *start* to *stop* of the line, with a cut point before and after where given."""
    lons, lats = [lon[start:stop]], [lat[start:stop]]
    hs = None if h is None else [h[start:stop]]
    for extra, at_end in ((head, False), (tail, True)):
        if extra is None:
            continue
        x, y, z = extra
        for column, value in ((lons, x), (lats, y), (hs, z)):
            if column is not None:
                column.insert(len(column) if at_end else 0, np.array([value], dtype=np.float64))
    return np.concatenate(lons), np.concatenate(lats), None if hs is None else np.concatenate(hs)


def _bbox(parts: Sequence[Part]) -> list[float]:
    """The box of the parts' chords (§5.2): each part's chords never cross the antimeridian."""
    # A part never steps over 180°, so its longitudes cover one interval.
    starts = np.array([p[0].min() for p in parts])
    ends = np.array([p[0].max() for p in parts])
    lats = np.concatenate([p[1] for p in parts])
    south, north = float(lats.min()), float(lats.max())
    if south == -90.0 or north == 90.0:
        west, east = -180.0, 180.0  # a box that reaches a pole spans every longitude (§5.3)
    else:
        west, east = arc_hull(starts, ends, ends - starts)
    box = [west, south, east, north]
    hs = [p[2] for p in parts if p[2] is not None]
    if hs:
        joined = np.concatenate(hs)
        box = [west, south, float(joined.min()), east, north, float(joined.max())]
    return box


def point(longitude: float, latitude: float, height: float | None = None) -> dict[str, Any]:
    """A Point geometry, with its height where it is one above the ellipsoid."""
    coordinates = (longitude, latitude) if height is None else (longitude, latitude, height)
    return {"type": "Point", "coordinates": coordinates}


def line(
    latitudes: FloatArray,
    longitudes: FloatArray,
    heights: FloatArray | None = None,
    *,
    geodesic: bool = False,
) -> tuple[dict[str, Any], list[float]]:
    """The geometry of a line of points, and its box.

    Args:
        latitudes: Degrees north, one a point.
        longitudes: Degrees east, one a point, in [-180, 180).
        heights: Heights above the ellipsoid, one a point (from :func:`heights`).
        geodesic: Draw each segment along its geodesic, densified (for a
            leg whose only points are its ends); heights are left out then.

    Returns:
        A Point if every point is at one position, else a LineString, or a
        MultiLineString where the line crosses the antimeridian; and its box.
    """
    lat = np.asarray(latitudes, dtype=np.float64)
    lon = np.asarray(longitudes, dtype=np.float64)
    same = bool((lat == lat[0]).all() and (lon == lon[0]).all())
    if same:
        h = None if heights is None or not (heights == heights[0]).all() else float(heights[0])
        geometry = point(float(lon[0]), float(lat[0]), h)
        part: Part = (lon[:1], lat[:1], None if h is None else np.asarray(heights)[:1])
        return geometry, _bbox([part])
    if geodesic:
        lat, lon = densify(lat, lon, max_deviation_m=TOLERANCE_M)
        heights = None
    parts = _cut(lon, lat, heights)
    if len(parts) == 1:
        geometry = {"type": "LineString", "coordinates": _positions(parts[0])}
    else:
        geometry = {"type": "MultiLineString", "coordinates": [_positions(p) for p in parts]}
    return geometry, _bbox(parts)


def feature(
    geometry: dict[str, Any] | None,
    properties: dict[str, Any],
    *,
    box: Sequence[float] | None = None,
    id: str | None = None,
) -> dict[str, Any]:
    """A Feature: an ``id`` where there is one, the box, the geometry and the properties."""
    out: dict[str, Any] = {"type": "Feature"}
    if id is not None:
        out["id"] = id
    if box is not None:
        out["bbox"] = list(box)
    out["geometry"] = geometry
    out["properties"] = properties
    return out


def merge_boxes(boxes: Iterable[Sequence[float]]) -> list[float] | None:
    """One box around several (§5.2), or ``None`` for none; each may cross the antimeridian."""
    found = [list(b) for b in boxes]
    if not found:
        return None
    flat = [(b[0], b[1], b[3], b[4]) if len(b) == 6 else tuple(b) for b in found]
    south = min(b[1] for b in flat)
    north = max(b[3] for b in flat)
    west, east = interval_hull(np.array([b[0] for b in flat]), np.array([b[2] for b in flat]))
    tall = [b for b in found if len(b) == 6]
    if not tall:
        return [west, south, east, north]
    low = min(b[2] for b in tall)
    high = max(b[5] for b in tall)
    return [west, south, low, east, north, high]


def collection(features: list[dict[str, Any]], **members: Any) -> dict[str, Any]:
    """A FeatureCollection with the box around its features' boxes, then any foreign members."""
    out: dict[str, Any] = {"type": "FeatureCollection"}
    box = merge_boxes(f["bbox"] for f in features if "bbox" in f)
    if box is not None:
        out["bbox"] = box
    out.update(members)
    out["features"] = features
    return out


def position(
    latitude: float, longitude: float, altitude: float | None, reference: str
) -> dict[str, Any]:
    """A Point for one coordinate: its altitude is a height only above the ellipsoid."""
    return point(longitude, latitude, altitude if reference == ELLIPSOID else None)


def leg_feature(
    path: tuple[FloatArray, FloatArray, FloatArray | None, str] | None,
    ends: tuple[float, float, float, float],
    properties: dict[str, Any],
    *,
    id: str | None = None,
) -> dict[str, Any]:
    """A leg's Feature: its path (latitudes, longitudes, altitudes, reference), else its geodesic.

    *ends* are the origin's and the destination's latitude and longitude, for
    a leg without a path, which is drawn along the densified geodesic.
    """
    if path is not None:
        lat, lon, alt, reference = path
        geometry, box = line(lat, lon, heights(alt, reference))
    else:
        lat1, lon1, lat2, lon2 = ends
        geometry, box = line(np.array([lat1, lat2]), np.array([lon1, lon2]), geodesic=True)
    return feature(geometry, properties, box=box, id=id)


def place_feature(
    latitude: float,
    longitude: float,
    altitude: float | None,
    reference: str,
    properties: dict[str, Any],
) -> dict[str, Any]:
    """A place's Feature: a Point, with its box."""
    geometry = position(latitude, longitude, altitude, reference)
    c = list(geometry["coordinates"])
    box = c[:2] + c[:2] if len(c) == 2 else [c[0], c[1], c[2], c[0], c[1], c[2]]
    return feature(geometry, properties, box=box)
