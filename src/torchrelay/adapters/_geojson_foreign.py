"""GeoJSON from other tools as a relay skeleton: lines become legs, points become places.

Nothing is dropped silently: properties and foreign members go into extras
(``geojson:properties``, ``geojson:members``), and geometries the model cannot
use go whole into the relay's extras (``geojson:unused``), counted for the
loss warning.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from .._geo import AltitudeReference, Coordinate, Place
from .._legs import Leg
from .._modes import FlameState, TransportMode
from .._path import Path
from .._relay import Relay
from ..exceptions import TorchRelayError, path_text
from ._engine import Invalid, Reader, Where, check_free, type_name
from ._zones import zone_at

__all__ = ["GEOMETRIES", "Found", "foreign_feature", "line_positions", "relay_name"]

GEOMETRIES = frozenset(
    {
        "Point",
        "MultiPoint",
        "LineString",
        "MultiLineString",
        "Polygon",
        "MultiPolygon",
        "GeometryCollection",
    }
)
_FEATURE_KEYS = frozenset({"type", "id", "bbox", "geometry", "properties"})
_COLLECTION_KEYS = frozenset({"type", "bbox", "features"})


def line_positions(coords: Any, where: Where, reader: Reader) -> np.ndarray[Any, Any]:
    """Positions as an array of rows ``[lon, lat]`` or ``[lon, lat, height]``, all alike."""
    if not isinstance(coords, list) or not coords:
        raise reader.fail(
            where, f"must be a non-empty array of positions (got {type_name(coords)})"
        )
    try:
        array = np.array(coords)
    except (ValueError, TypeError):
        array = None
    if (
        array is None
        or array.ndim != 2
        or array.shape[1] not in (2, 3)
        or array.dtype.kind not in "iuf"
    ):
        msg = (
            "must be positions of 2 or 3 numbers each ([lon, lat] or [lon, lat, height]), all alike"
        )
        raise reader.fail(where, msg)
    array = array.astype(np.float64)
    if not np.isfinite(array).all():
        raise reader.fail(where, "must hold finite numbers only")
    return array


def relay_name(doc: dict[str, Any], source: str | None) -> str:
    """A name for an imported relay: the document's ``name``, else the file's, else a default."""
    name = doc.get("name")
    if isinstance(name, str) and name.strip():
        return name
    if source:
        return os.path.basename(source)
    return "GeoJSON import"


def _free(value: Any, where: Where, reader: Reader) -> Any:
    if not check_free(value, where, reader):
        raise Invalid
    return value


def _place(name: str, row: Any, *, ellipsoid: bool, extras: dict[str, Any] | None = None) -> Place:
    lat, lon = float(row[1]), float(row[0])
    altitude = float(row[2]) if len(row) == 3 else None
    reference = AltitudeReference.ELLIPSOID if ellipsoid else AltitudeReference.MEAN_SEA_LEVEL
    coordinate = Coordinate(lat, lon, altitude=altitude, altitude_reference=reference)
    return Place(name, coordinate, timezone=zone_at(lat, lon), extras=extras)


class Found:
    """What the foreign features of one document gave: legs, places and unused geometries."""

    def __init__(self) -> None:
        self.legs: list[Leg] = []
        self.places: list[Place] = []
        self.unused: list[Any] = []
        self._counts: dict[str, tuple[int, str]] = {}
        self._ids: set[str] = set()

    def keep_unused(self, what: str, feature: Any, where: Where) -> None:
        self.unused.append(feature)
        count, example = self._counts.get(what, (0, path_text((*where, "geometry")) or "geometry"))
        self._counts[what] = (count + 1, example)

    def unused_counts(self) -> dict[str, tuple[int, str]]:
        """For each kind of unused geometry, how many and where the first one was."""
        return dict(self._counts)

    def extras(self) -> dict[str, Any]:
        """The relay's extras for what found no place in the model."""
        return {"geojson:unused": self.unused} if self.unused else {}

    def leg_id(self, value: Any) -> str | None:
        """The feature's id as a leg id, unless it is missing, empty or taken."""
        if isinstance(value, bool) or not isinstance(value, str | int):
            return None
        text = str(value)
        if not text.strip() or text in self._ids:
            return None
        self._ids.add(text)
        return text

    def relay(self, doc: dict[str, Any], name: str, reader: Reader) -> Relay:
        """The skeleton relay of a foreign document."""
        extras = self.extras()
        members = {k: v for k, v in doc.items() if k not in _COLLECTION_KEYS | {"name"}}
        if doc.get("type") == "FeatureCollection" and members:
            extras["geojson:members"] = _free(members, (), reader)
        try:
            return Relay(name, None, self.legs, places=self.places, extras=extras)
        except TorchRelayError as error:
            raise reader.fail((), str(error), type(error).__name__) from None


def _lines(kind: str, coords: Any, where: Where, reader: Reader) -> list[np.ndarray[Any, Any]]:
    if kind == "LineString":
        return [line_positions(coords, where, reader)]
    if not isinstance(coords, list) or not coords:
        raise reader.fail(where, "must be a non-empty array of lines")
    return [line_positions(part, (*where, i), reader) for i, part in enumerate(coords)]


def _points(kind: str, coords: Any, where: Where, reader: Reader) -> np.ndarray[Any, Any]:
    if kind == "Point":
        return line_positions([coords], where, reader)
    return line_positions(coords, where, reader)


def foreign_feature(f: dict[str, Any], where: Where, reader: Reader, found: Found) -> None:
    """Read one feature of another tool's GeoJSON into *found*."""
    props = f.get("properties")
    members = {k: v for k, v in f.items() if k not in _FEATURE_KEYS}
    extras: dict[str, Any] = {}
    if props is not None and not isinstance(props, dict):
        raise reader.fail(
            (*where, "properties"), f"must be an object or null (got {type_name(props)})"
        )
    if props:
        extras["geojson:properties"] = _free(props, (*where, "properties"), reader)
    if members:
        extras["geojson:members"] = _free(members, where, reader)
    geometry = f.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    kind = kind if isinstance(kind, str) else None
    label = props.get("name") if props else None
    name = label if isinstance(label, str) and label.strip() else path_text(where) or "feature"
    at: Where = (*where, "geometry", "coordinates")
    coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
    try:
        if kind in ("LineString", "MultiLineString"):
            parts = _lines(kind, coords, at, reader)
            if len({p.shape[1] for p in parts}) != 1:
                raise reader.fail(at, "must have heights in every position or in none")
            rows = np.concatenate(parts)
            ellipsoid = rows.shape[1] == 3
            starts = np.cumsum([len(p) for p in parts])[:-1].tolist()
            path = Path.from_arrays(
                rows[:, 1],
                rows[:, 0],
                rows[:, 2] if ellipsoid else None,
                segment_starts=starts,
                altitude_reference=AltitudeReference.ELLIPSOID,
            )
            origin = _place(f"{name} (start)", rows[0], ellipsoid=ellipsoid)
            destination = _place(f"{name} (end)", rows[-1], ellipsoid=ellipsoid)
            leg_id = found.leg_id(f.get("id"))
            if leg_id is None and f.get("id") is not None:
                extras["geojson:id"] = _free(f["id"], (*where, "id"), reader)
            found.legs.append(
                Leg(
                    origin,
                    destination,
                    None,
                    None,
                    TransportMode.UNKNOWN,
                    FlameState.UNKNOWN,
                    path=path,
                    id=leg_id,
                    name=label if isinstance(label, str) and label.strip() else None,
                    extras=extras,
                )
            )
        elif kind in ("Point", "MultiPoint"):
            rows = _points(kind, coords, at, reader)
            if f.get("id") is not None:
                extras["geojson:id"] = _free(f["id"], (*where, "id"), reader)
            for i, row in enumerate(rows):
                label_i = name if len(rows) == 1 else f"{name} ({i + 1})"
                found.places.append(_place(label_i, row, ellipsoid=len(row) == 3, extras=extras))
        else:
            what = f"GeoJSON {kind}" if kind in GEOMETRIES else "GeoJSON feature without a geometry"
            found.keep_unused(
                f"{what} (kept whole in extras['geojson:unused'])", _free(f, where, reader), where
            )
    except TorchRelayError as error:
        raise reader.fail(where, str(error), type(error).__name__) from None
