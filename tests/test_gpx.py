"""GPX: real files, hostile files, round trips, and tools nobody here wrote."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import pathlib
import re
import warnings
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

import torchrelay
from _xmltools import SCHEMAS, need, ogrinfo, shared, xmllint
from torchrelay import Coordinate, FlameState, Leg, LegStatus, Path, Place, Relay, TransportMode
from torchrelay.adapters import Feature, gpx, native
from torchrelay.adapters._gpx_ext import read_native, write_native
from torchrelay.datasets import sochi_2014
from torchrelay.exceptions import LossWarning, ParseError, TorchRelayError
from torchrelay.testing import assert_equivalent, relays

try:
    import gpxpy
except ImportError:  # pragma: no cover - the test extra has it
    gpxpy = None


def _read(path: pathlib.Path) -> Relay:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossWarning)
        with path.open("rb") as handle:
            return gpx.loads(handle, source=path.name)


def _real_files() -> list[pathlib.Path]:
    folder = pathlib.Path(__file__).resolve().parents[2] / "shared" / "realdata" / "gpx"
    return sorted(folder.glob("*.gpx")) if folder.is_dir() else []


REAL = _real_files()
# legs, places, points of the first leg, columns of the first path
EXPECTED = {
    "gpxpy__Mojstrovka.gpx": (1, 0, 184, set()),
    "gpxpy__gpx1.1_with_all_fields.gpx": (3, 2, 3, None),
    "gpxpy__gpx1.0_with_all_fields.gpx": (3, 2, 3, None),
    "gpxpy__track-with-empty-segment.gpx": (1, 0, 9, set()),
    "togeojson__run_gpxtpx.gpx": (1, 0, 1118, {"gpxtpx:hr"}),
    "togeojson__strava.gpx": (1, 0, 3, {"gpxtpx:hr", "gpxtpx:cad", "gpxtpx:atemp", "gpx:power"}),
    "togeojson__missing_hr.gpx": (1, 0, 16, {"gpxtpx:hr"}),
    "togeojson__apple_watch_route.gpx": (
        1,
        0,
        44,
        {"gpx:speed", "gpx:course", "gpx:hAcc", "gpx:vAcc"},
    ),
    "togeojson__wpt.gpx": (0, 40, None, None),
    "gpxpy__unicode_with_bom.gpx": (0, 1, None, None),
    "togeojson__empty_trk.gpx": (0, 0, None, None),
}


def test_every_real_file_is_expected() -> None:
    """The table above names real files that exist, so it cannot go stale silently."""
    names = {p.name for p in REAL}
    need("shared/realdata/gpx", bool(names))
    assert set(EXPECTED) <= names


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_reads_every_real_file_and_writes_it_back_the_same(path: pathlib.Path) -> None:
    """Each real file reads; written as GPX and read again it is the same relay."""
    relay = _read(path)
    if path.name in EXPECTED:
        legs, places, points, columns = EXPECTED[path.name]
        assert (len(relay.legs), len(relay.places)) == (legs, places)
        if points is not None:
            first = relay.legs[0].path
            assert first is not None
            assert len(first) == points
            if columns is not None:
                assert set(first.columns) == columns
    again = gpx.loads(gpx.dumps(relay))
    assert again == relay


def test_heart_rate_is_numbers_and_times_keep_offsets() -> None:
    """Per-point extension values are numbers; a time with +01:00 keeps its offset."""
    folder = shared("realdata", "gpx")
    run = _read(folder / "togeojson__run_gpxtpx.gpx").legs[0].path
    assert run is not None
    assert run.columns["gpxtpx:hr"].dtype == np.float64
    assert not np.isnan(run.columns["gpxtpx:hr"]).any()
    gdal = _read(folder / "togeojson__gdal.gpx")
    assert gdal.places[0].extras["gpx:time"] == "2007-11-25T17:58:00+01:00"
    text = "<gpx><trk><trkseg><trkpt lat='1' lon='2'><time>2007-11-25T17:58:00+01:00</time></trkpt>"
    path = gpx.loads(text + "</trkseg></trk></gpx>").legs[0].path
    assert path is not None
    assert path.offsets is not None
    assert path.offsets.tolist() == [3600]
    assert path.times is not None
    assert path.times.tolist() == [1196009880.0]


def test_personal_metadata_is_marked_and_redacted() -> None:
    """The metadata author's name, e-mail and link are personal: redact=True leaves them out."""
    relay = _read(shared("realdata", "gpx") / "gpxpy__gpx1.1_with_all_fields.gpx")
    assert relay.extras["gpx:author"] == "author name"
    assert relay.extras["gpx:email"] == "aaa@bbb.com"
    assert relay.extras["gpx:author-link"] == "http://link"
    assert torchrelay.is_personal_key("gpx:author")
    text = gpx.dumps(relay)
    assert "author name" in text
    assert 'domain="bbb.com"' in text
    hidden = gpx.dumps(relay, redact=True)
    assert "author name" not in hidden
    assert "bbb.com" not in hidden
    assert 'http://link"' not in hidden
    assert "gpx:author" not in gpx.loads(hidden).extras


@pytest.mark.skipif(gpxpy is None, reason="gpxpy is not installed")
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_points_elevations_and_times_equal_gpxpys(path: pathlib.Path) -> None:
    """Differential: the track and route points we read are gpxpy's, in order."""
    assert gpxpy is not None
    with path.open("rb") as handle:
        theirs = gpxpy.parse(handle)
    relay = _read(path)
    for status, groups in (
        (LegStatus.HELD, [[p for s in t.segments for p in s.points] for t in theirs.tracks]),
        (LegStatus.PLANNED, [r.points for r in theirs.routes]),
    ):
        expected = [g for g in groups if g]
        ours = [leg.path for leg in relay.legs if leg.status is status and leg.path is not None]
        assert len(ours) == len(expected)
        for mine, points in zip(ours, expected, strict=True):
            _same_points(mine, points)


def _same_points(path: Path, points: list[object], *, long_fractions: int = 0) -> None:
    assert len(path) == len(points)
    lats = [p.latitude for p in points]  # type: ignore[attr-defined]
    lons = [p.longitude for p in points]  # type: ignore[attr-defined]
    eles = [math.nan if p.elevation is None else p.elevation for p in points]  # type: ignore[attr-defined]
    assert path.latitudes.tolist() == lats
    assert path.longitudes.tolist() == lons
    ours = path.altitudes.tolist() if path.altitudes is not None else [math.nan] * len(path)
    assert np.array_equal(np.array(ours), np.array(eles), equal_nan=True)
    stamps = []
    for p in points:
        t = p.time  # type: ignore[attr-defined]
        if t is None:
            stamps.append(math.nan)
        else:
            stamps.append((t if t.tzinfo else t.replace(tzinfo=dt.UTC)).timestamp())
    mine = np.array(path.times.tolist() if path.times is not None else [math.nan] * len(path))
    theirs = np.array(stamps)
    # gpxpy reads no time with more than six digits of fraction, which we write
    # only where fewer would not read back as the same float.
    missing = np.isnan(theirs) & ~np.isnan(mine)
    assert missing.sum() <= long_fractions
    mine[missing] = math.nan
    assert np.allclose(mine, theirs, equal_nan=True, rtol=0, atol=1e-6)


# -- Hostile and malformed input -------------------------------------------------

BAD = {
    "billion_laughs.gpx": "DOCTYPE",
    "quadratic_blowup.kml": "DOCTYPE",
    "xxe_local_file.gpx": "DOCTYPE",
    "xxe_network.kml": "DOCTYPE",
    "xxe_parameter_entity.gpx": "DOCTYPE",
    "external_dtd.gpx": "DOCTYPE",
    "xinclude.kml": "not a GPX document",
    "remote_schemalocation.gpx": None,
    "kml_networklink_loopback.kml": "not a GPX document",
    "deeply_nested.kml": "not a GPX document",
    "large_token.gpx": None,
    "wrong_encoding_latin1_declared_utf8.gpx": "not well-formed",
    "cp1251_declared_ok.gpx": None,
    "utf16le_bom_ok.gpx": None,
    "utf8_bom_ok.kml": "not a GPX document",
    "bom_then_whitespace_before_decl.gpx": "declaration not at start",
    "nul_byte.gpx": "not well-formed",
    "truncated.gpx": "unclosed token",
    "empty.gpx": "the document is empty",
    "json_in_gpx.gpx": "not well-formed",
    "nan_inf_coords.gpx": "is not a number from -90 to 90",
}


def _bad_files() -> list[pathlib.Path]:
    folder = pathlib.Path(__file__).resolve().parents[2] / "shared" / "badinput" / "xml"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_every_hostile_file_is_expected() -> None:
    """The table names every file in badinput/xml, so a new one cannot go untested."""
    names = {p.name for p in _bad_files()}
    need("shared/badinput/xml", bool(names))
    assert names == set(BAD)


@pytest.mark.parametrize("path", _bad_files(), ids=lambda p: p.name)
def test_hostile_files_fail_cleanly_or_read(path: pathlib.Path) -> None:
    """A ParseError naming the file, line and column, or the documented lenient result."""
    expected = BAD[path.name]
    if expected is None:
        relay = _read(path)
        assert relay.places or relay.legs
        return
    with pytest.raises(ParseError) as caught:
        _read(path)
    text = str(caught.value)
    assert expected in text
    assert text.startswith(f"{path.name}: line ")


def test_bad_encoding_and_cyrillic_are_read_as_declared() -> None:
    """windows-1251 and UTF-16 with a BOM are honoured (gpxpy fails on both)."""
    folder = shared("badinput", "xml")
    assert _read(folder / "cp1251_declared_ok.gpx").places[0].name == "Москва"
    assert _read(folder / "utf16le_bom_ok.gpx").places[0].name == "Санкт-Петербург"


def _track(n: int) -> str:
    points = "".join(f'<trkpt lat="1.{i}" lon="2.{i}"><ele>{i}</ele></trkpt>' for i in range(n))
    return f'<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1" creator="t"><trk><trkseg>{points}</trkseg></trk></gpx>'


def test_limits_are_counted_and_can_be_raised() -> None:
    """Each limit refuses with its option's name; raising it reads the document."""
    text = _track(20)
    for option, value in (
        ("max_points", 10),
        ("max_bytes", 100),
        ("max_depth", 3),
        ("max_elements", 5),
    ):
        with pytest.raises(ParseError, match=f"pass a larger {option}="):
            gpx.loads(text, **{option: value})
    deep = "<gpx>" + "<extensions>" * 300 + "</extensions>" * 300 + "</gpx>"
    with pytest.raises(ParseError, match="deeper than 256"):
        gpx.loads(deep)
    assert gpx.loads(deep, max_depth=400).legs == ()
    long = f'<gpx><wpt lat="1" lon="2"><name>{"x" * 100}</name></wpt></gpx>'
    with pytest.raises(ParseError, match="max_token"):
        gpx.loads(long, max_token=50)
    assert len(gpx.loads(text, max_points=20).legs[0].path or ()) == 20
    with pytest.raises(TypeError, match="no option 'max_entries'"):
        gpx.loads(text, max_entries=3)


def test_a_bad_point_is_named_by_line_and_column() -> None:
    """A value error in the stream names the element's own line, found by parsing again."""
    text = "<gpx>\n<trk><trkseg>\n<trkpt lat='1' lon='2'/>\n  <trkpt lat='91' lon='2'/></trkseg></trk></gpx>"
    with pytest.raises(ParseError, match=r"^x.gpx: line 4, column 3: <trkpt> lat='91'"):
        gpx.loads(io.BytesIO(text.encode()), source="x.gpx")
    with pytest.raises(
        ParseError, match="line 1, column 1: not a GPX document: the root element is <kml>"
    ):
        gpx.loads("<kml/>")
    with pytest.raises(ParseError, match="<time> 'noon' is not a date and time"):
        gpx.loads(
            "<gpx><trk><trkseg><trkpt lat='1' lon='2'><time>noon</time></trkpt></trkseg></trk></gpx>"
        )


def test_a_track_without_points_is_reported_as_a_loss() -> None:
    """An empty trk is not kept, and reading says so."""
    with pytest.warns(LossWarning, match="GPX track without points"):
        relay = gpx.loads("<gpx><trk><name>x</name><trkseg/></trk></gpx>")
    assert relay.legs == ()


# -- Round trips ------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(relays())
def test_round_trip_keeps_what_gpx_keeps(relay: Relay) -> None:
    """Written as GPX and read back, a relay is equivalent on every feature GPX keeps.

    Claims, sponsors, campaigns, sources, torchbearers and rest days included.
    """
    assert_equivalent(relay, gpx.loads(gpx.dumps(relay)), keeps=gpx.FORMAT.keeps)


def test_gpx_keeps_every_feature() -> None:
    """Since claims, sponsors, torchbearers and rest days are in the extension, nothing is lost."""
    assert set(Feature) == gpx.KEEPS
    relay = sochi_2014()
    assert relay.claims
    assert relay.sponsors
    assert relay.rest_days
    assert any(leg.torchbearers for _, leg in relay.all_legs())
    with warnings.catch_warnings():
        warnings.simplefilter("error", LossWarning)
        text = gpx.dumps(relay)
    assert '<tr:native field="claims">' in text
    assert '<tr:native field="torchbearers">' in text
    assert gpx.loads(text) == relay


def test_native_fields_hold_the_native_encoding() -> None:
    """Each tr:native holds the field's value exactly as the native format writes it."""
    relay = sochi_2014()
    ours = json.loads(native.dumps(relay))
    root = ET.fromstring(gpx.dumps(relay))
    found = root.find(f".//{{{gpx.EXTENSION_NAMESPACE}}}relay")
    assert found is not None
    fields = {e.get("field"): json.loads(e.text or "") for e in found if e.tag.endswith("native")}
    assert set(fields) <= {"sponsors", "campaigns", "claims", "rest_days", "sources"}
    for name, value in fields.items():
        assert value == ours[name], name


def test_the_native_fields_are_reusable_outside_gpx() -> None:
    """write_native and read_native work on any element holding tr:native (KML's ExtendedData)."""
    relay = sochi_2014()
    leg = next(leg for _, leg in relay.all_legs() if leg.torchbearers)
    for value, cls in ((relay, Relay), (leg, Leg)):
        text = f'<data xmlns:tr="{gpx.EXTENSION_NAMESPACE}">{write_native(value)}</data>'
        got = read_native(ET.fromstring(text), cls, "data", "x.kml")
        assert got
        assert all(got[name] == getattr(value, name) for name in got)
    assert write_native(Relay("empty", None, [])) == ""


def test_redact_removes_torchbearers_personal_data_from_the_extension() -> None:
    """redact=True leaves torchbearers' names and stories out of tr:native too."""
    relay = sochi_2014()
    names = {tb.name for _, leg in relay.all_legs() for tb in leg.torchbearers if tb.name}
    assert names
    plain, redacted = gpx.dumps(relay), gpx.dumps(relay, redact=True)
    assert any(name in plain for name in names)
    assert not any(f'"name":{json.dumps(name, ensure_ascii=False)}' in redacted for name in names)
    back = gpx.loads(redacted)
    assert all(
        tb.name is None and tb.story is None
        for _, leg in back.all_legs()
        for tb in leg.torchbearers
    )
    assert sum(len(leg.torchbearers) for _, leg in back.all_legs()) == sum(
        len(leg.torchbearers) for _, leg in relay.all_legs()
    )


_NATIVE_DOC = (
    '<gpx xmlns="http://www.topografix.com/GPX/1/1" xmlns:tr="{tr}"><metadata><extensions>'
    '<tr:relay name="r">{native}</tr:relay></extensions></metadata></gpx>'
)


@pytest.mark.parametrize(
    ("native_text", "expected"),
    [
        ('<tr:native field="claims">[{</tr:native>', "tr:native field='claims': not JSON"),
        ('<tr:native field="colour">[]</tr:native>', "relays have no such field"),
        ('<tr:native field="claims">[{"figure": 1}]</tr:native>', "claims[0]"),
        ('<tr:native field="rest_days">{}</tr:native>', "rest_days"),
    ],
)
def test_bad_native_fields_are_named(native_text: str, expected: str) -> None:
    """A tr:native that is not JSON, names no field, or is refused names where it went wrong."""
    text = _NATIVE_DOC.format(tr=gpx.EXTENSION_NAMESPACE, native=native_text)
    with pytest.raises(ParseError, match=re.escape(expected)) as caught:
        gpx.loads(text, source="n.gpx")
    assert str(caught.value).startswith("n.gpx: ")
    assert "tr:relay/tr:native field=" in str(caught.value)


def test_a_bad_leg_native_field_is_named() -> None:
    """tr:native in tr:leg is read with the leg's fields."""
    doc = gpx.dumps(sochi_2014())
    bad = re.sub(
        r'<tr:native field="torchbearers">[^<]*</tr:native>',
        '<tr:native field="torchbearers">[{"age": -4}]</tr:native>',
        doc,
        count=1,
    )
    assert bad != doc
    with pytest.raises(
        ParseError, match=re.escape("tr:leg/tr:native field='torchbearers': torchbearers[0].age")
    ):
        gpx.loads(bad)


def test_offsets_fractions_and_the_antimeridian_survive() -> None:
    """Times keep offsets and every digit of their fraction; longitudes stay in [-180, 180)."""
    path = Path.from_arrays(
        [64.7, 64.8, 0.00001],
        [-180.096, 179.99999999999997, 1e-05],
        [1e-7, math.nan, 2.5],
        [1_381_132_800.1 + 1e-7, math.nan, 1_381_132_900.0],
        offsets=[12 * 3600, None, None],
    )
    place = Place("Anadyr", Coordinate(64.7, 177.5))
    leg = Leg(place, place, None, None, TransportMode.RUNNING, FlameState.LIT_TORCH, path=path)
    relay = Relay("Chukotka", None, [leg])
    text = gpx.dumps(relay)
    assert 'lon="179.904"' in text
    assert "e-" not in text.split("<trk>")[1]
    assert gpx.loads(text) == relay


def test_sochi_exports_valid_gpx(tmp_path: pathlib.Path) -> None:
    """Sochi 2014 as GPX: valid against the official XSD and ours, read by GDAL and gpxpy."""
    relay = sochi_2014()
    target = tmp_path / "sochi.gpx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossWarning)
        torchrelay.dump(relay, target)
    official = SCHEMAS / "gpx11" / "gpx.xsd"
    need("the GPX 1.1 schema", official.is_file())
    result = xmllint(target, official)
    assert result.returncode == 0, result.stderr
    wrapper = tmp_path / "both.xsd"
    ours = tmp_path / "torchrelay-gpx-1.xsd"
    ours.write_text(gpx.extension_schema(), encoding="utf-8")
    wrapper.write_text(
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        f'<xsd:import namespace="http://www.topografix.com/GPX/1/1" schemaLocation="{official}"/>'
        f'<xsd:import namespace="{gpx.EXTENSION_NAMESPACE}" schemaLocation="{ours}"/>'
        "</xsd:schema>",
        encoding="utf-8",
    )
    result = xmllint(target, wrapper)
    assert result.returncode == 0, result.stderr
    listing = ogrinfo(target)
    assert "Layer name: tracks" in listing
    assert "Layer name: track_points" in listing
    assert f"Feature Count: {len(relay.legs) + sum(len(b.legs) for b in relay.branches)}" in listing
    need("gpxpy", gpxpy is not None)
    assert gpxpy is not None
    with target.open("rb") as handle:
        theirs = gpxpy.parse(handle)
    assert theirs.creator.startswith("torchrelay ")
    assert [t.name for t in theirs.tracks][: len(relay.legs)] == [leg.name for leg in relay.legs]


_DIGITS = re.compile(r"'(-?[0-9]*\.?[0-9]+)' is not a valid value of the atomic type")


def _real_errors(stderr: str) -> list[str]:
    """xmllint's errors other than libxml2's own limit of 24 digits in an xsd:decimal."""
    errors = []
    for line in stderr.splitlines():
        if "validates" in line or "fails to validate" in line or not line.strip():
            continue
        found = _DIGITS.search(line)
        if found and len(found.group(1).replace("-", "").replace(".", "")) > 24:
            continue
        errors.append(line)
    return errors


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(relays(max_legs=6, max_branches=2))
def test_generated_relays_are_schema_valid(
    tmp_path_factory: pytest.TempPathFactory, relay: Relay
) -> None:
    """Generated relays, written as GPX, pass xmllint and read in gpxpy with the same points."""
    folder = tmp_path_factory.mktemp("gpx")
    target = folder / "r.gpx"
    text = gpx.dumps(relay)
    target.write_text(text, encoding="utf-8")
    result = xmllint(target, SCHEMAS / "gpx11" / "gpx.xsd")
    # libxml2 checks an xsd:decimal with at most 24 digits; a coordinate below
    # 1e-7 written exactly has more, which the schema itself allows.
    assert result.returncode == 0 or not _real_errors(result.stderr), result.stderr
    need("gpxpy", gpxpy is not None)
    assert gpxpy is not None
    with target.open("rb") as handle:
        theirs = gpxpy.parse(handle)
    legs = [leg for _, leg in relay.all_legs()]
    for leg, track in zip(legs, theirs.tracks, strict=True):
        points = [p for s in track.segments for p in s.points]
        if leg.path is None:
            assert points == []
        else:
            _same_points(leg.path, points, long_fractions=len(re.findall(r"\.\d{7,}", text)))


def test_bad_gpx_is_a_torchrelay_error() -> None:
    """Only torchrelay's errors escape a read: a bad value, an unknown encoding."""
    with pytest.raises(ParseError, match="unknown encoding: TF-8"):
        gpx.loads(b'<?xml version="1.0" encoding="TF-8"?><gpx/>')
    with pytest.raises(TorchRelayError):
        gpx.loads(b"<gpx><wpt lat='x' lon='1'/></gpx>")


def test_load_and_dump_by_file_name_and_by_sniffing(tmp_path: pathlib.Path) -> None:
    """A .gpx path picks GPX; a GPX document without that name is told by its first bytes."""
    relay = sochi_2014()
    target = tmp_path / "sochi.gpx"
    with warnings.catch_warnings():
        warnings.simplefilter("error", LossWarning)
        losses = torchrelay.dump(relay, target)
    assert losses == ()
    assert torchrelay.load(target) == relay
    unnamed = tmp_path / "track.xml"
    unnamed.write_bytes(
        b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- c --><gpx><wpt lat='1' lon='2'/></gpx>"
    )
    assert torchrelay.load(unnamed).places[0].coordinate.latitude == 1.0
    assert not gpx.FORMAT.sniff(b"<kml><gpx/></kml>")
    assert gpx.FORMAT.sniff("<gpx>".encode("utf-16"))


def test_foreign_tracks_and_waypoints_get_zones_from_coordinates() -> None:
    """With the tz extra, a watch's track and a waypoint get the zone where they are; ours keep None."""
    from torchrelay.adapters import _zones

    need("the tz extra (tzfpy or timezonefinder)", _zones.finder() is not None)
    relay = gpx.loads(
        '<gpx version="1.1" creator="w" xmlns="http://www.topografix.com/GPX/1/1">'
        '<wpt lat="52.29" lon="104.28"><name>Irkutsk</name></wpt>'
        '<trk><trkseg><trkpt lat="55.78" lon="37.28"/><trkpt lat="55.79" lon="37.29"/>'
        "</trkseg></trk></gpx>"
    )
    assert relay.places[0].timezone == "Asia/Irkutsk"
    assert relay.legs[0].origin.timezone == relay.legs[0].destination.timezone == "Europe/Moscow"
    unzoned = Place("Nowhere in particular", Coordinate(52.29, 104.28))
    leg = Leg(unzoned, unzoned, None, None, TransportMode.RUNNING, FlameState.LIT_TORCH)
    again = gpx.loads(gpx.dumps(Relay("r", None, [leg], places=[unzoned])))
    assert again.places[0].timezone is None
    assert again.legs[0].origin.timezone is None
