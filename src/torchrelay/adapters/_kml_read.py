"""Reading KML 2.2 into a relay, streaming, within limits.

Each Placemark becomes what its geometry is: a ``LineString``, a
``gx:Track`` or several of them (a ``MultiGeometry``, a ``gx:MultiTrack``)
one leg whose path has a segment each; a ``Point`` a place of the relay. A
``Polygon``, ``LinearRing`` or ``Model`` has no home in the model: its
positions are kept as the extra ``kml:geometry``, and reading says so. A
``NetworkLink`` is never followed. torchrelay's own elements in
``ExtendedData`` (``tr:relay``, ``tr:leg``, ``tr:place``, namespace
:data:`~torchrelay.adapters._gpx_names.TR`, the same as in GPX) give back
what a relay means; the Placemark's ``name``, ``TimeSpan``, ``styleUrl`` and
``Data`` fields are then only what the writer drew for people.

The points of a ``gx:Track`` are taken from the stream as they end, so a
track of millions of points never stands as a tree, and converted in bulk
(:mod:`~torchrelay.adapters._kml_read_parts`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from .._relay import Branch, Relay
from ..exceptions import ParseError, Problem, TorchRelayError
from ._format import warn_lost
from ._gpx_ext import RelayMeaning, read_relay_meaning
from ._kml_names import ATOM, GX, KML_NAMESPACES
from ._kml_read_parts import CoordinateError, Line, column_key, parse_coordinates, parse_track
from ._kml_read_placemark import Item, Placemark, author, data
from ._xml import XMLEvents, XMLLimits, at, find_line, xml_text

__all__ = ["read_kml"]

_NOT_READ = frozenset({"GroundOverlay", "ScreenOverlay", "PhotoOverlay", "gx:Tour"})
"""Features with no place in a relay: reported as not kept."""
_COORD = f"{{{GX}}}coord"
_TRACK = f"{{{GX}}}Track"
_WHENS = frozenset({"when", *(f"{{{uri}}}when" for uri in KML_NAMESPACES if uri)})


def split_tag(tag: str) -> tuple[str, str]:
    """A ``{namespace}name`` tag's namespace and local name."""
    if tag[:1] == "{":
        uri, _, name = tag[1:].partition("}")
        return uri, name
    return "", tag


class _Reader:
    def __init__(self, data: object, limits: XMLLimits, source: str | None) -> None:
        self.data = data
        self.source = source
        self.limits = limits
        self.whens: list[str | None] = []  # a gx:Track's when and gx:coord texts
        self.coords: list[str | None] = []
        self.events = XMLEvents(
            data,
            limits,
            source,
            watch=frozenset({"Document", "Track", "SimpleArrayData"}),
            on_root=self.root,
            texts=frozenset({_COORD, *_WHENS}),
            texts_in=_TRACK,
        )
        self.tags: dict[str, str] = {}  # tag -> "Placemark", "gx:Track", "atom:author"; others ""
        self.seen: dict[str, int] = {"coordinates": 0, "gx:coord": 0, "when": 0, "Placemark": 0}
        self.points = 0
        self.items: list[Item] = []
        self.inside: dict[ET.Element, list[Item]] = {}  # a Placemark's or Folder's items
        self.tracks: list[Line] = []  # the finished gx:Tracks of the Placemark being read
        self.values: list[str | None] = []  # the gx:value texts of one gx:SimpleArrayData
        self.columns: dict[str, list[str | None]] = {}
        self.extras: dict[str, Any] = {}
        self.meaning: RelayMeaning | None = None
        self.name: str | None = None
        self.unread: dict[str, list[Any]] = {}  # what -> [count, example]

    # -- names and errors ----------------------------------------------------------

    def local(self, tag: str) -> str:
        name = self.tags.get(tag)
        if name is None:
            uri, local = split_tag(tag)
            if uri in KML_NAMESPACES:
                name = local
            elif uri == GX:
                name = f"gx:{local}"
            elif uri == ATOM:
                name = f"atom:{local}"
            else:
                name = ""
            self.tags[tag] = name
        return name

    def prefixed(self, tag: str) -> str:
        """An element of another namespace as an extras key: ``mwm:scale``."""
        uri, name = split_tag(tag)
        if uri in KML_NAMESPACES:
            return f"kml:{name}"
        prefix = self.events.namespaces.get(uri) or "ns"
        return f"{prefix}:{name}"

    def fail(self, kind: str, message: str, index: int | None = None) -> ParseError:
        """A ParseError at the *index*-th (from 0; default the last seen) element *kind*."""
        seen = self.seen.get(kind, 0)
        i = seen - 1 if index is None else index
        where = find_line(self.data, kind.rpartition(":")[2], i)
        location = at(*where) if where else f"{kind} {i + 1}"
        return ParseError([Problem(location, message)], self.source)

    def lost(self, what: str, example: str) -> None:
        entry = self.unread.setdefault(what, [0, example])
        entry[0] += 1

    def count(self, n: int, kind: str) -> None:
        self.points += n
        if self.points > self.limits.max_points:
            msg = (
                f"more than {self.limits.max_points:,} points; pass a larger max_points= to read it"
            )
            raise self.fail(kind, msg)

    # -- the stream ----------------------------------------------------------------

    def run(self) -> Relay:  # noqa: PLR0912 - one loop an element, inline
        events = self.events
        tags = self.tags
        whens, coords = self.whens, self.coords
        room = self.limits.max_points
        coord_tag, when_tags = _COORD, _WHENS
        for _, element in events:
            tag = element.tag
            if tag == coord_tag:  # a gx:coord outside a gx:Track (its own come as texts)
                coords.append(element.text)
                parent = events.container
                try:
                    if parent[0] is element:  # type: ignore[index]
                        del parent[0]  # type: ignore[union-attr]
                    else:
                        _drop(parent, element)  # type: ignore[arg-type]
                except (IndexError, TypeError):  # no track open, or an empty one
                    pass
                if len(coords) > room:
                    self.seen["gx:coord"] += len(coords)
                    self.count(len(coords), "gx:coord")
                continue
            if tag in when_tags:
                whens.append(element.text)  # a TimeStamp's is taken back as it ends
                parent = events.container
                try:
                    if parent[0] is element:  # type: ignore[index]
                        del parent[0]  # type: ignore[union-attr]
                    else:
                        _drop(parent, element)  # type: ignore[arg-type]
                except (IndexError, TypeError):
                    pass
                continue
            name = tags.get(tag)
            if name is None:
                name = self.local(tag)
            if name:
                self.element(element, name)
                if name == "gx:Track":
                    room = self.limits.max_points - self.points
        return self.relay()

    def element(self, element: ET.Element, name: str) -> None:
        """Any KML element but a track's ``when`` and ``gx:coord``, as it ends."""
        if name == "gx:value":
            self.values.append(element.text)
            parent = self.events.container
            if parent is not None:
                _drop(parent, element)
        elif name == "TimeStamp" or name == "gx:TimeStamp":  # noqa: PLR1714
            if self.whens and any(self.local(c.tag) == "when" for c in element):
                self.whens.pop()
        elif name == "coordinates":
            self.seen["coordinates"] += 1
        elif name == "Placemark":
            self.placemark(element)
        elif name == "gx:Track":
            self.track(element)
        elif name == "gx:SimpleArrayData":
            key = element.get("name")
            if key:
                self.columns[column_key(key)] = self.values[:]
            self.values.clear()
        elif name == "Folder" or name == "Document":  # noqa: PLR1714
            self.folder(element, name)
        elif name == "NetworkLink":
            self.lost("KML NetworkLink (never fetched)", self.where(element))
            element.clear()
        elif name in _NOT_READ:
            self.lost(f"KML {name}", self.where(element))
            element.clear()

    def where(self, element: ET.Element) -> str:
        text = next((xml_text(c) for c in element if self.local(c.tag) == "name"), "")
        return repr(text) if text else "line " + str(self.events.position()[0])

    def root(self, element: ET.Element) -> None:
        uri, name = split_tag(element.tag)
        if name != "kml" or uri not in KML_NAMESPACES:
            msg = f"not a KML document: the root element is <{name}>, not <kml>"
            raise self.events.error(msg, find_line(self.data, name, 0))

    def track(self, element: ET.Element) -> None:
        """A gx:Track has ended: its points, times and columns, taken from the stream."""
        whens, coords = self.whens, self.coords
        for tag, texts in self.events.texts_of.pop(element, {}).items():
            (coords if tag == _COORD else whens).extend(texts)
        start = self.seen["gx:coord"]
        self.seen["gx:coord"] = start + len(coords)
        self.seen["when"] += len(whens)
        try:
            line = parse_track(coords)
        except CoordinateError as error:
            raise self.fail("gx:coord", f"<gx:coord> {error}", start + error.index) from None
        n = len(line)
        self.count(n, "gx:coord")
        if whens and len(whens) != n:
            msg = f"a gx:Track has {len(whens)} <when> and {n} <gx:coord>: one each a point"
            raise self.fail("gx:coord", msg, start)
        for key, texts in self.columns.items():
            if len(texts) != n:
                msg = f"gx:SimpleArrayData {key!r} has {len(texts)} values for {n} points"
                raise self.fail("gx:coord", msg, start)
        line.times = whens[:] if whens else None
        line.columns = self.columns
        self.tracks.append(line)
        whens.clear()
        coords.clear()
        self.columns = {}
        element.clear()

    def coordinates(self, element: ET.Element | None) -> Line:
        """A ``coordinates`` element's points, counted and checked."""
        if element is None:
            return parse_track([])
        index = self.coordinates_index(element)
        try:
            line = parse_coordinates(element.text)
        except CoordinateError as error:
            msg = f"<coordinates> tuple {error.index + 1}: {error}"
            raise self.fail("coordinates", msg, index) from None
        self.count(len(line), "coordinates")
        return line

    def coordinates_index(self, element: ET.Element) -> int:
        """The document index of a coordinates element of the Placemark being read."""
        order = self.pending
        i = order.index(element) if element in order else len(order) - 1
        return self.seen["coordinates"] - len(order) + i

    pending: list[ET.Element] = []  # noqa: RUF012 - set for each Placemark

    def placemark(self, element: ET.Element) -> None:
        self.seen["Placemark"] += 1
        self.pending = [e for e in element.iter() if self.local(e.tag) == "coordinates"]
        tracks, self.tracks = self.tracks, []
        items = Placemark(self, element, tracks).read()
        self.items.extend(items)
        element.clear()  # the empty element stays in its Folder until the Folder ends
        if items:
            self.inside[element] = items

    def folder(self, element: ET.Element, kind: str) -> None:
        """A Folder or Document has ended: its name goes on the foreign items it holds."""
        items: list[Item] = []
        name = None
        for child in element:
            held = self.inside.pop(child, None)
            if held is not None:
                items.extend(held)
            elif self.local(child.tag) == "name":
                name = xml_text(child) or None
        if kind == "Document":
            self.document(element)
        elif name:
            for item in items:
                item.folders.insert(0, name)
        element.clear()
        if items:
            self.inside[element] = items

    def document(self, element: ET.Element) -> None:
        """A Document's name, description, author and ``tr:relay``; the outermost wins."""
        extras: dict[str, Any] = {}
        meaning = None
        name = None
        for child in element:
            local = self.local(child.tag)
            if local == "name":
                name = xml_text(child) or None
            elif local == "description" and xml_text(child):
                extras["kml:description"] = xml_text(child)
            elif local == "atom:author":
                author(child, self.local, extras)
            elif local == "atom:link" and child.get("href"):
                extras["kml:atom:link"] = child.get("href")
            elif local == "ExtendedData":
                own = ET.Element("ExtendedData")
                own.extend(c for c in child if not self.local(c.tag))
                meaning = read_relay_meaning(own, extras, self.prefixed, self.source)
                data(child, self.local, extras)
        if meaning is not None:
            extras.pop("kml:description", None)  # the relay's description, in tr:relay
        self.name = name or self.name
        self.extras = {**extras, **self.extras} if self.extras else extras
        self.meaning = meaning or self.meaning

    # -- the relay -----------------------------------------------------------------

    def relay(self) -> Relay:
        for what, (count, example) in self.unread.items():
            warn_lost(what, count, example, source=self.source)
        meaning = self.meaning
        declared = [] if meaning is None else [spec["name"] for spec in meaning.branches]
        main: list[Any] = []
        legs: dict[str, list[Any]] = {name: [] for name in declared}
        places = []
        kept = []
        for item in self.items:
            value = item.finish()
            branch = item.branch
            if branch is None and item.foreign and item.folders and item.folders[-1] in legs:
                branch = item.folders[-1]  # a Placemark added to a branch's Folder
            if item.kind == "place":
                places.append(value)
            elif item.kind == "leg":
                legs.get(branch or "", main).append(value)
            else:
                kept.append(value)
        extras = dict(self.extras)
        if kept:
            extras["kml:features"] = kept
        settings: dict[str, Any] = {} if meaning is None else dict(meaning.relay)
        games = settings.pop("games", None)
        name = settings.pop("name", None) or self.name
        name = name or (self.source.rsplit("/", 1)[-1] if self.source else "KML")
        own = settings.pop("extras", {})
        branches = []
        try:
            if meaning is not None:
                for spec in meaning.branches:
                    branches.append(Branch(legs=legs.get(spec["name"], []), **spec))
            return Relay(
                name,
                games,
                main,
                branches=branches,
                places=places,
                extras={**extras, **own},
                **settings,
            )
        except TorchRelayError as error:
            raise ParseError([Problem("kml", str(error))], self.source) from None


def _drop(parent: ET.Element, element: ET.Element) -> None:
    """Take a consumed point out of its track, so that a long track never stands as a tree.

    The parser runs a chunk ahead of the events, and the earlier siblings of
    a point are consumed already, so the point is its parent's first child
    (the hot path checks that) or, after a few leading elements
    (``altitudeMode``), one of the next. *parent*, the last track opened, may
    be a later one than the point's: the point then waits for its track's end.
    """
    for i in range(min(4, len(parent))):
        if parent[i] is element:
            del parent[i]
            return


def read_kml(data: object, *, source: str | None, limits: XMLLimits) -> Relay:
    """Read a KML document (text, bytes or a binary file object) into a relay.

    Raises:
        ParseError: If the document is not KML, not well-formed, breaks a
            limit, or holds a value out of range; it names the line and column.
    """
    return _Reader(data, limits, source).run()
