"""Reading GeoJSON: torchrelay's own profile back into the relay, anything else into a skeleton.

A document is ours when its FeatureCollection has the ``"torchrelay"`` member
naming our profile; its legs and places are read back exactly, and any other
feature in it (one a user drew in QGIS) is read as a foreign one would be.
Every problem is collected with its location, such as
``features[3].properties.mode``, before a :class:`~torchrelay.exceptions.ParseError`.
"""

from __future__ import annotations

from typing import IO, Any

import numpy as np

from .._geo import Place
from .._legs import Leg
from .._path import Path
from .._relay import Relay
from ..exceptions import ParseError, Problem
from ._engine import Invalid, Reader, Where, check_object, parse_json, type_name
from ._format import warn_lost
from ._geojson_codec import MEMBER, PROFILE, VERSION, codec
from ._geojson_foreign import GEOMETRIES, Found, foreign_feature, line_positions, relay_name
from .native import _document

__all__ = ["MAX_BYTES", "loads"]

MAX_BYTES = 256 * 1024 * 1024
"""The largest document :func:`loads` reads unless its ``max_bytes`` allows more.

.. versionadded:: 0.1.0
"""

_COPIED = ("id", "name", "mode", "flame", "status", "precision", "lit_from")
_COPIED_ANY = ("torchbearers", "relights", "sources", "extras")
_WRITTEN_ONLY = frozenset(
    {
        "kind",
        "branch",
        "departs",
        "departs_zone",
        "arrives",
        "arrives_zone",
        "declared_distance_m",
        "distance_m",
        "origin",
        "origin_zone",
        "destination",
        "destination_zone",
        "origin_place",
        "destination_place",
        "path",
    }
)
_KNOWN = _WRITTEN_ONLY | set(_COPIED) | set(_COPIED_ANY)
_PATH_KEYS = frozenset(
    {"altitudes", "altitude_reference", "times", "offsets", "timezone", "segment_starts"}
    | {"columns", "count"}
)


def _features(doc: dict[str, Any], reader: Reader) -> list[tuple[Where, dict[str, Any]]]:
    """The document's features with their locations; a bare geometry is one feature."""
    kind = doc.get("type")
    if kind == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list):
            raise reader.fail(("features",), f"must be an array (got {type_name(features)})")
        out = []
        for i, f in enumerate(features):
            where: Where = ("features", i)
            try:
                check_object(f, where, reader)
            except Invalid:
                continue
            if f.get("type") != "Feature":
                reader.fail((*where, "type"), f"must be 'Feature' (got {type_name(f.get('type'))})")
                continue
            out.append((where, f))
        return out
    if kind == "Feature":
        return [((), doc)]
    if isinstance(kind, str) and kind in GEOMETRIES:
        return [((), {"type": "Feature", "geometry": doc, "properties": None})]
    shown = repr(kind) if isinstance(kind, str) else type_name(kind)
    msg = f"must be a GeoJSON type such as 'FeatureCollection' or 'LineString' (got {shown})"
    raise reader.fail(("type",), msg)


def _instant(props: dict[str, Any], key: str, where: Where, reader: Reader) -> str | None:
    stamp, zone = props.get(key), props.get(f"{key}_zone")
    if stamp is None:
        return None
    if not isinstance(stamp, str) or not (zone is None or isinstance(zone, str)):
        raise reader.fail((*where, key), "must be an RFC 3339 time, with its zone name apart")
    return f"{stamp}[{zone}]" if zone else stamp


def _joined(parts: list[np.ndarray[Any, Any]], where: Where, reader: Reader) -> Any:
    """The parts of a line we cut at the antimeridian, joined again without the cut points."""
    kept = []
    for i, part in enumerate(parts):
        lo = 1 if i else 0
        hi = len(part) - 1 if i < len(parts) - 1 else len(part)
        if (i and abs(part[0, 0]) != 180.0) or (i < len(parts) - 1 and abs(part[-1, 0]) != 180.0):
            raise reader.fail((*where, i), "must start and end at ±180: a cut at the antimeridian")
        kept.append(part[lo:hi])
    return np.concatenate(kept)


def _path(geometry: Any, columns: Any, where: Where, reader: Reader) -> Path:
    """A path from our leg's geometry and its ``path`` property."""
    here: Where = (*where, "properties", "path")
    check_object(columns, here, reader)
    for key in sorted(columns.keys() - _PATH_KEYS):
        reader.fail((*here, key), "unknown key")
    check_object(geometry, (*where, "geometry"), reader)
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    at: Where = (*where, "geometry", "coordinates")
    if kind == "Point":
        count = columns.get("count", 1)
        if type(count) is not int or not 1 <= count <= 100_000_000:
            raise reader.fail((*here, "count"), "must be a whole number of points")
        positions = np.repeat(line_positions([coords], at, reader), count, axis=0)
    elif kind == "LineString":
        positions = line_positions(coords, at, reader)
    elif kind == "MultiLineString" and isinstance(coords, list) and coords:
        parts = [line_positions(p, (*at, i), reader) for i, p in enumerate(coords)]
        positions = _joined(parts, at, reader)
    else:
        raise reader.fail(
            (*where, "geometry", "type"), "must be a Point, LineString or MultiLineString"
        )
    doc = {k: v for k, v in columns.items() if k != "count"}
    doc["latitudes"] = positions[:, 1].tolist()
    doc["longitudes"] = positions[:, 0].tolist()
    if positions.shape[1] == 3:
        if "altitudes" in doc:
            raise reader.fail((*here, "altitudes"), "must not be given with heights in positions")
        doc["altitudes"] = positions[:, 2].tolist()
    path: Path = codec.kind(Path).read(doc, here, reader)
    return path


def _leg(f: dict[str, Any], where: Where, reader: Reader) -> Leg:
    props: dict[str, Any] = f["properties"]
    at: Where = (*where, "properties")
    doc: dict[str, Any] = {k: props[k] for k in _COPIED if props.get(k) is not None}
    doc.update({k: props[k] for k in _COPIED_ANY if k in props})
    ok = True
    for key in ("departs", "arrives"):
        try:
            doc[key] = _instant(props, key, at, reader)
        except Invalid:
            ok = False
    for key in ("origin", "destination"):
        if f"{key}_place" in props:
            doc[key] = props[f"{key}_place"]
    declared = props.get("declared_distance_m")
    if declared is not None:
        doc["declared_distance"] = {"meters": declared}
    if "path" in props:
        try:
            doc["path"] = _path(f.get("geometry"), props["path"], where, reader)
        except Invalid:
            ok = False
    unknown = {k: v for k, v in props.items() if k not in _KNOWN}
    if unknown:
        extras = doc.get("extras")
        doc["extras"] = {
            **(extras if isinstance(extras, dict) else {}),
            "geojson:properties": unknown,
        }
    leg: Leg = codec.kind(Leg).read(doc, at, reader)
    if not ok:
        raise Invalid
    return leg


def _ours(doc: dict[str, Any], member: dict[str, Any], reader: Reader, found: Found) -> Relay:
    """The relay of a document in our profile."""
    version = member.get("version")
    if type(version) is not int or version != VERSION:
        shown = repr(version) if type(version) in (int, str) else type_name(version)
        msg = f"unsupported {PROFILE} version {shown}: this torchrelay reads version {VERSION}"
        raise ParseError([Problem(f"{MEMBER}.version", msg)])
    body = {k: v for k, v in member.items() if k not in ("profile", "version")}
    for key in sorted(body.keys() & {"legs", "places"}):
        reader.fail((MEMBER, key), "unknown key: legs and places are the features")
    metas = body.pop("branches", [])
    if not isinstance(metas, list) or not all(
        isinstance(m, dict) and isinstance(m.get("name"), str) for m in metas
    ):
        raise reader.fail((MEMBER, "branches"), "must be an array of objects with a name")
    by_branch: dict[str | None, list[Any]] = {None: []}
    by_branch.update({m.get("name"): [] for m in metas})
    places: list[Any] = []
    for where, f in _features(doc, reader):
        props = f.get("properties")
        kind = props.get("kind") if isinstance(props, dict) else None
        try:
            if kind == "leg":
                branch = props.get("branch")  # type: ignore[union-attr]
                if not isinstance(branch, str | None) or branch not in by_branch:
                    msg = f"names no branch in the {MEMBER!r} member (got {branch!r})"
                    reader.fail((*where, "properties", "branch"), msg)
                    continue
                by_branch[branch].append(_leg(f, where, reader))
            elif kind == "place":
                place = props.get("place")  # type: ignore[union-attr]
                places.append(
                    codec.kind(Place).read(place, (*where, "properties", "place"), reader)
                )
            else:
                foreign_feature(f, where, reader, found)
        except Invalid:
            continue
    body["legs"] = by_branch[None] + found.legs
    if metas:
        body["branches"] = [{**m, "legs": by_branch[m.get("name")]} for m in metas]
    body["places"] = places + found.places
    extras = found.extras()
    if extras:
        given = body.get("extras")
        body["extras"] = {**(given if isinstance(given, dict) else {}), **extras}
    relay: Relay = codec.kind(Relay).read(body, (MEMBER,), reader)
    return relay


def loads(
    data: str | bytes | IO[bytes],
    *,
    source: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Relay:
    """Read a relay from GeoJSON text, UTF-8 bytes or a binary file object (read whole).

    Args:
        data: The document, or a binary file object to read it from.
        source: A name for the input (a file name) to put in error messages.
        max_bytes: The largest document to read.

    Warns:
        LossWarning: For geometries the model cannot use (polygons,
            collections, features without one), kept in the relay's extras.

    Raises:
        ParseError: If the document is not GeoJSON the model can hold, naming
            every problem and where it is.
        InvalidTypeError: If *data* is neither text, bytes nor a file object.

    .. versionadded:: 0.1.0
    """
    try:
        doc = parse_json(_document(data, max_bytes))
    except ParseError as error:
        raise ParseError(error.problems, source) from None
    if not isinstance(doc, dict):
        msg = f"a GeoJSON document must be an object (got {type_name(doc)})"
        raise ParseError([Problem("", msg)], source)
    reader = Reader()
    found = Found()
    member = doc.get(MEMBER)
    try:
        if isinstance(member, dict) and member.get("profile") == PROFILE:
            relay = _ours(doc, member, reader, found)
        else:
            for where, f in _features(doc, reader):
                try:
                    foreign_feature(f, where, reader, found)
                except Invalid:
                    continue
            relay = found.relay(doc, relay_name(doc, source), reader)
    except Invalid:
        raise ParseError(reader.problems, source) from None
    except ParseError as error:
        raise ParseError(error.problems, source) from None
    if reader.problems:
        raise ParseError(reader.problems, source)
    for what, (count, example) in found.unused_counts().items():
        warn_lost(what, count, example, source=source)
    return relay
