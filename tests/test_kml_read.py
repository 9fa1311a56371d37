"""Reading KML: real files (checked against fastkml), hostile files, times, tracks, meaning."""

from __future__ import annotations

import io
import itertools
import math
import pathlib
import re
import warnings
from typing import Any

import numpy as np
import pendulum
import pytest

import torchrelay
from _xmltools import need, shared
from torchrelay import (
    AltitudeReference,
    Coordinate,
    FlameState,
    Leg,
    Place,
    Relay,
    TimePrecision,
    TransportMode,
)
from torchrelay.adapters import kml
from torchrelay.adapters._kml_read import read_kml
from torchrelay.adapters._kml_read_parts import kml_time, parse_coordinates, track_times
from torchrelay.adapters._timetext import TimeTextError
from torchrelay.adapters._xml import XMLLimits
from torchrelay.exceptions import LossWarning, ParseError

try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fastkml warns that lxml is missing
        from fastkml import kml as fastkml
except ImportError:  # pragma: no cover - the test extra has it
    fastkml = None

SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared"
HEAD = '<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">'


def _loads(data: Any, source: str | None = None, **limits: int) -> Relay:
    return read_kml(data, source=source, limits=XMLLimits(**limits))


def _read(path: pathlib.Path) -> Relay:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossWarning)
        with path.open("rb") as handle:
            return _loads(handle, path.name)


def _files(*parts: str) -> list[pathlib.Path]:
    folder = SHARED.joinpath(*parts)
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


REAL = [p for p in _files("realdata", "kml") if p.suffix == ".kml"]
# legs, places, points of the first leg (None: no leg), kept features
EXPECTED = {
    "organicmaps__generated.kml": (1, 2, 3, 0),
    "togeojson__cdata.kml": (0, 1, None, 0),
    "togeojson__extended_data.kml": (0, 1, None, 0),
    "togeojson__gxtrack.kml": (1, 0, 7, 0),
    "togeojson__inline_style.kml": (3, 0, 11, 0),
    "togeojson__linestring.kml": (2, 0, 2, 0),
    "togeojson__multigeometry.kml": (1, 0, 4, 0),
    "togeojson__multigeometry_discrete.kml": (1, 1, 2, 0),
    "togeojson__nogeomplacemark.kml": (0, 0, None, 0),
    "togeojson__noname.kml": (1, 0, 11, 0),
    "togeojson__point.kml": (0, 1, None, 0),
    "togeojson__polygon.kml": (0, 0, None, 1),
    "togeojson__selfclosing.kml": (0, 0, None, 0),
    "togeojson__simpledata.kml": (0, 2, None, 0),
    "togeojson__style_url.kml": (0, 0, None, 1),
    "togeojson__timespan.kml": (0, 0, None, 1),
}


def test_every_real_file_is_expected() -> None:
    """The table names every real KML file, so a new one cannot go untested."""
    need("shared/realdata/kml", bool(REAL))
    assert {p.name for p in REAL} == set(EXPECTED)


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_reads_every_real_file(path: pathlib.Path) -> None:
    """Each real file reads into the legs, places and kept features the table says."""
    relay = _read(path)
    legs, places, points, features = EXPECTED[path.name]
    assert (len(relay.legs), len(relay.places)) == (legs, places)
    assert len(relay.extras.get("kml:features", [])) == features
    if points is not None:
        first = relay.legs[0].path
        assert first is not None
        assert len(first) == points


def test_organic_maps_cyrillic_legacy_namespace_and_its_extended_data() -> None:
    """The legacy namespace reads as KML 2.2; Cyrillic names, mwm: data and TimeStamps are kept."""
    folder = SHARED / "realdata" / "kml"
    need("shared/realdata/kml", folder.is_dir())
    relay = _read(folder / "organicmaps__generated.kml")
    assert relay.name == "Test category"
    assert relay.extras["kml:description"] == "Test description"
    assert relay.extras["mwm:serverId"] == "AAAA-BBBB-CCCC-DDDD"
    assert [p.name for p in relay.places] == ["Мое любимое место", "Хочу побывать"]  # noqa: RUF001
    first = relay.places[0]
    assert (first.coordinate.latitude, first.coordinate.longitude) == (49.3268593, 45.9242)
    assert first.extras["kml:when"] == "1970-01-01T00:13:20Z"
    assert first.extras["kml:styleUrl"] == "#placemark-blue"
    assert first.extras["mwm:scale"] == "15"
    track = relay.legs[0]
    assert track.name == "Test track"
    assert track.departs == track.arrives == pendulum.datetime(1970, 1, 1, 0, 15, tz="UTC")
    assert track.path is not None
    assert track.path.altitudes is not None
    assert track.path.altitudes.tolist() == [1.0, 2.0, 3.0]


def test_gx_track_times_multigeometry_segments_and_extended_data() -> None:
    """gx:Track gives per-point times; MultiGeometry lines are segments; Data and SimpleData kept."""
    folder = SHARED / "realdata" / "kml"
    need("shared/realdata/kml", folder.is_dir())
    path = _read(folder / "togeojson__gxtrack.kml").legs[0].path
    assert path is not None
    assert path.times is not None
    assert path.times[0] == pendulum.datetime(2010, 5, 28, 2, 2, 9, tz="UTC").timestamp()
    assert path.offsets is None
    multi = _read(folder / "togeojson__multigeometry.kml").legs[0].path
    assert multi is not None
    assert multi.segment_starts == (2,)
    place = _read(folder / "togeojson__extended_data.kml").places[0]
    assert place.extras["kml:data:foo"] == "bar"
    trails = _read(folder / "togeojson__simpledata.kml").places
    assert trails[0].extras["kml:data:TrailLength"] == "3.14159"
    assert trails[1].extras["kml:styleUrl"] == "#trailhead-balloon-template"
    cdata = _read(folder / "togeojson__cdata.kml").places[0]
    assert cdata.extras["kml:description"] == "Here is some text"
    legs = _read(folder / "togeojson__inline_style.kml").legs
    assert {leg.extras["kml:folder"] for leg in legs} == {"Inline style test"}


def test_polygons_are_kept_as_extras_and_reported() -> None:
    """A Polygon has no place in a relay: its rings are kept in the extras, with a LossWarning."""
    text = (
        f"{HEAD}<Document><Placemark><name>box</name><Polygon><outerBoundaryIs><LinearRing>"
        "<coordinates>0,0 1,0 1,1 0,0</coordinates></LinearRing></outerBoundaryIs>"
        "<innerBoundaryIs><LinearRing><coordinates>0.1,0.1,5 0.2,0.1,5 0.1,0.1,5</coordinates>"
        "</LinearRing></innerBoundaryIs></Polygon></Placemark>"
        "<Placemark><name>both</name><MultiGeometry><LineString><coordinates>0,0 1,1</coordinates>"
        "</LineString><LinearRing><coordinates>0,0 1,0 0,0</coordinates></LinearRing>"
        "<Model><Location><longitude>3</longitude><latitude>4</latitude></Location></Model>"
        "</MultiGeometry></Placemark>"
        "<Placemark><name>spot</name><MultiGeometry><Point><coordinates>5,6</coordinates></Point>"
        "<Point><coordinates>7,8</coordinates></Point><LinearRing><coordinates>0,0 1,0 0,0"
        "</coordinates></LinearRing></MultiGeometry></Placemark></Document></kml>"
    )
    with pytest.warns(LossWarning, match="KML") as caught:
        relay = _loads(text, "p.kml")
    messages = " ".join(str(w.message) for w in caught)
    assert "beside a line" in messages
    assert "beside a point" in messages
    (feature,) = relay.extras["kml:features"]
    assert feature["name"] == "box"
    assert feature["geometry"][0]["coordinates"] == [
        [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]],
        [[0.1, 0.1, 5.0], [0.2, 0.1, 5.0], [0.1, 0.1, 5.0]],
    ]
    kinds = [g["type"] for g in relay.legs[0].extras["kml:geometry"]]
    assert kinds == ["LinearRing", "Model"]
    assert relay.legs[0].extras["kml:geometry"][1]["coordinates"] == [3.0, 4.0]
    assert [p.name for p in relay.places] == ["spot", "spot"]
    assert relay.places[1].extras["kml:geometry"][0]["type"] == "LinearRing"


def _fastkml_shapes(data: bytes) -> list[tuple[str | None, str, Any]]:
    """Every Placemark's name, kind and coordinates as fastkml reads them, in document order."""
    assert fastkml is not None
    for legacy in (b"http://earth.google.com/kml/2.1", b"http://earth.google.com/kml/2.2"):
        data = data.replace(legacy, b"http://www.opengis.net/kml/2.2")  # fastkml reads only 2.2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        document = fastkml.KML.from_string(data)
    found: list[tuple[str | None, str, Any]] = []
    stack: list[Any] = list(reversed(document.features))
    while stack:
        feature = stack.pop()
        if type(feature).__name__ != "Placemark":
            stack.extend(reversed(feature.features))
            continue
        geometry: Any = feature.geometry
        multi = type(geometry).__name__.startswith(("Multi", "GeometryCollection"))
        parts = [] if geometry is None else list(geometry.geoms) if multi else [geometry]
        for part in parts:
            kind = type(part).__name__
            if kind == "Polygon":
                rings = [part.exterior.coords, *(r.coords for r in part.interiors)]
                found.append((feature.name, "polygon", [_closed(r) for r in rings]))
            else:
                found.append((feature.name, kind.lower(), tuple(map(tuple, part.coords))))
    return found


def _closed(ring: Any) -> tuple[tuple[float, ...], ...]:
    """A ring closed as pygeoif closes it (the timespan file's is not)."""
    rows = tuple(map(tuple, ring))
    return rows if rows[0] == rows[-1] else (*rows, rows[0])


def _ours(relay: Relay) -> list[tuple[str | None, str, Any]]:
    found: list[tuple[str | None, str, Any]] = []
    for leg in relay.legs:
        path = leg.path
        assert path is not None
        alts = path.altitudes if path.altitudes is not None else np.full(len(path), math.nan)
        rows = [
            (lon, lat) if math.isnan(alt) else (lon, lat, alt)
            for lon, lat, alt in zip(
                path.longitudes.tolist(), path.latitudes.tolist(), alts.tolist(), strict=True
            )
        ]
        bounds = [0, *path.segment_starts, len(rows)]
        for a, b in itertools.pairwise(bounds):
            found.append((leg.name, "linestring", tuple(rows[a:b])))
    for place in relay.places:
        c = place.coordinate
        row = (c.longitude, c.latitude) + (() if c.altitude is None else (c.altitude,))
        found.append((place.name, "point", (row,)))
    for feature in relay.extras.get("kml:features", []):
        for geometry in feature["geometry"]:
            rings = [_closed(ring) for ring in geometry["coordinates"]]
            found.append((feature["name"], "polygon", rings))
    return found


def _key(shape: tuple[str | None, str, Any]) -> str:
    return repr(shape[1:])


@pytest.mark.skipif(fastkml is None, reason="fastkml is not installed")
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_points_coordinates_and_names_equal_fastkmls(path: pathlib.Path) -> None:
    """Differential: every Placemark's positions and name, as fastkml reads them."""
    theirs = _fastkml_shapes(path.read_bytes())
    ours = _ours(_read(path))
    assert sorted(map(_key, ours)) == sorted(map(_key, theirs))
    named = {(_key(s), s[0]) for s in ours}
    for shape in theirs:
        if shape[0] is not None:
            assert (_key(shape), shape[0]) in named


# -- Hostile and malformed input -------------------------------------------------

BAD = {
    "billion_laughs.gpx": "DOCTYPE",
    "quadratic_blowup.kml": "DOCTYPE",
    "xxe_local_file.gpx": "DOCTYPE",
    "xxe_network.kml": "DOCTYPE",
    "xxe_parameter_entity.gpx": "DOCTYPE",
    "external_dtd.gpx": "DOCTYPE",
    "xinclude.kml": None,
    "remote_schemalocation.gpx": "not a KML document",
    "kml_networklink_loopback.kml": None,
    "deeply_nested.kml": "deeper than 256",
    "large_token.gpx": "not a KML document",
    "wrong_encoding_latin1_declared_utf8.gpx": "not a KML document",
    "cp1251_declared_ok.gpx": "not a KML document",
    "utf16le_bom_ok.gpx": "not a KML document",
    "utf8_bom_ok.kml": None,
    "bom_then_whitespace_before_decl.gpx": "declaration not at start",
    "nul_byte.gpx": "not a KML document",
    "truncated.gpx": "not a KML document",
    "empty.gpx": "the document is empty",
    "json_in_gpx.gpx": "not well-formed",
    "nan_inf_coords.gpx": "not a KML document",
}
HOSTILE = _files("badinput", "xml")


def test_every_hostile_file_is_expected() -> None:
    """The table names every file in badinput/xml."""
    need("shared/badinput/xml", bool(HOSTILE))
    assert {p.name for p in HOSTILE} == set(BAD)


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.name)
def test_hostile_files_fail_cleanly_or_read(path: pathlib.Path) -> None:
    """A ParseError naming the file, line and column, or the documented lenient result."""
    expected = BAD[path.name]
    if expected is None:
        relay = _read(path)
        assert len(relay.places) == (0 if path.name == "xinclude.kml" else 1)
        return
    with pytest.raises(ParseError) as caught:
        _read(path)
    text = str(caught.value)
    assert expected in text
    assert text.startswith(f"{path.name}: line ")


def test_a_network_link_is_never_fetched_and_is_reported() -> None:
    """The NetworkLink is a loss; the local Placemark reads; XInclude is an unknown element."""
    folder = SHARED / "badinput" / "xml"
    need("shared/badinput/xml", folder.is_dir())
    with pytest.warns(
        LossWarning, match=r"KML NetworkLink \(never fetched\) \(1, such as 'remote'\)"
    ):
        relay = _loads((folder / "kml_networklink_loopback.kml").read_bytes())
    assert relay.places[0].name == "local"
    with pytest.warns(LossWarning, match="KML Placemark without positions"):
        assert _loads((folder / "xinclude.kml").read_bytes()).places == ()


def test_bad_values_are_named_by_line_and_column() -> None:
    """A bad coordinate, gx:coord, time or count names where it is."""
    cases = {
        f"{HEAD}<Placemark>\n<Point>\n <coordinates>1,2 x,3</coordinates></Point></Placemark></kml>": (
            r"^b.kml: line 3, column 2: <coordinates> tuple 2: 'x,3' is not lon,lat\[,alt\]"
        ),
        f"{HEAD}<Placemark><LineString><coordinates>1,91</coordinates></LineString></Placemark></kml>": (
            "'1,91' is not a position"
        ),
        f"{HEAD}<Placemark><gx:Track><when>2010-05-28T02:02:09Z</when>\n<gx:coord>1 2 3</gx:coord>"
        "\n<gx:coord>1 inf 3</gx:coord></gx:Track></Placemark></kml>": (
            r"line 3, column 1: <gx:coord> '1 inf 3' is not a position"
        ),
        f"{HEAD}<Placemark><gx:Track><when>2010-05-28T02:02:09Z</when><gx:coord>1 2 3</gx:coord>"
        "<gx:coord>1 2 3</gx:coord></gx:Track></Placemark></kml>": "1 <when> and 2 <gx:coord>",
        f"{HEAD}<Placemark><gx:Track><when>noon</when><gx:coord>1 2 3</gx:coord>"
        "</gx:Track></Placemark></kml>": "<when> 'noon' is not a date and time",
        f"{HEAD}<Placemark><gx:Track><gx:coord>1 2 0x10</gx:coord></gx:Track></Placemark></kml>": (
            "is not lon lat"
        ),
        f"{HEAD}<Placemark><gx:Track><gx:coord>1 2</gx:coord><ExtendedData><SchemaData>"
        '<gx:SimpleArrayData name="hr"><gx:value>1</gx:value><gx:value>2</gx:value>'
        "</gx:SimpleArrayData></SchemaData></ExtendedData></gx:Track></Placemark></kml>": (
            "gx:SimpleArrayData 'kml:hr' has 2 values for 1 points"
        ),
        f"{HEAD}<Placemark><TimeSpan><begin>2013-10-08</begin><end>2013-10-07</end></TimeSpan>"
        "<LineString><coordinates>1,2 3,4</coordinates></LineString></Placemark></kml>": (
            "line 1, column .*: 'arrives' must not be before 'departs'"
        ),
        f"{HEAD}<Placemark><TimeStamp><when>soon</when></TimeStamp>"
        "<LineString><coordinates>1,2 3,4</coordinates></LineString></Placemark></kml>": (
            "<when> not an RFC 3339 time"
        ),
        "<gpx/>": "not a KML document: the root element is <gpx>",
        f"{HEAD}<Placemark><Point><coordinates>1,2,3</coordinates></Point>"
        "<ExtendedData><tr:place xmlns:tr='https://torchrelay.invalid/xmlns/gpx/1' "
        "timezone='Mars/Olympus'/></ExtendedData></Placemark></kml>": "Mars/Olympus",
        f"{HEAD}<Document><ExtendedData><tr:relay xmlns:tr='https://torchrelay.invalid/xmlns/gpx/1'"
        " day-one='someday'/></ExtendedData></Document></kml>": "tr:relay",
    }
    for text, message in cases.items():
        with pytest.raises(ParseError, match=message):
            _loads(io.BytesIO(text.encode()), "b.kml")


def test_limits_are_counted_and_can_be_raised() -> None:
    """max_points counts coordinates and gx:coord alike; raising it reads the document."""
    line = " ".join(f"{i % 90},{i % 80}" for i in range(30))
    text = f"{HEAD}<Placemark><LineString><coordinates>{line}</coordinates></LineString></Placemark></kml>"
    with pytest.raises(ParseError, match="more than 20 points; pass a larger max_points="):
        _loads(text, max_points=20)
    assert len(_loads(text, max_points=30).legs[0].path or ()) == 30
    coords = "".join(f"<gx:coord>{i % 90} 1 2</gx:coord>" for i in range(30))
    track = f"{HEAD}<Placemark><gx:Track>{coords}</gx:Track></Placemark></kml>"
    with pytest.raises(ParseError, match="more than 20 points"):
        _loads(track, max_points=20)
    with pytest.raises(ParseError, match="max_depth="):
        _loads(track, max_depth=3)


# -- Times -----------------------------------------------------------------------


def test_coarse_times_are_precisions() -> None:
    """A year or a month is approximate, a day is a day, minutes are minutes; no offset is UTC."""
    utc = pendulum.timezone("UTC")
    assert kml_time("0725") == (pendulum.datetime(725, 1, 1, tz=utc), TimePrecision.APPROXIMATE)
    assert kml_time("2013-10") == (
        pendulum.datetime(2013, 10, 1, tz=utc),
        TimePrecision.APPROXIMATE,
    )
    assert kml_time(" 2013-10-07 ") == (pendulum.datetime(2013, 10, 7, tz=utc), TimePrecision.DAY)
    minute = kml_time("2013-10-07T12:30+04:00")
    assert minute[1] is TimePrecision.MINUTE
    assert minute[0].utcoffset().total_seconds() == 4 * 3600  # type: ignore[union-attr]
    assert kml_time("2013-10-07T12:30:05") == (
        pendulum.datetime(2013, 10, 7, 12, 30, 5, tz=utc),
        TimePrecision.EXACT,
    )
    assert kml_time("2013-10-07T12:30:05.5Z")[0].microsecond == 500000
    for bad in ("2013-13", "2013-02-30", "yesterday", "2013-10-07T25:00:00Z"):
        with pytest.raises(TimeTextError):
            kml_time(bad)


def test_time_spans_and_stamps_give_a_legs_times() -> None:
    """TimeSpan's begin and end are the leg's times at the coarsest precision; TimeStamp both."""
    line = "<LineString><coordinates>1,2 3,4</coordinates></LineString>"

    def leg(times: str, geometry: str = line) -> Any:
        return _loads(f"{HEAD}<Placemark>{times}{geometry}</Placemark></kml>").legs[0]

    span = leg("<TimeSpan><begin>2013</begin><end>2013-10-07T12:00:00+04:00</end></TimeSpan>")
    assert span.departs == pendulum.datetime(2013, 1, 1, tz="UTC")
    assert span.arrives == pendulum.datetime(2013, 10, 7, 8, tz="UTC")
    assert span.precision is TimePrecision.APPROXIMATE
    begin = leg("<TimeSpan><begin>2013-10-07</begin></TimeSpan>")
    assert begin.departs == begin.arrives
    assert begin.precision is TimePrecision.DAY
    track = (
        "<gx:Track><when>2013-10-07T10:00:00+04:00</when><when>2013-10-07T11:00:00+04:00</when>"
        "<gx:coord>1 2</gx:coord><gx:coord>3 4</gx:coord></gx:Track>"
    )
    opened = leg("<TimeSpan><begin>2013-10-07T09:00:00+04:00</begin></TimeSpan>", track)
    assert opened.arrives == pendulum.datetime(2013, 10, 7, 7, tz="UTC")
    assert opened.path.offsets.tolist() == [14400, 14400]
    stamp = leg("<TimeStamp><when>2013-10-07T12:00:00Z</when></TimeStamp>", track)
    assert stamp.departs == stamp.arrives == pendulum.datetime(2013, 10, 7, 12, tz="UTC")
    assert stamp.path.times.tolist() == [1381125600.0, 1381129200.0]
    assert leg("<TimeSpan/>").departs is None


def test_track_times_convert_in_bulk_and_fall_back_exactly() -> None:
    """Z times and offset times take numpy's path; others are read one at a time, as GPX does."""
    stamps, offsets, bad = track_times(["2010-05-28T02:02:09Z", " 2010-05-28T02:02:10Z\n"])
    assert (stamps.tolist(), offsets, bad) == ([1275012129.0, 1275012130.0], None, None)
    stamps, offsets, bad = track_times(["2010-05-28T06:02:09+04:00", "2010-05-27T21:02:10-05:00"])
    assert stamps.tolist() == [1275012129.0, 1275012130.0]
    assert offsets is not None
    assert offsets.tolist() == [14400, -18000]
    stamps, offsets, bad = track_times(["2010-05-28T06:02:09.25+04:00", None])
    assert stamps[0] == 1275012129.25
    assert math.isnan(stamps[1])
    assert track_times(["2010-05-28T06:02:09+24:00"])[2] == 0
    assert track_times(["2010-13-28T06:02:09+04:00"])[2] == 0


def test_coordinates_read_leniently_but_exactly() -> None:
    """Spaces after commas, 2-D and 3-D tuples mixed, empty text; values to the last bit."""
    line = parse_coordinates(" 1.5, 2.25 ,3\n\t4,5 ")
    assert line.lon.tolist() == [1.5, 4.0]
    assert line.lat.tolist() == [2.25, 5.0]
    assert line.alt[0] == 3.0
    assert math.isnan(line.alt[1])
    assert len(parse_coordinates(None)) == 0
    assert len(parse_coordinates("  ")) == 0
    assert parse_coordinates("0.1,0.2").lon[0] == 0.1


# -- Documents, folders, authors, torchrelay's meaning -------------------------------


def test_no_namespace_legacy_namespaces_and_folders() -> None:
    """KML without a namespace and with the 2.0 one reads; nested Folders are kml:folder."""
    text = (
        "<kml><Document><name>Doc</name><Folder><name>A</name><Folder><name>B</name>"
        "<Placemark><name>p</name><Point><coordinates>1,2</coordinates></Point></Placemark>"
        "</Folder><Placemark><LineString><altitudeMode>relativeToGround</altitudeMode>"
        "<coordinates>1,2,10 3,4,20</coordinates></LineString></Placemark></Folder>"
        "<Folder><Placemark><Point><coordinates>5,6</coordinates></Point></Placemark></Folder>"
        "<GroundOverlay><name>map</name></GroundOverlay></Document></kml>"
    )
    with pytest.warns(LossWarning, match="KML GroundOverlay"):
        relay = _loads(text)
    assert relay.name == "Doc"
    assert relay.places[0].extras["kml:folder"] == "A/B"
    assert "kml:folder" not in relay.places[1].extras  # a Folder without a name
    assert relay.name == "Doc"
    leg = relay.legs[0]
    assert leg.extras["kml:folder"] == "A"
    assert leg.path is not None
    assert leg.path.altitude_reference is AltitudeReference.GROUND
    assert leg.name is None
    assert leg.origin.name == "Track"
    legacy = text.replace("<kml>", '<kml xmlns="http://earth.google.com/kml/2.0">')
    with pytest.warns(LossWarning):
        assert _loads(legacy) == relay
    clamped = (
        "<kml><Placemark><Point><gx:altitudeMode xmlns:gx='http://www.google.com/kml/ext/2.2'>"
    )
    clamped += (
        "clampToSeaFloor</gx:altitudeMode><coordinates>1,2</coordinates></Point></Placemark></kml>"
    )
    assert _loads(clamped).places[0].name == "Placemark 1"


def test_atom_author_is_personal_and_redacted() -> None:
    """atom:author's name, e-mail and uri are marked personal; redact removes them."""
    text = (
        f'{HEAD}<Document xmlns:atom="http://www.w3.org/2005/Atom"><name>r</name>'
        "<atom:author><atom:name>Ann Runner</atom:name><atom:email>ann@example.org</atom:email>"
        "<atom:uri>https://example.org/ann</atom:uri></atom:author>"
        '<atom:link href="https://example.org"/><Placemark><atom:author><atom:name>Bo'
        '</atom:name></atom:author><atom:link href="https://example.org/p"/>'
        "<Point><coordinates>1,2</coordinates></Point></Placemark></Document></kml>"
    )
    relay = _loads(text)
    assert relay.extras["kml:atom:author"] == "Ann Runner"
    assert relay.extras["kml:atom:author:email"] == "ann@example.org"
    assert relay.extras["kml:atom:author:uri"] == "https://example.org/ann"
    assert relay.extras["kml:atom:link"] == "https://example.org"
    assert relay.places[0].extras["kml:atom:author"] == "Bo"
    hidden = torchrelay.redact(relay)
    assert not any(k.startswith("kml:atom:author") for k in hidden.extras)
    assert "kml:atom:author" not in hidden.places[0].extras
    assert hidden.extras["kml:atom:link"] == "https://example.org"


TR = 'xmlns:tr="https://torchrelay.invalid/xmlns/gpx/1"'
_LEG = (
    '<tr:leg {tr} id="l1" mode="running" flame="lit_torch" precision="day" branch="{branch}" '
    'departs="2013-10-07T12:00:00+04:00[Europe/Moscow]" arrives="2013-10-07T20:00:00+04:00[Europe/Moscow]">'
    '<tr:origin name="Moscow" lat="55.75" lon="37.62"/><tr:destination name="Tver" lat="56.86" lon="35.9"/>'
    "{path}</tr:leg>"
)


def _our_placemark(geometry: str, *, branch: str = "north", path: str = "") -> str:
    leg = _LEG.format(tr=TR, branch=branch, path=path)
    return (
        "<Placemark><name>Moscow → Tver</name><TimeSpan><begin>2013-10-07</begin></TimeSpan>"
        '<styleUrl>#mode-running</styleUrl><ExtendedData><Data name="mode"><value>running</value>'
        f'</Data><Data name="note"><value>kept</value></Data>{leg}</ExtendedData>{geometry}</Placemark>'
    )


def test_torchrelay_meaning_comes_back_from_its_own_elements() -> None:
    """tr:leg gives the leg; drawn geometry without tr:path is no path; columns come back typed."""
    relay_meaning = (
        f'<ExtendedData><tr:relay {TR} name="Sochi" games="XXII"><tr:branch name="north"/>'
        "</tr:relay></ExtendedData>"
    )
    drawn = "<LineString><coordinates>37.62,55.75 35.9,56.86</coordinates></LineString>"
    track = (
        "<gx:Track><when>2013-10-07T12:00:00+04:00</when><when>2013-10-07T13:00:00+04:00</when>"
        "<gx:coord>37.62 55.75 150</gx:coord><gx:coord>35.9 56.86</gx:coord><ExtendedData><SchemaData>"
        '<gx:SimpleArrayData name="gpxtpx:hr"><gx:value>120</gx:value><gx:value/></gx:SimpleArrayData>'
        '<gx:SimpleArrayData name="tr:note"><gx:value>007</gx:value><gx:value>x</gx:value>'
        "</gx:SimpleArrayData></SchemaData></ExtendedData></gx:Track>"
    )
    columns = (
        '<tr:path timezone="Europe/Moscow"><tr:column name="gpxtpx:hr" type="number"/>'
        '<tr:column name="tr:note" type="text"/></tr:path>'
    )
    text = (
        f"{HEAD}<Document><name>shown</name><description>shown</description>{relay_meaning}"
        f"{_our_placemark(drawn, branch='')}"
        f"<Folder><name>north</name>{_our_placemark(track, path=columns).replace('l1', 'l2')}"
        "<Placemark><name>added in Google Earth</name><LineString><coordinates>1,2 3,4</coordinates>"
        f"</LineString></Placemark></Folder>"
        f"<Placemark><name>Olympia</name><styleUrl>#place</styleUrl><ExtendedData><tr:place {TR} "
        'name="Olympia" timezone="Europe/Athens" country="GR"/></ExtendedData>'
        "<Point><coordinates>21.63,37.64,10</coordinates></Point></Placemark></Document></kml>"
    )
    relay = _loads(text)
    assert (relay.name, relay.games, dict(relay.extras)) == ("Sochi", "XXII", {})
    (main,) = relay.legs
    assert main.path is None
    assert main.name is None
    assert main.precision is TimePrecision.DAY
    assert dict(main.extras) == {"kml:data:note": "kept"}
    (branch,) = relay.branches
    timed, added = branch.legs
    assert added.name == "added in Google Earth"
    assert added.extras["kml:folder"] == "north"
    path = timed.path
    assert path is not None
    assert path.timezone == "Europe/Moscow"
    assert path.columns["gpxtpx:hr"].tolist()[0] == 120.0
    assert math.isnan(path.columns["gpxtpx:hr"][1])
    assert list(path.columns["tr:note"]) == ["007", "x"]
    assert path.altitudes is not None
    assert math.isnan(path.altitudes[1])
    (olympia,) = relay.places
    assert (olympia.name, olympia.timezone, olympia.country) == ("Olympia", "Europe/Athens", "GR")
    assert dict(olympia.extras) == {}
    broken = text.replace('<tr:origin name="Moscow" lat="55.75" lon="37.62"/>', "")
    with pytest.raises(ParseError, match="tr:leg needs a tr:origin"):
        _loads(broken)
    late = text.replace('arrives="2013-10-07T20', 'arrives="2013-10-06T20')
    with pytest.raises(ParseError, match="'arrives' must not be before"):
        _loads(late)


def test_a_file_without_positions_is_a_relay_without_legs() -> None:
    """As GPX: a KML document with no usable geometry reads as a relay with no legs."""
    relay = _loads(f"{HEAD}<Document><name>nothing</name></Document></kml>", "n.kml")
    assert (relay.name, relay.legs, relay.places) == ("nothing", (), ())
    assert _loads(f"{HEAD}</kml>", "folder/n.kml").name == "n.kml"
    assert _loads(f"{HEAD}</kml>").name == "KML"


def test_a_long_track_taken_from_the_stream_keeps_every_point() -> None:
    """A track longer than a parser chunk: every point, time and offset, and the points counted."""
    n = 66_000
    whens = "".join(
        f"<when>2013-10-07T{12 + i // 3600 % 12:02d}:{i // 60 % 60:02d}:{i % 60:02d}"
        f"{'Z' if i < 100 else '+04:00'}</when>"
        for i in range(n)
    )
    coords = "".join(f"<gx:coord>{i % 180 - 90} {i % 90} {i}</gx:coord>" for i in range(n))
    text = f"{HEAD}<Placemark><gx:Track>{whens}{coords}</gx:Track></Placemark></kml>"
    path = _loads(text).legs[0].path
    assert path is not None
    assert len(path) == n
    assert path.longitudes[-1] == (n - 1) % 180 - 90
    assert path.altitudes is not None
    assert path.altitudes[-1] == n - 1
    assert path.offsets is not None
    assert path.offsets[99] == int(torchrelay.adapters._kml_read_parts.NO_OFFSET)
    assert path.offsets[-1] == 14400
    assert path.times is not None
    assert path.times[100] - path.times[99] == 1 - 4 * 3600
    with pytest.raises(ParseError, match="more than 65,600 points"):
        _loads(text, max_points=65_600)


def test_foreign_places_get_their_zones_from_coordinates_and_ours_keep_theirs() -> None:
    """With the tz extra, a foreign Point and a foreign track's ends get the zone where they are.

    A place written by torchrelay keeps the zone it was written with, ``None`` included.
    """
    from torchrelay.adapters import _zones

    need("the tz extra (tzfpy or timezonefinder)", _zones.finder() is not None)
    relay = kml.loads(
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
        "<Placemark><name>Irkutsk</name><Point><coordinates>104.28,52.29</coordinates></Point>"
        "</Placemark><Placemark><name>Run</name><LineString><coordinates>"
        "37.28,55.78 37.29,55.79</coordinates></LineString></Placemark></Document></kml>"
    )
    assert relay.places[0].timezone == "Asia/Irkutsk"
    assert (relay.legs[0].origin.timezone, relay.legs[0].destination.timezone) == (
        "Europe/Moscow",
        "Europe/Moscow",
    )
    unzoned = Place("Nowhere in particular", Coordinate(52.29, 104.28))
    leg = Leg(unzoned, unzoned, None, None, TransportMode.RUNNING, FlameState.LIT_TORCH)
    ours = Relay("r", None, [leg], places=[unzoned])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossWarning)
        again = kml.loads(kml.dumps(ours))
    assert again.places[0].timezone is None
    assert again.legs[0].origin.timezone is None


def test_track_texts_are_read_without_elements_and_still_within_limits() -> None:
    """A gx:Track's when and gx:coord are read as texts alone; the limits hold on them as on any.

    Two tracks in one parser chunk keep their own points; a TimeStamp's when is not a track's;
    an element inside a when ends its text; a text longer than max_token is refused.
    """
    two = (
        f"{HEAD}<Placemark><gx:MultiTrack>"
        "<gx:Track><when>2013-10-07T12:00:00Z</when><gx:coord>37.6 55.7 1</gx:coord></gx:Track>"
        "<gx:Track><when>2013-10-07T13:00:00Z</when><when>2013-10-07T13:00:01Z</when>"
        "<gx:coord>37.7 55.8 2</gx:coord><gx:coord>37.8 55.9 3</gx:coord></gx:Track>"
        "</gx:MultiTrack></Placemark>"
        "<Placemark><name>Mark</name><TimeStamp><when>2013-10-08</when></TimeStamp>"
        "<Point><coordinates>37.6,55.7</coordinates></Point></Placemark></kml>"
    )
    relay = _loads(two)
    path = relay.legs[0].path
    assert path is not None
    assert len(path) == 3
    assert path.segment_starts == (1,)
    assert path.times is not None
    assert list(np.diff(path.times)) == [3600.0, 1.0]
    assert [p.name for p in relay.places] == ["Mark"]
    inner = f"{HEAD}<Placemark><gx:Track><when>2013-10-07T12:00:00Z<b>x</b>junk</when>"
    inner += "<gx:coord>37.6 55.7 1</gx:coord></gx:Track></Placemark></kml>"
    (leg,) = _loads(inner).legs
    assert leg.path is not None
    assert leg.path.times is not None
    assert leg.path.times[0] == pendulum.datetime(2013, 10, 7, 12).timestamp()
    long = f"{HEAD}<Placemark><gx:Track><gx:coord>{'1' * 200} 1 1</gx:coord></gx:Track></Placemark></kml>"
    with pytest.raises(ParseError, match=r"<coord> holds a text .* longer than 100 characters"):
        _loads(long, max_token=100)
    many = "".join("<when>2013-10-07T12:00:00Z</when>" for _ in range(30))
    with pytest.raises(ParseError, match="more than 20 points"):
        _loads(f"{HEAD}<Placemark><gx:Track>{many}</gx:Track></Placemark></kml>", max_points=20)


def test_plain_column_and_field_names_read_as_keys() -> None:
    """Google's plain SimpleArrayData names and My Maps' field names with spaces read as keys.

    A column named ``heartrate`` is ``kml:heartrate``; a Data field ``Phone number`` is the
    extra ``kml:data:Phone%20number``; a name torchrelay wrote (``gpxtpx:hr``) is kept as it is.
    """
    text = (
        f"{HEAD}<Placemark><gx:Track><when>2010-05-28T02:02:09Z</when><gx:coord>1 2 3</gx:coord>"
        "<ExtendedData><SchemaData>"
        '<gx:SimpleArrayData name="heartrate"><gx:value>120</gx:value></gx:SimpleArrayData>'
        '<gx:SimpleArrayData name="gpxtpx:hr"><gx:value>121</gx:value></gx:SimpleArrayData>'
        "</SchemaData></ExtendedData></gx:Track></Placemark>"
        '<Placemark><ExtendedData><Data name="Phone number"><value>v</value></Data>'
        '<SchemaData><SimpleData name="50% done">w</SimpleData></SchemaData></ExtendedData>'
        "<Point><coordinates>1,2</coordinates></Point></Placemark></kml>"
    )
    relay = _loads(text)
    path = relay.legs[0].path
    assert path is not None
    assert path.columns is not None
    assert sorted(path.columns) == ["gpxtpx:hr", "kml:heartrate"]
    assert float(path.columns["kml:heartrate"][0]) == 120
    assert dict(relay.places[0].extras) == {
        "kml:data:Phone%20number": "v",
        "kml:data:50%25%20done": "w",
    }


@pytest.mark.parametrize("encoding", ["EUC-JP", "Shift_JIS", "GB2312", "Big5"])
def test_a_multi_byte_encoding_is_a_parse_error(encoding: str) -> None:
    """Expat reads no multi-byte encoding but UTF-8 and UTF-16: the reader says so, in both formats."""
    head = f'<?xml version="1.0" encoding="{encoding}"?>'
    with pytest.raises(
        ParseError, match=r"e.kml: line 1, column \d+: .*multi-byte.*save it as UTF-8"
    ):
        _loads(io.BytesIO(f'{head}<kml xmlns="http://www.opengis.net/kml/2.2"/>'.encode()), "e.kml")
    with pytest.raises(ParseError, match="multi-byte"):
        torchrelay.adapters.gpx.loads(f'{head}<gpx version="1.1" creator="x"/>'.encode())


def test_tabs_and_line_breaks_in_names_come_back() -> None:
    """Names go into attributes, where a tab or a line break would come back as a space."""
    place = Place("Tab\there", Coordinate(1.0, 2.0))
    leg = Leg(place, place, None, None, TransportMode.RUNNING, FlameState.LIT_TORCH, name="a\r\nb")
    relay = Relay("Line\nbreak", None, [leg], places=[place])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossWarning)
        again = kml.loads(kml.dumps(relay))
        by_gpx = torchrelay.adapters.gpx.loads(torchrelay.adapters.gpx.dumps(relay))
    assert again == relay
    assert by_gpx == relay


def test_a_bad_time_names_its_place_once() -> None:
    """The file, line and column come once, before what is wrong."""
    text = (
        f"{HEAD}<Placemark><TimeSpan><begin>2013-10-07T12:00:00+0400</begin></TimeSpan>"
        "<LineString><coordinates>1,2 3,4</coordinates></LineString></Placemark></kml>"
    )
    with pytest.raises(ParseError) as caught:
        _loads(io.BytesIO(text.encode()), "t.kml")
    assert str(caught.value).count("t.kml") == 1
    assert re.match(r"t.kml: line 1, column \d+: <begin> not an RFC 3339 time", str(caught.value))


def test_every_real_file_comes_back_through_every_xml_and_json_format() -> None:
    """A real KML file read, written to KML, KMZ, GPX or GeoJSON and read back, keeps what each keeps."""
    from torchrelay.adapters import geojson, gpx, kmz
    from torchrelay.testing import assert_equivalent

    for path in sorted(shared("realdata", "kml").glob("*.kml")):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LossWarning)
            relay = torchrelay.load(path)
            for fmt in (kml, kmz, gpx, geojson):
                again = fmt.loads(fmt.dumps(relay))
                assert_equivalent(relay, again, keeps=fmt.FORMAT.keeps)
