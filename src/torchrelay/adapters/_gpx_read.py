"""Reading GPX 1.1 and 1.0 into a relay, streaming, within limits.

Tracks become legs (each ``trkseg`` a segment of the leg's path), routes
planned legs, waypoints the relay's places. Point children that the model has
no field for become per-point columns (``gpx:sym``, ``gpxtpx:hr``); other
elements become extras. torchrelay's own extension (namespace
:data:`~torchrelay.adapters.gpx.EXTENSION_NAMESPACE`) gives back what a relay
means: modes, flame, ids, zones, branches.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import Any

from .._geo import Coordinate, Place
from .._legs import Leg
from .._path import Path
from .._relay import Branch, Relay
from ..exceptions import ParseError, Problem, TorchRelayError
from ._format import warn_lost
from ._gpx_build import build_leg, columns_of
from ._gpx_ext import LegMeaning, RelayMeaning, read_leg_meaning, read_relay_meaning, tr_place
from ._gpx_names import GPX_NAMESPACES, NUMBER_CHILDREN, TEXT_CHILDREN, TR
from ._gpx_points import PointRows, elevation, position_problem
from ._xml import Records, XMLEvents, XMLLimits, at, find_line, xml_text
from ._zones import zone_at

__all__ = ["read_gpx"]

_PERSONAL = {"name": "gpx:author", "link": "gpx:author-link", "email": "gpx:email"}


def _split(tag: str) -> tuple[str, str]:
    if tag[0] == "{":
        uri, _, name = tag[1:].partition("}")
        return uri, name
    return "", tag


class _Track:
    """What a track or route has besides its points' rows: segments and columns."""

    __slots__ = ("columns", "starts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.columns: dict[str, dict[int, str]] = {}


def _records() -> Records:
    """Points as rows: lat, lon, then the texts of ele and time in any GPX namespace."""
    points = {
        f"{{{uri}}}{kind}" if uri else kind: kind
        for uri in GPX_NAMESPACES
        for kind in ("trkpt", "rtept")
    }
    children = {
        f"{{{uri}}}{name}" if uri else name: i
        for uri in GPX_NAMESPACES
        for i, name in enumerate(("ele", "time"))
    }
    return Records(points, ("lat", "lon"), children)


_REPORT = frozenset({"trkpt", "rtept", "trkseg", "trk", "rte", "wpt", "metadata", "gpx"})


class _Reader:
    def __init__(self, data: object, limits: XMLLimits, source: str | None) -> None:
        self.data = data
        self.source = source
        self.limits = limits
        self.records = _records()
        self.events = XMLEvents(
            data,
            limits,
            source,
            watch=frozenset({"trkseg", "rte"}),
            on_root=self.root,
            report=_REPORT,
            records=self.records,
        )
        self.rows = PointRows()
        self.tags: dict[str, str] = {}  # GPX tag -> local name; other namespaces -> ""
        self.seen: dict[str, int] = {"wpt": 0}
        self.track_start = 0  # the first row of the track being read
        self.legs: list[tuple[LegMeaning | None, Leg]] = []
        self.places: list[Place] = []
        self.extras: dict[str, Any] = {}
        self.meaning: RelayMeaning | None = None
        self.name: str | None = None
        self.unread: dict[str, int] = {}
        self.uri = ""  # the document's GPX namespace

    def local(self, tag: str) -> str:
        name = self.tags.get(tag)
        if name is None:
            uri, local = _split(tag)
            name = self.tags[tag] = local if uri in GPX_NAMESPACES else ""
        return name

    def fail(self, kind: str, message: str) -> ParseError:
        where = find_line(self.data, kind, self.seen[kind] - 1)
        location = at(*where) if where else f"{kind} {self.seen[kind]}"
        return ParseError([Problem(location, message)], self.source)

    def fail_row(self, row: int, message: str) -> ParseError:
        """The problem of the point in row *row*, named by its line and column."""
        kind, before = self.records.kind_index(row)
        where = find_line(self.data, kind, before)
        location = at(*where) if where else f"{kind} {before + 1}"
        return ParseError([Problem(location, message.replace("\x00", kind))], self.source)

    def prefixed(self, tag: str) -> str:
        uri, name = _split(tag)
        if uri == self.uri or (uri in GPX_NAMESPACES and uri):
            return f"gpx:{name}"
        if uri == "":
            return f"ext:{name}"
        prefix = self.events.namespaces.get(uri) or "ns"
        return f"{prefix}:{name}"

    def run(self) -> Relay:
        track = _Track()
        events, rows, fail_row = self.events, self.rows, self.fail_row
        for what, element in events:
            if what == "records":
                rows.add(*element.take())
                continue
            rows.raise_if_before(events.mark if what == "end" else events.records.count, fail_row)  # type: ignore[union-attr]
            if what == "error":
                continue  # the events raise it
            name = self.local(element.tag)
            if name in ("trkpt", "rtept"):  # one with more than ele and time; its row is read
                self.point(element, name, track, events.mark - 1 - self.track_start)
                element.clear()
                container = events.container
                if container is not None and len(container):
                    del container[-1]
            elif name == "trkseg":
                count = events.mark - self.track_start
                if count and (not track.starts or track.starts[-1] != count):
                    track.starts.append(count)  # the next segment starts here
                element.clear()
            elif name in ("trk", "rte"):
                self.leg(element, name, track, events.mark)
                self.track_start = events.mark
                track = _Track()
                element.clear()
            elif name == "wpt":
                self.seen["wpt"] += 1
                self.waypoint(element)
                element.clear()
            elif name == "metadata":
                self.metadata(element)
                element.clear()
            elif name == "gpx":
                self.metadata(element)  # GPX 1.0 keeps these under <gpx>
        rows.raise_if_before(self.records.count, fail_row)
        return self.relay()

    def root(self, element: ET.Element) -> None:
        uri, name = _split(element.tag)
        if name != "gpx" or uri not in GPX_NAMESPACES:
            msg = f"not a GPX document: the root element is <{name}>, not <gpx>"
            raise self.events.error(msg, find_line(self.data, name, 0))
        self.uri = uri
        creator = element.get("creator")
        if creator:
            self.extras["gpx:creator"] = creator

    def point(self, element: ET.Element, kind: str, track: _Track, index: int) -> None:
        """The children of a point besides ele and time (its row has those)."""
        for child in element:
            name = self.local(child.tag)
            if name in ("ele", "time"):
                continue
            if name == "extensions":
                self.point_extensions(child, track, index)
            elif name in TEXT_CHILDREN or name in NUMBER_CHILDREN or name in ("speed", "course"):
                text = child.text
                if text is not None and text.strip():
                    track.columns.setdefault(f"gpx:{name}", {})[index] = text
            elif name == "link":
                href = child.get("href")
                if href:
                    track.columns.setdefault("gpx:link", {})[index] = href
            elif name:
                what = f"GPX <{name}> in a point"
                self.unread[what] = self.unread.get(what, 0) + 1

    def position(self, element: ET.Element, kind: str) -> tuple[float, float]:
        """A waypoint's latitude and longitude, checked as a track point's are."""
        lat, lon = element.get("lat"), element.get("lon")
        wrong = position_problem(lat, lon)
        if wrong is not None:
            raise self.fail(kind, wrong.replace("\x00", kind))
        return float(lat), float(lon)  # type: ignore[arg-type]

    def number(self, child: ET.Element, kind: str) -> float:
        """An elevation, by the rule for track points' (empty is none)."""
        value = elevation(child.text)
        if isinstance(value, str):
            raise self.fail(kind, value)
        return value

    def point_extensions(self, element: ET.Element, track: _Track, index: int) -> None:
        for leaf in element.iter():
            if len(leaf) or leaf is element:
                continue
            text = leaf.text
            if text is None or not text.strip():
                continue
            if leaf.tag == f"{{{TR}}}col":
                key = leaf.get("name") or "ext:value"
                if leaf.get("type") == "text":
                    key = "\x00" + key  # marks a text column until the columns are built
            else:
                key = self.prefixed(leaf.tag)
            track.columns.setdefault(key, {})[index] = text

    def leg(self, element: ET.Element, kind: str, track: _Track, stop: int) -> None:
        extras: dict[str, Any] = {}
        meaning = None
        name = None
        for child in element:
            local = self.local(child.tag)
            if local == "name":
                name = xml_text(child) or None
            elif local == "extensions":
                meaning = read_leg_meaning(child, extras, self.prefixed, self.source)
            elif local == "link":
                if child.get("href"):
                    extras["gpx:link"] = child.get("href")
            elif local == "number":
                text = xml_text(child)
                extras["gpx:number"] = int(text) if text.isdigit() else text
            elif local in ("cmt", "desc", "src", "type") and xml_text(child):
                extras[f"gpx:{local}"] = xml_text(child)
        path = self.path(track, kind, meaning, stop)
        if path is None and meaning is None:
            what = "GPX route without points" if kind == "rte" else "GPX track without points"
            self.unread[what] = self.unread.get(what, 0) + 1
            return
        try:
            leg = build_leg(path, name, kind, meaning, extras)
        except TorchRelayError as error:
            raise ParseError(
                [Problem(f"{kind} {name or ''}".strip(), str(error))], self.source
            ) from None
        self.legs.append((meaning, leg))

    def path(self, track: _Track, kind: str, meaning: LegMeaning | None, stop: int) -> Path | None:
        """The path of the points in the rows before *stop*; ``None`` where there are none."""
        rows = self.rows
        if rows.bad_time is not None and rows.bad_time[0] < stop:
            row, text = rows.bad_time
            raise self.fail_row(row, f"<time> {text!r} is not a date and time")
        lat, lon, ele, stamps, offsets = rows.take(stop)
        n = len(lat)
        if not n:
            return None
        declared = {} if meaning is None else meaning.columns
        columns = columns_of(track.columns, declared, n)
        starts = [s for s in track.starts if 0 < s < n]
        extra = {} if meaning is None else meaning.path
        try:
            return Path.from_arrays(
                lat,
                lon,
                ele,
                stamps,
                offsets=offsets,
                segment_starts=sorted(set(starts)),
                columns=columns or None,
                **extra,
            )
        except TorchRelayError as error:
            raise ParseError([Problem(kind, str(error))], self.source) from None

    def waypoint(self, element: ET.Element) -> None:
        lat, lon = self.position(element, "wpt")
        extras: dict[str, Any] = {}
        name = ele = None
        meaning: dict[str, Any] = {}
        for child in element:
            local = self.local(child.tag)
            if local == "name":
                name = xml_text(child) or None
            elif local == "ele":
                ele = self.number(child, "wpt")
            elif local == "extensions":
                meaning = tr_place(child, extras, self.prefixed)
            elif local == "link":
                if child.get("href"):
                    extras["gpx:link"] = child.get("href")
            elif local and xml_text(child):
                extras[f"gpx:{local}"] = xml_text(child)
        altitude = None if ele is None or math.isnan(ele) else ele
        reference = meaning.pop("altitude_reference", None)
        coordinate = Coordinate(lat, lon, altitude=altitude)
        if reference is not None:
            coordinate = Coordinate(lat, lon, altitude=altitude, altitude_reference=reference)
        if not meaning:  # a foreign waypoint: a tr:place says its zone, or that it has none
            meaning["timezone"] = zone_at(lat, lon)
        label = meaning.pop("name", None) or name or f"Waypoint {self.seen['wpt']}"
        try:
            self.places.append(Place(label, coordinate, extras=extras, **meaning))
        except TorchRelayError as error:
            raise self.fail("wpt", str(error)) from None

    def metadata(self, element: ET.Element) -> None:
        for child in element:
            local = self.local(child.tag)
            if local == "name" and self.name is None:
                self.name = xml_text(child) or None
            elif local in ("desc", "keywords", "time", "urlname") and xml_text(child):
                self.extras[f"gpx:{local}"] = xml_text(child)
            elif local in ("url",) and xml_text(child):
                self.extras["gpx:link"] = xml_text(child)
            elif local == "author":
                self.author(child)
            elif local == "email" and xml_text(child):
                self.extras["gpx:email"] = xml_text(child)
            elif local == "link" and child.get("href"):
                self.extras["gpx:link"] = child.get("href")
            elif local == "copyright":
                holder = child.get("author")
                parts = {self.local(c.tag): xml_text(c) for c in child}
                if holder:
                    parts["author"] = holder
                self.extras["gpx:copyright"] = {k: v for k, v in parts.items() if k and v}
            elif local == "extensions":
                self.meaning = read_relay_meaning(child, self.extras, self.prefixed, self.source)

    def author(self, element: ET.Element) -> None:
        if len(element) == 0:  # GPX 1.0: <author>name</author>
            if xml_text(element):
                self.extras["gpx:author"] = xml_text(element)
            return
        for child in element:
            local = self.local(child.tag)
            if local == "name" and xml_text(child):
                self.extras["gpx:author"] = xml_text(child)
            elif local == "email" and child.get("id") and child.get("domain"):
                self.extras["gpx:email"] = f"{child.get('id')}@{child.get('domain')}"
            elif local == "link" and child.get("href"):
                self.extras["gpx:author-link"] = child.get("href")

    def relay(self) -> Relay:
        for what, count in self.unread.items():
            warn_lost(what, count, "the document", source=self.source)
        meaning = self.meaning
        main = [leg for m, leg in self.legs if m is None or m.branch is None]
        branches = []
        if meaning is not None:
            for spec in meaning.branches:
                legs = [leg for m, leg in self.legs if m is not None and m.branch == spec["name"]]
                branches.append(Branch(legs=legs, **spec))
        name = self.name or (self.source.rsplit("/", 1)[-1] if self.source else "GPX")
        settings: dict[str, Any] = {} if meaning is None else dict(meaning.relay)
        games = settings.pop("games", None)
        name = settings.pop("name", None) or name
        own = settings.pop("extras", {})
        extras = {**self.extras, **own}
        if meaning is not None and "gpx:creator" not in own:
            extras.pop("gpx:creator", None)  # ours: "torchrelay 0.1.0"

        try:
            return Relay(
                name,
                games,
                main,
                branches=branches,
                places=self.places,
                extras=extras,
                **settings,
            )
        except TorchRelayError as error:
            raise ParseError([Problem("gpx", str(error))], self.source) from None


def read_gpx(data: object, *, source: str | None, limits: XMLLimits) -> Relay:
    """Read a GPX document (text, bytes or a binary file object) into a relay."""
    return _Reader(data, limits, source).run()
