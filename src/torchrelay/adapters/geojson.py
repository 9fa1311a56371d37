"""GeoJSON (RFC 7946): relays for web maps, GeoPandas, QGIS and shapely, in and out.

The profile torchrelay writes:

- One ``FeatureCollection`` with a ``bbox`` (§5: west greater than east when
  the box crosses the antimeridian), the foreign member ``"torchrelay"``, then
  the features.
- Each leg is a ``Feature`` in relay order (main line first, then each
  branch's legs), with the leg's ``id``. Its geometry is its path as a
  ``LineString`` of ``[lon, lat]`` positions, ``[lon, lat, height]`` where the
  altitudes are heights above the WGS84 ellipsoid (§4); a leg without a path
  (a flight, the icebreaker) is drawn along its geodesic, densified so that
  no chord strays more than 100 m from it (the densified points are for
  drawing and are not read back as a path); a leg that stays at one position
  is a ``Point``. A line that crosses 180° is cut there into a
  ``MultiLineString`` (§3.1.9): each crossing ends one part at ±180 and
  starts the next at ∓180, at the latitude where the line crosses.
- A leg's properties: ``kind`` (``"leg"``), ``id``, ``name``, ``branch``
  (``null`` on the main line), ``mode``, ``flame``, ``status``, ``departs``
  and ``arrives`` (RFC 3339 with offset) with ``departs_zone`` and
  ``arrives_zone`` (IANA names), ``precision``, ``declared_distance_m`` and
  ``distance_m`` (computed, written only), ``origin`` and ``destination``
  (names) with ``origin_zone`` and ``destination_zone``; then, where the leg
  has them, ``torchbearers`` (left out with ``redact=True``), ``lit_from``,
  ``relights``, ``sources`` and ``extras`` as in the native format;
  ``origin_place`` and ``destination_place``, the whole places; and
  ``path``: the path's columns other than the positions, as in the native
  format (``times`` as POSIX seconds, ``offsets``, ``timezone``,
  ``segment_starts``, ``columns``, ``altitude_reference``), with
  ``altitudes`` where they are not heights (mean sea level, a water surface)
  or not every point has one, and ``count`` where a path of several points
  stays at one position. No geoid model is used: altitudes are never
  converted between references.
- Places the relay knows that no leg starts or ends at are ``Point``
  features with ``kind`` ``"place"``, ``name``, ``timezone``, ``region``,
  ``country`` and ``place``, the whole place.
- The ``"torchrelay"`` member holds ``profile`` (``"torchrelay-geojson"``),
  ``version`` (1) and the relay's own fields as in the native format: name,
  games, sponsors, campaigns, claims, rest days, sources, zone, day one,
  description, extras, and its branches without their legs.
- Numbers are written in Python's shortest round-trip form: nothing is
  rounded unless ``precision=`` asks for that many decimals in positions and
  boxes.

Reading our own files gives back the relay on every feature of
:data:`FORMAT`'s ``keeps``. Reading GeoJSON from other tools gives a relay
skeleton: LineStrings (and MultiLineStrings, as segments) become unscheduled
legs of mode ``unknown``, Points become places, and properties and foreign
members go into extras (``geojson:properties``, ``geojson:members``);
geometries the model cannot use (polygons, collections, features without a
geometry) are kept in the relay's extras (``geojson:unused``) and reported
with a :class:`~torchrelay.exceptions.LossWarning`. With the ``tz`` extra
installed, places without a zone get theirs from their coordinates.

>>> from torchrelay.adapters import geojson
>>> from torchrelay.datasets import demo_relay
>>> text = geojson.dumps(demo_relay())
>>> geojson.loads(text) == demo_relay()
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
import os
import re
import typing
from typing import IO, Any

import attrs

from .._geo import Place
from .._geometry import collection as _collection
from .._geometry import feature, heights, leg_feature, line, place_feature
from .._legs import Leg
from .._path import Path
from .._redact import redact as _redact
from .._relay import Branch, Relay
from ..exceptions import InvalidTypeError
from ._files import load_with, target_of, write_relay
from ._format import Feature, Format, Loss
from ._geojson_codec import MEMBER, PROFILE, VERSION, codec, write_path
from ._geojson_read import MAX_BYTES, loads

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "MEMBER",
    "PROFILE",
    "document",
    "dump",
    "dumps",
    "load",
    "loads",
]


_SKIPPED = {"legs", "places", "branches"}


def _fields(cls: type, value: Any, skip: set[str]) -> dict[str, Any]:
    """*value*'s fields as the native format writes them, leaving out *skip* and defaults."""
    hints = typing.get_type_hints(cls)
    out: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if field.name in skip or not field.init or field.eq is False:
            continue
        got = getattr(value, field.name)
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        if default is not attrs.NOTHING and type(got) is type(default) and got == default:
            continue
        out[field.name] = codec.kind(hints[field.name]).write(got)
    return out


def _instant(text: str | None) -> tuple[str | None, str | None]:
    """RFC 9557 text split into its RFC 3339 part and its zone name."""
    if text is None:
        return None, None
    stamp, _, zone = text.partition("[")
    return stamp, zone[:-1] or None


def _leg_properties(leg: Leg, branch: Branch | None, *, redact: bool) -> dict[str, Any]:
    doc = codec.kind(Leg).write(attrs.evolve(leg, path=None))
    departs, departs_zone = _instant(doc.pop("departs", None))
    arrives, arrives_zone = _instant(doc.pop("arrives", None))
    distance = leg.distance()
    declared = leg.declared_distance
    props: dict[str, Any] = {
        "kind": "leg",
        "id": leg.id,
        "name": leg.name,
        "branch": None if branch is None else branch.name,
        "mode": leg.mode.value,
        "flame": leg.flame.value,
        "status": leg.status.value,
        "departs": departs,
        "departs_zone": departs_zone,
        "arrives": arrives,
        "arrives_zone": arrives_zone,
        "precision": leg.precision.value,
        "declared_distance_m": None if declared is None else declared.meters,
        "distance_m": None if distance is None else distance.meters,
        "origin": leg.origin.name,
        "origin_zone": leg.origin.timezone,
        "destination": leg.destination.name,
        "destination_zone": leg.destination.timezone,
    }
    for key in ("torchbearers", "lit_from", "relights", "sources", "extras"):
        if key in doc and not (key == "torchbearers" and redact):
            props[key] = doc[key]
    props["origin_place"] = doc["origin"]
    props["destination_place"] = doc["destination"]
    return props


def _path_feature(leg: Leg, path: Path, props: dict[str, Any]) -> dict[str, Any]:
    reference = path.altitude_reference.value
    h = heights(path.altitudes, reference)
    geometry, box = line(path.latitudes, path.longitudes, h)
    point = geometry["type"] == "Point"
    columns = write_path(path)
    del columns["latitudes"], columns["longitudes"]
    if h is not None and (not point or len(path) == 1):
        del columns["altitudes"]
    if point and len(path) > 1:
        columns["count"] = len(path)
    props["path"] = columns
    return feature(geometry, props, box=box, id=leg.id)


def _leg_feature(leg: Leg, branch: Branch | None, *, redact: bool) -> dict[str, Any]:
    props = _leg_properties(leg, branch, redact=redact)
    if leg.path is not None:
        return _path_feature(leg, leg.path, props)
    o, d = leg.origin.coordinate, leg.destination.coordinate
    return leg_feature(None, (o.latitude, o.longitude, d.latitude, d.longitude), props, id=leg.id)


def _place_feature(place: Place) -> dict[str, Any]:
    c = place.coordinate
    props = {
        "kind": "place",
        "name": place.name,
        "timezone": place.timezone,
        "region": place.region,
        "country": place.country,
        "place": codec.kind(Place).write(place),
    }
    return place_feature(c.latitude, c.longitude, c.altitude, c.altitude_reference.value, props)


def _member(relay: Relay) -> dict[str, Any]:
    doc: dict[str, Any] = {"profile": PROFILE, "version": VERSION}
    doc.update(_fields(Relay, relay, _SKIPPED))
    if relay.branches:
        doc["branches"] = [_fields(Branch, b, {"legs"}) for b in relay.branches]
    return doc


def _round_positions(value: Any, digits: int) -> Any:
    if isinstance(value, float):
        return round(value, digits) + 0.0
    if isinstance(value, list | tuple):
        return [_round_positions(v, digits) for v in value]
    return value


def _rounded(doc: dict[str, Any], digits: int) -> None:
    """Round positions and boxes to *digits* decimals, in place."""
    if "bbox" in doc:
        doc["bbox"] = _round_positions(doc["bbox"], digits)
    for f in doc["features"]:
        if "bbox" in f:
            f["bbox"] = _round_positions(f["bbox"], digits)
        geometry = f["geometry"]
        geometry["coordinates"] = _round_positions(geometry["coordinates"], digits)


def _check_options(precision: int | None, indent: int | None) -> None:
    for name, value in (("precision", precision), ("indent", indent)):
        if value is not None and (type(value) is not int or value < 0):
            msg = f"'{name}' must be a whole number, 0 or more, or None (got {value!r})"
            raise InvalidTypeError(msg)


def document(relay: object, *, redact: bool = False) -> dict[str, Any]:
    """The GeoJSON document of *relay* as Python data, before it is written as text.

    Raises:
        InvalidTypeError: If *relay* is not a :class:`~torchrelay.Relay`.

    .. versionadded:: 0.1.0
    """
    if not isinstance(relay, Relay):
        msg = f"dumps() takes a Relay (got {type(relay).__name__})"
        raise InvalidTypeError(msg)
    if redact:
        relay = _redact(relay)
    features = [_leg_feature(leg, branch, redact=redact) for branch, leg in relay.all_legs()]
    features += [_place_feature(place) for place in relay.places]
    return _collection(features, **{MEMBER: _member(relay)})


def dumps(
    relay: object,
    *,
    redact: bool = False,
    precision: int | None = None,
    indent: int | None = None,
) -> str:
    """Write *relay* as GeoJSON text, in the profile described above.

    Args:
        relay: The relay to write.
        redact: Leave out every field marked as personal data, and the
            legs' torchbearers.
        precision: Round positions and boxes to this many decimals; by
            default nothing is rounded.
        indent: Indent nested values by this many spaces; compact if ``None``.

    Returns:
        The document, ending with a newline.

    Raises:
        InvalidTypeError: If *relay* is not a :class:`~torchrelay.Relay`, or
            an option is not a whole number.

    .. versionadded:: 0.1.0
    """
    _check_options(precision, indent)
    doc = document(relay, redact=redact)
    if precision is not None:
        _rounded(doc, precision)
    separators = (",", ": ") if indent is not None else (",", ":")
    text = json.dumps(
        doc, ensure_ascii=False, allow_nan=False, indent=indent, separators=separators
    )
    return text + "\n"


def load(source: str | os.PathLike[str] | bytes | IO[bytes], **options: Any) -> Relay:
    """Read a relay from a GeoJSON file: :func:`torchrelay.load` with ``format="geojson"``.

    .. versionadded:: 0.1.0
    """
    return load_with(FORMAT, source, options)


def dump(
    relay: Relay,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    redact: bool = False,
    strict: bool = False,
    **options: Any,
) -> tuple[Loss, ...]:
    """Write a relay as GeoJSON: :func:`torchrelay.dump` with ``format="geojson"``.

    .. versionadded:: 0.1.0
    """
    path, _ = target_of(relay, target)
    return write_relay(
        FORMAT, relay, target, path, redact=redact, strict=strict, options=options, level=3
    )


_TYPES = (
    "FeatureCollection|Feature|Point|MultiPoint|LineString|MultiLineString|"
    "Polygon|MultiPolygon|GeometryCollection"
)
_HEAD = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*\{")
_TYPE = re.compile(rb'"type"\s*:\s*"(?:' + _TYPES.encode() + rb')"')
_NATIVE = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"format"\s*:\s*"torchrelay"')


def _sniff(head: bytes) -> bool:
    """Whether a document's first bytes are GeoJSON: an object with a GeoJSON ``type``."""
    return bool(_HEAD.match(head) and _TYPE.search(head) and not _NATIVE.match(head))


FORMAT = Format(
    name="geojson",
    suffixes=(".geojson", ".json"),
    media_type="application/geo+json",
    binary=False,
    keeps=frozenset(Feature),
    sniff=_sniff,
    loads=loads,
    dumps=dumps,
    read_options={"max_bytes"},
    write_options={"precision", "indent"},
    description="GeoJSON (RFC 7946) for maps and GIS tools, with the relay in its properties",
)
"""The GeoJSON format's :class:`~torchrelay.adapters.Format`.

Files are named ``*.geojson``; a ``*.json`` file is told from native JSON by its
first bytes. Read option: ``max_bytes``; write options: ``precision``, ``indent``.

.. versionadded:: 0.1.0
"""
