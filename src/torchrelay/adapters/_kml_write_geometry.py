"""KML geometry of a leg or a place: a path's LineStrings or gx:Tracks, or a geodesic line.

- A path whose every point has a time is a ``gx:Track`` (a ``gx:MultiTrack``
  of them where it has segments): ``when`` and ``gx:coord`` a point, and its
  per-point columns as ``gx:SimpleArrayData`` in the track's ``ExtendedData``,
  declared by a ``Schema`` of ``gx:SimpleArrayField`` in the Document.
- Any other path is a ``LineString`` (a ``MultiGeometry`` of them where it has
  segments), ``lon,lat[,alt]`` a point.
- A leg without a path is drawn along its geodesic, densified as GeoJSON
  draws it (:func:`torchrelay._geometry.line`), cut at the antimeridian into a
  ``MultiGeometry``; a leg that stays at one position is a ``Point``.
- Longitudes are in [-180, 180], numbers in their shortest exact decimal form.
  Altitudes above mean sea level, the ellipsoid or a water surface are
  ``absolute``; above the ground, ``relativeToGround`` (the reference itself
  is in ``tr:path``); without altitudes a line is clamped and tessellated.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np

from .._geo import AltitudeReference, Coordinate
from .._geometry import line
from .._legs import Leg
from .._path import Path
from ._gpx_write import _numbers, _times
from ._xml import xml_escape
from ._xmltime import decimal

__all__ = [
    "column_schema",
    "geodesic_geometry",
    "path_geometry",
    "point_geometry",
    "timed",
]

_ALTITUDE_MODES = {
    AltitudeReference.MEAN_SEA_LEVEL: "absolute",
    AltitudeReference.ELLIPSOID: "absolute",
    AltitudeReference.WATER_SURFACE: "absolute",
    AltitudeReference.GROUND: "relativeToGround",
}


def timed(path: Path) -> bool:
    """Whether every point of *path* has a time: it is written as a ``gx:Track``."""
    return path.times is not None and not bool(np.isnan(path.times).any())


def _altitude(reference: AltitudeReference, *, has: bool) -> str:
    if not has:
        return "<tessellate>1</tessellate>"
    return f"<altitudeMode>{_ALTITUDE_MODES[reference]}</altitudeMode>"


def _tuples(lons: list[str | None], lats: list[str | None], alts: list[str | None]) -> str:
    return " ".join(
        f"{x},{y}" if z is None else f"{x},{y},{z}"
        for x, y, z in zip(lons, lats, alts, strict=True)
    )


def _bounds(path: Path) -> list[tuple[int, int]]:
    edges = [0, *path.segment_starts, len(path)]
    return list(itertools.pairwise(edges))


def column_schema(schema_id: str, path: Path) -> str:
    """The Document's ``Schema`` declaring a timed path's columns as ``gx:SimpleArrayField``."""
    fields = "".join(
        f'<gx:SimpleArrayField name="{xml_escape(name)}" '
        f'type="{"string" if column.dtype == object else "double"}"/>'
        for name, column in path.columns.items()
    )
    return f'<Schema id="{schema_id}">{fields}</Schema>\n'


def _column_values(path: Path) -> list[tuple[str, list[str | None]]]:
    out = []
    for name, column in path.columns.items():
        if column.dtype == object:
            values = [None if v is None else xml_escape(v) for v in column.tolist()]
        else:
            values = _numbers(column)
        out.append((xml_escape(name), values))
    return out


def _track(
    path: Path,
    texts: tuple[list[str | None], ...],
    columns: list[tuple[str, list[str | None]]],
    span: tuple[int, int],
    schema_id: str | None,
) -> Iterator[str]:
    lons, lats, alts, whens = texts
    start, stop = span
    yield "<gx:Track>"
    yield _altitude(path.altitude_reference, has=path.altitudes is not None)
    yield "".join(f"<when>{whens[i]}</when>" for i in range(start, stop))
    yield "".join(
        f"<gx:coord>{lons[i]} {lats[i]}</gx:coord>"
        if alts[i] is None
        else f"<gx:coord>{lons[i]} {lats[i]} {alts[i]}</gx:coord>"
        for i in range(start, stop)
    )
    if columns and schema_id is not None:
        yield f'<ExtendedData><SchemaData schemaUrl="#{schema_id}">'
        for name, values in columns:
            yield f'<gx:SimpleArrayData name="{name}">'
            yield "".join(
                "<gx:value/>" if values[i] is None else f"<gx:value>{values[i]}</gx:value>"
                for i in range(start, stop)
            )
            yield "</gx:SimpleArrayData>"
        yield "</SchemaData></ExtendedData>"
    yield "</gx:Track>"


def path_geometry(path: Path, schema_id: str | None) -> str:
    """A path's geometry: gx:Track(s) where every point is timed, else LineString(s).

    *schema_id* names the Document's ``Schema`` of the path's columns, which
    only a timed path carries.
    """
    n = len(path)
    lons, lats = _numbers(path.longitudes), _numbers(path.latitudes)
    alts: list[str | None] = _numbers(path.altitudes) if path.altitudes is not None else [None] * n
    spans = _bounds(path)
    parts: list[str] = []
    if timed(path):
        whens: list[str | None] = _times(path)
        columns = _column_values(path)
        many = len(spans) > 1
        if many:
            parts.append("<gx:MultiTrack>")
        for span in spans:
            parts.extend(_track(path, (lons, lats, alts, whens), columns, span, schema_id))
        if many:
            parts.append("</gx:MultiTrack>")
        return "".join(parts)
    mode = _altitude(path.altitude_reference, has=path.altitudes is not None)
    for start, stop in spans:
        coords = _tuples(lons[start:stop], lats[start:stop], alts[start:stop])
        parts.append(f"<LineString>{mode}<coordinates>{coords}</coordinates></LineString>")
    if len(parts) > 1:
        return "<MultiGeometry>" + "".join(parts) + "</MultiGeometry>"
    return parts[0]


def point_geometry(coordinate: Coordinate) -> str:
    """A ``Point`` at *coordinate*, with its altitude where it has one."""
    text = f"{decimal(coordinate.longitude)},{decimal(coordinate.latitude)}"
    if coordinate.altitude is None:
        return f"<Point><coordinates>{text}</coordinates></Point>"
    mode = _ALTITUDE_MODES[coordinate.altitude_reference]
    return (
        f"<Point><altitudeMode>{mode}</altitudeMode>"
        f"<coordinates>{text},{decimal(coordinate.altitude)}</coordinates></Point>"
    )


def geodesic_geometry(leg: Leg) -> str:
    """A leg without a path: its geodesic, densified and cut at 180°, or a Point."""
    o, d = leg.origin.coordinate, leg.destination.coordinate
    geometry, _ = line(
        np.array([o.latitude, d.latitude]), np.array([o.longitude, d.longitude]), geodesic=True
    )
    kind = geometry["type"]
    if kind == "Point":
        return point_geometry(Coordinate(o.latitude, o.longitude))
    pieces = geometry["coordinates"] if kind == "MultiLineString" else [geometry["coordinates"]]
    lines = [
        "<LineString><tessellate>1</tessellate><coordinates>"
        + " ".join(f"{decimal(x)},{decimal(y)}" for x, y in piece)
        + "</coordinates></LineString>"
        for piece in pieces
    ]
    if len(lines) > 1:
        return "<MultiGeometry>" + "".join(lines) + "</MultiGeometry>"
    return lines[0]
