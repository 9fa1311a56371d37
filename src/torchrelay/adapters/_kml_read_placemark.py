"""One KML Placemark read: a leg, places, or positions kept as extras.

A Placemark with torchrelay's ``tr:leg`` is a leg whatever its geometry,
built from that element as the GPX reader builds one from ``tr:leg``; its
geometry is its path only where ``tr:leg`` has a ``tr:path`` (otherwise the
writer drew the leg's geodesic for people). A foreign Placemark's lines and
tracks are one leg, its points places; a ``TimeSpan`` or ``TimeStamp`` gives
the leg's times, as precise as the text is.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import Any, Protocol

import attrs
import numpy as np

from .._geo import AltitudeReference, Coordinate, Place
from .._legs import Leg
from .._path import Path
from .._time import TimePrecision
from ..exceptions import ParseError, TorchRelayError
from ._gpx_build import build_leg, columns_of
from ._gpx_ext import LegMeaning, read_leg_meaning, tr_place
from ._gpx_names import TR
from ._gpx_native import read_native
from ._kml_names import DATA_FIELDS
from ._kml_read_parts import Line, coarsest, empty_line, key_text, kml_time, track_times
from ._timetext import TimeTextError
from ._xml import xml_text
from ._zones import zone_at


class Reader(Protocol):
    """What a Placemark needs of the document's reader (``_kml_read``)."""

    seen: dict[str, int]
    source: str | None

    def local(self, tag: str) -> str: ...
    def prefixed(self, tag: str) -> str: ...
    def fail(self, kind: str, message: str, index: int | None = None) -> ParseError: ...
    def lost(self, what: str, example: str) -> None: ...
    def coordinates(self, element: ET.Element | None) -> Line: ...


__all__ = ["Item", "Placemark", "Reader", "author", "data"]

GEOMETRIES = frozenset(
    {
        "Point",
        "LineString",
        "LinearRing",
        "Polygon",
        "MultiGeometry",
        "Model",
        "gx:Track",
        "gx:MultiTrack",
    }
)
_NATIVE = f"{{{TR}}}native"
_TEXTS = frozenset({"description", "address", "phoneNumber", "Snippet", "styleUrl"})
_OURS = frozenset({f"{{{TR}}}leg", f"{{{TR}}}place"})
_MODES = {"relativeToGround": AltitudeReference.GROUND}
_PLAIN_MODES = frozenset({"clampToGround", "absolute", "relativeToGround"})


@attrs.define
class Item:
    """What one Placemark gave: a leg, a place or a kept feature, and the Folders around it."""

    kind: str  # "leg", "place" or "feature"
    value: Any
    branch: str | None = None
    foreign: bool = True
    folders: list[str] = attrs.Factory(list)

    def finish(self) -> Any:
        """The value, with the Folders it was in as the extra ``kml:folder``."""
        if not self.foreign or not self.folders:
            return self.value
        folder = "/".join(self.folders)
        if self.kind == "feature":
            return {**self.value, "kml:folder": folder}
        return attrs.evolve(self.value, extras={**self.value.extras, "kml:folder": folder})


def author(element: ET.Element, local: Any, extras: dict[str, Any]) -> None:
    """``atom:author``'s name, e-mail and address: personal data (``kml:atom:author``)."""
    keys = {"atom:name": "kml:atom:author", "atom:email": "kml:atom:author:email"}
    keys["atom:uri"] = "kml:atom:author:uri"
    for child in element:
        key = keys.get(local(child.tag))
        if key is not None and xml_text(child):
            extras[key] = xml_text(child)


def data(element: ET.Element, local: Any, extras: dict[str, Any], skip: Any = ()) -> None:
    """``ExtendedData``'s ``Data/value`` and ``SchemaData/SimpleData`` as ``kml:data:<name>``."""
    for child in element:
        kind = local(child.tag)
        if kind == "Data":
            key = child.get("name")
            value = next((c for c in child if local(c.tag) == "value"), None)
            if key and key not in skip and value is not None:
                extras[f"kml:data:{key_text(key)}"] = value.text.strip() if value.text else ""
        elif kind == "SchemaData":
            for simple in child:
                key = simple.get("name")
                if local(simple.tag) == "SimpleData" and key and key not in skip:
                    text = simple.text.strip() if simple.text else ""
                    extras[f"kml:data:{key_text(key)}"] = text


def _child(element: ET.Element, local: Any, name: str) -> ET.Element | None:
    return next((c for c in element if local(c.tag) == name), None)


def _positions(line: Line) -> list[list[float]]:
    rows = np.column_stack([line.lon, line.lat, line.alt]).tolist()
    return [row if not math.isnan(row[2]) else row[:2] for row in rows]


class Placemark:
    """Reads one Placemark element, complete but for its tracks' points, already taken."""

    def __init__(self, reader: Reader, element: ET.Element, tracks: list[Line]) -> None:
        self.reader = reader
        self.element = element
        self.tracks = tracks
        self.lines: list[Line] = []
        self.points: list[Line] = []
        self.others: list[dict[str, Any]] = []
        self.modes: list[str] = []
        self.number = reader.seen["Placemark"]

    def fail(self, message: str) -> ParseError:
        return self.reader.fail("Placemark", message)

    def read(self) -> list[Item]:
        local = self.reader.local
        name = None
        extras: dict[str, Any] = {}
        ext = time = None
        geometries = []
        for child in self.element:
            kind = local(child.tag)
            if kind == "name":
                name = xml_text(child) or None
            elif kind in _TEXTS:
                if xml_text(child):
                    extras[f"kml:{kind}"] = xml_text(child)
            elif kind == "ExtendedData":
                ext = child
            elif kind in ("TimeStamp", "TimeSpan"):
                time = child
            elif kind in GEOMETRIES:
                geometries.append(child)
            elif kind == "atom:author":
                author(child, local, extras)
            elif kind == "atom:link" and child.get("href"):
                extras["kml:atom:link"] = child.get("href")
        self.geometry(geometries)
        ours = ET.Element("ExtendedData")
        if ext is not None:
            ours.extend(c for c in ext if not local(c.tag))
        if any(c.tag == f"{{{TR}}}leg" for c in ours):
            return [self.our_leg(ours, ext, extras)]
        return self.foreign(name, ours, ext, extras, time)

    # -- geometry ------------------------------------------------------------------

    def geometry(self, geometries: list[ET.Element]) -> None:
        reader = self.reader
        local = reader.local
        stack = [(g, "") for g in reversed(geometries)]
        while stack:
            element, inherited = stack.pop()
            kind = local(element.tag)
            mode_element = _child(element, local, "altitudeMode")
            if mode_element is None:
                mode_element = _child(element, local, "gx:altitudeMode")
            mode = xml_text(mode_element) if mode_element is not None else inherited
            if kind in ("MultiGeometry", "gx:MultiTrack"):
                parts = [c for c in element if local(c.tag) in GEOMETRIES]
                stack.extend((c, mode) for c in reversed(parts))
                continue
            if kind == "Point":
                line = reader.coordinates(_child(element, local, "coordinates"))
                if len(line):
                    self.points.append(line)
            elif kind == "LineString":
                line = reader.coordinates(_child(element, local, "coordinates"))
                if len(line):
                    self.lines.append(line)
                    self.modes.append(mode)
            elif kind == "gx:Track":
                line = self.tracks.pop(0) if self.tracks else empty_line()
                if len(line):
                    self.lines.append(line)
                    self.modes.append(mode)
            else:
                self.other(element, kind)

    def other(self, element: ET.Element, kind: str) -> None:
        reader = self.reader
        local = reader.local
        kept: dict[str, Any] = {"type": kind}
        if kind == "Model":
            where = _child(element, local, "Location")
            if where is not None:
                found = [_child(where, local, k) for k in ("longitude", "latitude", "altitude")]
                texts = [xml_text(v) for v in found if v is not None]
                try:
                    kept["coordinates"] = [float(t) for t in texts if t]
                except ValueError:
                    msg = f"<Model> has a Location that is not numbers: {texts}"
                    raise self.fail(msg) from None
        elif kind == "LinearRing":
            line = reader.coordinates(_child(element, local, "coordinates"))
            kept["coordinates"] = _positions(line)
        else:  # Polygon: the outer ring, then the inner ones
            rings = []
            for side in ("outerBoundaryIs", "innerBoundaryIs"):
                for boundary in element:
                    if local(boundary.tag) != side:
                        continue
                    ring = _child(boundary, local, "LinearRing")
                    if ring is not None:
                        line = reader.coordinates(_child(ring, local, "coordinates"))
                        rings.append(_positions(line))
            kept["coordinates"] = rings
        self.others.append(kept)

    # -- torchrelay's own ----------------------------------------------------------

    def our_leg(self, ours: ET.Element, ext: ET.Element | None, extras: dict[str, Any]) -> Item:
        reader = self.reader
        extras.pop("kml:styleUrl", None)  # the writer's mode style
        meaning = read_leg_meaning(ours, extras, reader.prefixed, reader.source)
        assert meaning is not None
        if ext is not None:
            data(ext, reader.local, extras, skip=DATA_FIELDS)
        lines = self.lines or self.points
        path = self.path(lines, meaning) if meaning.path and lines else None
        if ext is not None:  # a path the line could not hold, whole, beside tr:leg
            whole = read_native(ext, Leg, "ExtendedData", reader.source, fields=("path",))
            if "path" in whole:
                path = whole["path"]
                extras.pop(reader.prefixed(_NATIVE), None)  # read as a foreign leaf too
        try:
            leg = build_leg(path, None, "trk", meaning, extras)
        except ParseError:  # already says where
            raise
        except TorchRelayError as error:
            raise self.fail(str(error)) from None
        return Item("leg", leg, branch=meaning.branch, foreign=False)

    # -- foreign -------------------------------------------------------------------

    def foreign(
        self,
        name: str | None,
        ours: ET.Element,
        ext: ET.Element | None,
        extras: dict[str, Any],
        time: ET.Element | None,
    ) -> list[Item]:
        reader = self.reader
        is_ours = any(c.tag in _OURS for c in ours)
        if is_ours:  # a place has no style of the writer's: a kml:styleUrl is in its tr:extra
            extras.pop("kml:styleUrl", None)
        fields = tr_place(ours, extras, reader.prefixed) if len(ours) else {}
        if ext is not None:
            data(ext, reader.local, extras)
        modes = [m for m in self.modes if m and m not in _PLAIN_MODES]
        if modes:
            extras["kml:altitudeMode"] = modes[0]
        label = name or f"Placemark {self.number}"
        if self.others:
            what = "KML " + "/".join(sorted({o["type"] for o in self.others}))
        items = []
        if self.lines:
            reference = _MODES.get(self.modes[0], AltitudeReference.MEAN_SEA_LEVEL)
            path = self.path(self.lines, None, reference)
            if self.others:
                extras["kml:geometry"] = self.others
                reader.lost(f"{what} beside a line (kept as the extra kml:geometry)", repr(label))
            try:
                leg = build_leg(path, name, "trk", None, dict(extras))
                leg = self.timed(leg, time)
            except ParseError:  # already says where
                raise
            except TorchRelayError as error:
                raise self.fail(str(error)) from None
            items.append(Item("leg", leg))
            extras = {k: v for k, v in extras.items() if k != "kml:geometry"}
        elif self.others and not self.points:
            reader.lost(f"{what} (kept in the relay's extra kml:features)", repr(label))
            self.times_as_extras(time, extras)
            feature = {"name": label, "geometry": self.others, **extras}
            items.append(Item("feature", feature))
        for line in self.points:
            place_extras = dict(extras)
            if self.others and not self.lines:
                place_extras["kml:geometry"] = self.others
                reader.lost(f"{what} beside a point (kept as the extra kml:geometry)", repr(label))
            self.times_as_extras(time, place_extras)
            items.append(self.place(line, label, dict(fields), place_extras, foreign=not is_ours))
        if not items:
            reader.lost("KML Placemark without positions", repr(label))
        return items

    def place(
        self,
        line: Line,
        label: str,
        fields: dict[str, Any],
        extras: dict[str, Any],
        *,
        foreign: bool,
    ) -> Item:
        lon, lat, alt = float(line.lon[0]), float(line.lat[0]), float(line.alt[0])
        reference = fields.pop("altitude_reference", None)
        if reference is None and self.modes:
            reference = _MODES.get(self.modes[0])
        altitude = None if math.isnan(alt) else alt
        label = fields.pop("name", None) or label
        if foreign and "timezone" not in fields:
            fields["timezone"] = zone_at(lat, lon)
        try:
            if reference is None:
                coordinate = Coordinate(lat, lon, altitude=altitude)
            else:
                coordinate = Coordinate(lat, lon, altitude=altitude, altitude_reference=reference)
            place = Place(label, coordinate, extras=extras, **fields)
        except ParseError:  # already says where
            raise
        except TorchRelayError as error:
            raise self.fail(str(error)) from None
        return Item("place", place, foreign=foreign)

    def times_as_extras(self, time: ET.Element | None, extras: dict[str, Any]) -> None:
        if time is None:
            return
        local = self.reader.local
        for child in time:
            kind = local(child.tag)
            if kind in ("when", "begin", "end") and xml_text(child):
                extras[f"kml:{kind}"] = xml_text(child)

    def timed(self, leg: Any, time: ET.Element | None) -> Any:
        """*leg* with the times of a TimeStamp or TimeSpan, where the Placemark has one."""
        if time is None:
            return leg
        local = self.reader.local
        found: dict[str, Any] = {}
        precisions = []
        for child in time:
            kind = local(child.tag)
            text = xml_text(child)
            if kind in ("when", "begin", "end") and text:
                try:
                    found[kind], precision = kml_time(text)
                except TimeTextError as error:
                    raise self.fail(f"<{kind}> {error}") from None
                precisions.append(precision)
        if not found:
            return leg
        if "when" in found:
            departs = arrives = found["when"]
        else:
            departs = found.get("begin") or leg.departs or found.get("end")
            arrives = found.get("end") or leg.arrives or departs
        precision = coarsest(*precisions) if precisions else TimePrecision.EXACT
        return attrs.evolve(leg, departs=departs, arrives=arrives, precision=precision)

    def path(
        self,
        lines: list[Line],
        meaning: LegMeaning | None,
        reference: AltitudeReference = AltitudeReference.MEAN_SEA_LEVEL,
    ) -> Path:
        """One path of *lines*, a segment each, with their times and per-point columns."""
        if len(lines) == 1:
            lon, lat, alt = lines[0].lon, lines[0].lat, lines[0].alt
        else:
            lon = np.concatenate([line.lon for line in lines])
            lat = np.concatenate([line.lat for line in lines])
            alt = np.concatenate([line.alt for line in lines])
        n = len(lat)
        starts = np.cumsum([len(line) for line in lines])[:-1].tolist()
        stamps = offsets = None
        if any(line.times is not None for line in lines):
            texts: list[str | None] = []
            for line in lines:
                texts.extend(line.times if line.times is not None else [None] * len(line))
            stamps, offsets, bad = track_times(texts)
            if bad is not None:
                raise self.fail(f"<when> {texts[bad]!r} is not a date and time")
        collected: dict[str, dict[int, str]] = {}
        base = 0
        for line in lines:
            for key, values in line.columns.items():
                column = collected.setdefault(key, {})
                for i, value in enumerate(values):
                    if value:
                        column[base + i] = value
            base += len(line)
        declared = {} if meaning is None else meaning.columns
        extra = {"altitude_reference": reference} if meaning is None else meaning.path
        try:
            return Path.from_arrays(
                lat,
                lon,
                alt,
                stamps,
                offsets=offsets,
                segment_starts=starts,
                columns=columns_of(collected, declared, n) or None,
                **extra,
            )
        except ParseError:  # already says where
            raise
        except TorchRelayError as error:
            raise self.fail(str(error)) from None
