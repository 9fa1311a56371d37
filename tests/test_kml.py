"""KML and KMZ export: the schemas, GDAL and fastkml on what we write, round trips, KMZ safety."""

from __future__ import annotations

import io
import math
import pathlib
import re
import struct
import subprocess
import sys
import tracemalloc
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings

import torchrelay
from _xmltools import SCHEMAS, need, ogrinfo, shared, xmllint
from test_gpx import _real_errors  # libxml2's 24-digit limit on xsd:decimal
from torchrelay import (
    Coordinate,
    FlameState,
    Leg,
    Path,
    Place,
    Relay,
    TimePrecision,
    TransportMode,
)
from torchrelay.adapters import Feature, format_for, get_format, gpx, kml, kmz
from torchrelay.adapters._kml_write import mode_colour
from torchrelay.datasets import london_2012, paris_2024, sochi_2014
from torchrelay.exceptions import LossWarning, ParseError
from torchrelay.testing import assert_equivalent, relays

try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fastkml warns that lxml is missing
        from fastkml import kml as fastkml
except ImportError:  # pragma: no cover - the test extra has it
    fastkml = None

KML22 = "http://www.opengis.net/kml/2.2"
GX = "http://www.google.com/kml/ext/2.2"


def _quiet_dumps(relay: Relay, fmt: Any = kml) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossWarning)
        return fmt.dumps(relay)


def _schema(folder: pathlib.Path, *, ours: bool = False) -> pathlib.Path:
    """A wrapper XSD importing OGC KML 2.2, Google's gx and, if *ours*, torchrelay's extension."""
    ogc, gx = SCHEMAS / "kml22" / "ogckml22.xsd", SCHEMAS / "kml22" / "kml22gx.xsd"
    need("the KML 2.2 schemas", ogc.is_file() and gx.is_file())
    imports = [(KML22, ogc), (GX, gx)]
    if ours:
        mine = folder / "torchrelay-gpx-1.xsd"
        mine.write_text(gpx.extension_schema(), encoding="utf-8")
        imports.append((kml.EXTENSION_NAMESPACE, mine))
    wrapper = folder / ("kml-tr.xsd" if ours else "kml.xsd")
    wrapper.write_text(
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        + "".join(f'<xsd:import namespace="{ns}" schemaLocation="{loc}"/>' for ns, loc in imports)
        + "</xsd:schema>",
        encoding="utf-8",
    )
    return wrapper


def _valid(document: pathlib.Path, schema: pathlib.Path) -> None:
    result = xmllint(document, schema)
    assert result.returncode == 0, result.stderr[:4000]


def _placemarks(feature: Any) -> Iterator[Any]:
    for child in getattr(feature, "features", None) or ():
        if type(child).__name__ == "Placemark":
            yield child
        else:
            yield from _placemarks(child)


def _fastkml_placemarks(text: str) -> list[Any]:
    need("fastkml", fastkml is not None)
    assert fastkml is not None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        document = fastkml.KML.from_string(text.encode("utf-8"))
    return [p for f in document.features for p in _placemarks(f)]


def _fastkml_containers(text: str) -> dict[str | None, list[Any]]:
    """fastkml's Placemarks of the Document (key ``None``) and of each Folder, by folder name."""
    need("fastkml", fastkml is not None)
    assert fastkml is not None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        document = fastkml.KML.from_string(text.encode("utf-8")).features[0]
    out: dict[str | None, list[Any]] = {None: []}
    for child in document.features:
        if type(child).__name__ == "Placemark":
            out[None].append(child)
        else:
            out[child.name] = list(_placemarks(child))
    return out


def _positions(geometry: Any) -> list[tuple[float, float]]:
    """Every (lon, lat) of a pygeoif geometry, in order."""
    kind = geometry.geom_type
    if kind == "Point":
        return [tuple(geometry.coords[0][:2])]
    if kind == "LineString":
        return [tuple(c[:2]) for c in geometry.coords]
    return [p for part in geometry.geoms for p in _positions(part)]


def _without_repeats(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The points less each that repeats the one before: pygeoif drops those from its lines."""
    return [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]


def _expected_placemarks(relay: Relay) -> list[tuple[str, Leg | Place]]:
    out: list[tuple[str, Leg | Place]] = []
    for _, leg in relay.all_legs():
        out.append((leg.name or f"{leg.origin.name} \u2192 {leg.destination.name}", leg))
    out.extend((place.name, place) for place in relay.places)
    return out


# -- Checked by tools nobody here wrote ------------------------------------------


@pytest.mark.parametrize("make", [sochi_2014, london_2012, paris_2024], ids=lambda f: f.__name__)
def test_datasets_export_schema_valid_kml(make: Any, tmp_path: pathlib.Path) -> None:
    """Each built-in relay as KML passes xmllint against OGC KML 2.2, gx and our extension."""
    target = tmp_path / "relay.kml"
    target.write_text(_quiet_dumps(make()), encoding="utf-8")
    _valid(target, _schema(tmp_path))
    _valid(target, _schema(tmp_path, ours=True))


def test_sochi_in_gdal_and_fastkml(tmp_path: pathlib.Path) -> None:
    """GDAL lists a layer a branch and the Data fields; fastkml finds our placemarks and points."""
    relay = sochi_2014()
    text = _quiet_dumps(relay)
    target = tmp_path / "sochi.kml"
    target.write_text(text, encoding="utf-8")
    listing = ogrinfo(target)
    layers = re.findall(r"^Layer name: (.+)$", listing, re.MULTILINE)
    assert layers == [relay.name, *(b.name for b in relay.branches)]
    for field in ("id", "mode", "flame", "status", "precision", "departs", "arrives"):
        assert re.search(rf"^{field}: String", listing, re.MULTILINE), field
    main = len(relay.legs) + len(relay.places)
    assert f"Feature Count: {main}" in listing
    theirs = _fastkml_placemarks(text)
    expected = _expected_placemarks(relay)
    assert sorted(p.name for p in theirs) == sorted(name for name, _ in expected)
    by_name: dict[str, list[Any]] = {}
    for p in theirs:
        by_name.setdefault(p.name, []).append(p)
    for name, item in expected:
        candidates = by_name[name]
        points = [_positions(p.geometry) for p in candidates]
        if isinstance(item, Place):
            c = item.coordinate
            assert [(c.longitude, c.latitude)] in points
        else:
            o, d = item.origin.coordinate, item.destination.coordinate
            assert any(
                line[0] == (o.longitude, o.latitude)
                and math.isclose(line[-1][0], d.longitude)
                and math.isclose(line[-1][1], d.latitude)
                for line in points
            ), name


def _fully_dimensioned(relay: Relay) -> bool:
    """Whether each path has an altitude at every point or at none (pygeoif refuses a mix)."""
    for _, leg in relay.all_legs():
        alts = None if leg.path is None else leg.path.altitudes
        if alts is not None and any(math.isnan(a) for a in alts.tolist()):
            return False
    return True


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(relays(with_claims=False, max_legs=5, max_branches=2))
def test_generated_relays_are_schema_valid_and_read_by_fastkml(
    tmp_path_factory: pytest.TempPathFactory, relay: Relay
) -> None:
    """Generated relays as KML pass xmllint; fastkml reads the same placemarks and path points."""
    folder = tmp_path_factory.mktemp("kml")
    target = folder / "r.kml"
    text = _quiet_dumps(relay)
    target.write_text(text, encoding="utf-8")
    result = xmllint(target, _schema(folder, ours=True))
    assert result.returncode == 0 or not _real_errors(result.stderr), result.stderr[:4000]
    if not _fully_dimensioned(relay):
        return
    theirs = _fastkml_placemarks(text)
    expected = _expected_placemarks(relay)
    assert len(theirs) == len(expected)
    # fastkml strips the spaces around a name, as XML text often is
    assert sorted(p.name for p in theirs) == sorted(name.strip() for name, _ in expected)
    containers = _fastkml_containers(text)
    legs = list(relay.legs)
    assert [type(p).__name__ for p in containers[None]] == ["Placemark"] * (
        len(legs) + len(relay.places)
    )
    groups = [(None, legs)] + [(b.name, list(b.legs)) for b in relay.branches]
    for name, group in groups:
        found = containers[name][: len(group)] if name is None else containers[name]
        for placemark, leg in zip(found, group, strict=True):
            if leg.path is not None:
                path_points = list(
                    zip(leg.path.longitudes.tolist(), leg.path.latitudes.tolist(), strict=True)
                )
                assert _without_repeats(_positions(placemark.geometry)) == _without_repeats(
                    path_points
                )


def test_kmz_is_a_zip_that_gdal_reads(tmp_path: pathlib.Path) -> None:
    """A KMZ export unzips to doc.kml, the KML export, and GDAL reads it as KML."""
    relay = sochi_2014()
    data = _quiet_dumps(relay, kmz)
    assert isinstance(data, bytes)
    assert data == _quiet_dumps(relay, kmz)  # the same bytes every time
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["doc.kml"]
        assert archive.read("doc.kml").decode("utf-8") == _quiet_dumps(relay)
    target = tmp_path / "sochi.kmz"
    target.write_bytes(data)
    listing = ogrinfo(target)
    assert f"Layer name: {relay.name}" in listing
    assert "Layer name: space" in listing


# -- What the writer writes ------------------------------------------------------


def _chukotka() -> Relay:
    path = Path.from_arrays(
        [64.7, 64.8, 64.9, 65.0],
        [177.0, 179.9, -179.9, -178.0],
        [10.0, 11.0, 12.0, 13.0],
        [1_381_132_800.5, 1_381_132_860.0, 1_381_132_900.0, 1_381_133_000.0],
        offsets=[12 * 3600, None, 3600, 0],
        segment_starts=(2,),
        columns={"gpxtpx:hr": [120.0, math.nan, 130.0, 131.0], "gpx:sym": ["a", None, "b", "c"]},
    )
    anadyr = Place("Anadyr", Coordinate(64.7, 177.5), timezone="Asia/Anadyr")
    nome = Place("Nome", Coordinate(64.5, -165.4, altitude=5.0), timezone="America/Nome")
    start = pendulum.datetime(2013, 10, 8, 9, tz="Asia/Anadyr")
    end = pendulum.datetime(2013, 10, 8, 12, tz="Asia/Anadyr")
    run = Leg(anadyr, nome, None, None, TransportMode.RUNNING, FlameState.LIT_TORCH, path=path)
    fly = Leg(
        anadyr,
        nome,
        start,
        end,
        TransportMode.PLANE,
        FlameState.LANTERN,
        id="fly",
        precision=TimePrecision.DAY,
    )
    return Relay(
        "Chukotka",
        None,
        [run, fly],
        places=[nome],
        extras={"kml:atom:author": "A. Person", "kml:atom:author:email": "a@example.org"},
    )


def test_tracks_columns_geodesics_styles_and_times() -> None:
    """A timed path is a gx:MultiTrack with its columns; a flight its geodesic cut at 180°."""
    text = kml.dumps(_chukotka())
    assert text.count("<gx:Track>") == 2
    assert "<gx:MultiTrack>" in text
    assert text.count("<when>") == 4
    assert "<when>2013-10-07T20:00:00.5+12:00</when>" in text
    assert "<when>2013-10-07T08:01:00Z</when>" in text
    assert '<gx:SimpleArrayField name="gpxtpx:hr" type="double"/>' in text
    assert '<gx:SimpleArrayField name="gpx:sym" type="string"/>' in text
    assert "<gx:value>120.0</gx:value><gx:value/>" in text
    flight = text.split("<Placemark>")[2]
    assert "<MultiGeometry>" in flight
    assert "180.0," in flight
    assert "-180.0," in flight
    lons = [float(t.split(",")[0]) for t in re.findall(r"-?[\d.]+,-?[\d.]+", flight)]
    assert all(-180.0 <= x <= 180.0 for x in lons)
    assert "<TimeSpan><begin>2013-10-08</begin><end>2013-10-08</end></TimeSpan>" in flight
    assert '<Data name="departs"><value>2013-10-08T09:00:00+12:00[Asia/Anadyr]</value>' in flight
    assert "<styleUrl>#mode-plane</styleUrl>" in flight
    styles = re.findall(r'<Style id="([^"]+)">', text)
    assert styles == ["mode-running", "mode-plane"]
    assert set(re.findall(r"<styleUrl>#([^<]+)</styleUrl>", text)) == set(styles)
    assert "<altitudeMode>absolute</altitudeMode><coordinates>-165.4,64.5,5.0" in text


def test_an_offset_with_seconds_is_written_in_utc() -> None:
    """Local mean time (+02:30:17) has no xsd:dateTime offset: the TimeSpan says it in UTC."""
    moscow = Place("Moscow", Coordinate(55.75, 37.62), timezone="Europe/Moscow")
    begin = pendulum.datetime(1880, 5, 1, 12, tz="Europe/Moscow")
    leg = Leg(moscow, moscow, begin, begin.add(hours=1), TransportMode.HORSE, FlameState.LANTERN)
    text = kml.dumps(Relay("1880", None, [leg]))
    assert "<begin>1880-05-01T09:29:43Z</begin>" in text
    assert_equivalent(Relay("1880", None, [leg]), kml.loads(text), keeps=kml.KEEPS)


def test_every_mode_has_a_colour_of_its_own() -> None:
    """Modes are told apart in Google Earth: thirty-odd opaque KML colours, no two alike."""
    colours = [mode_colour(mode) for mode in TransportMode]
    assert len(set(colours)) == len(colours)
    assert all(re.fullmatch(r"ff[0-9a-f]{6}", c) for c in colours)


def test_atom_author_is_personal_and_redacted() -> None:
    """The relay's kml:atom:author is the Document's atom:author; redact=True leaves it out."""
    relay = _chukotka()
    assert torchrelay.is_personal_key("kml:atom:author:email")
    text = kml.dumps(relay)
    assert "<atom:author><atom:name>A. Person</atom:name>" in text
    assert "<atom:email>a@example.org</atom:email></atom:author>" in text
    for hidden in (kml.dumps(relay, redact=True), kmz.dumps(relay, redact=True).decode("latin-1")):
        assert "A. Person" not in hidden
        assert "example.org" not in hidden


def test_kml_keeps_every_feature_partly_timed_paths_too(tmp_path: pathlib.Path) -> None:
    """KML keeps every feature, as GPX does; a path a LineString cannot hold goes whole beside it.

    A path timed only in part, or untimed with columns, is drawn as a LineString and kept, as
    its native JSON, in a ``tr:native`` element beside ``tr:leg``: nothing is lost, no warning.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", LossWarning)
        lost = torchrelay.dump(sochi_2014(), tmp_path / "sochi.kml")
    assert lost == ()
    assert torchrelay.load(tmp_path / "sochi.kml") == sochi_2014()
    assert kml.KEEPS == gpx.KEEPS == frozenset(Feature)
    partly = Path.from_arrays(
        [1.0, 1.1, 1.2], [2.0, 2.1, 2.2], None, [0.0, math.nan, 9.5], columns={"ext:x": [1.0, 2, 3]}
    )
    untimed = Path.from_arrays([1.0, 1.1], [2.0, 2.1], None, None, columns={"ext:y": ["a", None]})
    place = Place("A", Coordinate(1.0, 2.0))
    legs = [
        Leg(place, place, None, None, TransportMode.RUNNING, FlameState.LIT_TORCH, path=path)
        for path in (partly, untimed)
    ]
    relay = Relay("r", None, legs)
    with warnings.catch_warnings():
        warnings.simplefilter("error", LossWarning)
        text = kml.dumps(relay)
        assert kmz.loads(kmz.dumps(relay)) == relay
    assert kml.loads(text) == relay
    assert text.count("<LineString>") == 2
    assert "<when>" not in text
    assert text.count('<tr:native field="path">') == 2
    target = tmp_path / "partly.kml"
    target.write_text(text, encoding="utf-8")
    result = xmllint(target, _schema(tmp_path, ours=True))
    assert result.returncode == 0 or not _real_errors(result.stderr), result.stderr[:2000]
    bad = text.replace('"times":[0.0,null,9.5]', '"times":"soon"')
    with pytest.raises(ParseError, match="tr:native field='path'"):
        kml.loads(bad)


def test_dumps_refuses_what_is_not_a_relay() -> None:
    """Writing something else is a typed error, not a traceback from deep inside."""
    with pytest.raises(TypeError, match="dumps\\(\\) takes a Relay"):
        kml.dumps("relay")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="no option 'max_entries'"):
        kml.loads("<kml/>", max_entries=3)


# -- Registry and command line ---------------------------------------------------


def test_kml_and_kmz_are_registered_and_sniffed() -> None:
    """.kml and .kmz pick their formats; their first bytes tell them without a name."""
    assert format_for("route.kml") is kml.FORMAT is get_format("kml")
    assert format_for("route.KMZ") is kmz.FORMAT is get_format("kmz")
    assert kmz.FORMAT.binary
    assert not kml.FORMAT.binary
    assert kml.FORMAT.sniff(b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- x --><kml xmlns="x">')
    assert kml.FORMAT.sniff("<kml/>".encode("utf-16"))
    assert not kml.FORMAT.sniff(b"<gpx><kml/></gpx>")
    assert not kml.FORMAT.sniff(b"\xff\xfe\x00\xd8")
    assert kmz.FORMAT.sniff(kmz.dumps(Relay("r", None, [])))
    assert not kmz.FORMAT.sniff(b"<kml/>")


def test_the_command_converts_to_kml_and_kmz(tmp_path: pathlib.Path) -> None:
    """``torchrelay convert x.relay.json y.kml`` (and ``y.kmz``) writes the format of the suffix."""
    source = tmp_path / "sochi.relay.json"
    torchrelay.dump(sochi_2014(), source)
    for name in ("sochi.kml", "sochi.kmz"):
        done = subprocess.run(
            [sys.executable, "-m", "torchrelay", "convert", str(source), str(tmp_path / name)],
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert b"could not hold" not in done.stderr  # KML keeps every feature
    assert (tmp_path / "sochi.kml").read_bytes() == _quiet_dumps(sochi_2014()).encode("utf-8")
    assert (tmp_path / "sochi.kmz").read_bytes() == _quiet_dumps(sochi_2014(), kmz)


# -- KMZ safety ------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _encrypted(data: bytes) -> bytes:
    """*data*'s one entry marked encrypted (general purpose flag bit 0), in both headers."""
    out = bytearray(data)
    out[out.index(b"PK\x03\x04") + 6] |= 0x1
    out[out.index(b"PK\x01\x02") + 8] |= 0x1
    return bytes(out)


def _unsupported(data: bytes) -> bytes:
    """*data*'s one entry compressed by a method zipfile does not know (99), in both headers."""
    out = bytearray(data)
    local = out.index(b"PK\x03\x04")
    out[local + 8 : local + 10] = (99).to_bytes(2, "little")
    central = out.index(b"PK\x01\x02")
    out[central + 10 : central + 12] = (99).to_bytes(2, "little")
    return bytes(out)


def _lying(data: bytes) -> bytes:
    """*data*'s one entry declared 10 bytes long, in both headers, though it is longer."""
    out = bytearray(data)
    local = out.index(b"PK\x03\x04")
    out[local + 22 : local + 26] = (10).to_bytes(4, "little")
    central = out.index(b"PK\x01\x02")
    out[central + 24 : central + 28] = (10).to_bytes(4, "little")
    return bytes(out)


DOC = b"<kml xmlns='http://www.opengis.net/kml/2.2'><Document/></kml>"


@pytest.mark.parametrize(
    ("data", "options", "message"),
    [
        (b"PK\x03\x04 not really", {}, "x.kmz: not a KMZ (a zip archive)"),
        (b"", {}, "x.kmz: the archive is empty"),
        (_zip({"doc.kml": DOC}), {"max_bytes": 20}, "pass a larger max_bytes="),
        (_zip({"a.kml": DOC, "b.png": b"", "c": b""}), {"max_entries": 2}, "max_entries="),
        (_zip({"doc.kml": DOC * 10}), {"max_uncompressed": 100}, "max_uncompressed="),
        (_zip({"../doc.kml": DOC}), {}, "x.kmz: entry '../doc.kml': its name is absolute"),
        (_zip({"/etc/doc.kml": DOC}), {}, "entry '/etc/doc.kml': its name is absolute"),
        (_zip({"C:\\doc.kml": DOC}), {}, "leads out of the archive"),
        (_zip({"images/a.png": b"x"}), {}, "x.kmz: the archive holds no KML document"),
        (_encrypted(_zip({"doc.kml": DOC})), {}, "x.kmz: entry doc.kml: the entry is encrypted"),
        (
            _lying(_zip({"doc.kml": DOC * 1000})),
            {},
            "x.kmz: entry doc.kml: cannot unpack: Bad CRC-32",
        ),
        (_unsupported(_zip({"doc.kml": DOC})), {}, "x.kmz: entry doc.kml: cannot unpack"),
    ],
    ids=[
        "not-zip",
        "empty",
        "max-bytes",
        "entries",
        "bomb",
        "climbs",
        "absolute",
        "drive",
        "no-kml",
        "encrypted",
        "lying-size",
        "method",
    ],
)
def test_kmz_refuses_hostile_archives(data: bytes, options: dict[str, int], message: str) -> None:
    """Each hostile or broken archive is a ParseError naming the file and the entry."""
    with pytest.raises(ParseError) as caught:
        kmz.loads(data, source="x.kmz", **options)
    assert message in str(caught.value)


def test_kmz_refuses_text_and_unknown_options() -> None:
    """A KMZ is bytes: text and other objects are type errors, and so are unknown options."""
    with pytest.raises(TypeError, match="a KMZ is a zip"):
        kmz.loads("PK")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="takes bytes or a binary file object"):
        kmz.loads(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="KMZ takes no option 'encoding'"):
        kmz.loads(b"", encoding="utf-8")

    class Text(io.StringIO):
        def seekable(self) -> bool:
            return False

    with pytest.raises(TypeError, match="open the file with 'rb'"):
        kmz.loads(Text("PK"))  # type: ignore[arg-type]


class _Pipe(io.RawIOBase):
    """A stream that cannot seek, as standard input."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


# -- Round trips (through the KML reader) ------------------------------------------


def _back(relay: Relay, fmt: Any) -> Relay:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossWarning)
        return fmt.loads(fmt.dumps(relay))  # type: ignore[no-any-return]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(relays())
def test_round_trip_keeps_what_kml_keeps(relay: Relay) -> None:
    """Written as KML and read back, a relay is equivalent on every feature KML keeps."""
    assert_equivalent(relay, _back(relay, kml), keeps=kml.FORMAT.keeps)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(relays(max_legs=6))
def test_round_trip_keeps_what_kmz_keeps(relay: Relay) -> None:
    """Written as KMZ and read back, a relay is equivalent on every feature KMZ keeps."""
    assert_equivalent(relay, _back(relay, kmz), keeps=kmz.FORMAT.keeps)


@pytest.mark.parametrize("make", [sochi_2014, london_2012, paris_2024], ids=lambda f: f.__name__)
def test_datasets_come_back_from_kml_and_kmz(make: Any, tmp_path: pathlib.Path) -> None:
    """Each built-in relay through KML and KMZ files, by name, is equivalent on their keeps."""
    relay = make()
    for name in ("relay.kml", "relay.kmz"):
        target = tmp_path / name
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LossWarning)
            torchrelay.dump(relay, target)
        fmt = format_for(name)
        assert_equivalent(relay, torchrelay.load(target), keeps=fmt.keeps)
    assert_equivalent(relay, kml.load(tmp_path / "relay.kml"), keeps=kml.KEEPS)
    assert_equivalent(relay, kmz.load(tmp_path / "relay.kmz"), keeps=kmz.KEEPS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossWarning)
        assert kml.dump(relay, tmp_path / "again.kml", redact=True) == ()
        assert kmz.dump(relay, tmp_path / "again.kmz") == ()
    assert (tmp_path / "again.kmz").read_bytes() == (tmp_path / "relay.kmz").read_bytes()
    with (tmp_path / "relay.kmz").open("rb") as handle:
        piped = kmz.loads(io.BufferedReader(_Pipe(handle.read())), source="-")
    assert_equivalent(relay, piped, keeps=kmz.KEEPS)


def test_a_bad_document_inside_a_kmz_names_the_entry() -> None:
    """An error in the document names the archive and the entry, then the line."""
    with pytest.raises(ParseError, match=r"^x\.kmz/doc\.kml: line 1, column \d+: "):
        kmz.loads(_zip({"doc.kml": b"<kml><Document></kml>"}), source="x.kmz")
    with pytest.raises(ParseError, match=r"^inner/route\.kml: line 1"):
        kmz.loads(_zip({"readme.txt": b"", "inner/route.kml": b"<kml"}))


def test_one_sniffer_tells_gpx_and_kml_roots_apart() -> None:
    """The XML formats' sniffers look for their own root after a BOM, a declaration and comments."""
    kml_head = b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- made by hand -->\n<kml:kml xmlns:kml="x">'
    assert format_for(None, head=kml_head).name == "kml"
    assert format_for(None, head=b"<gpx version='1.1'>").name == "gpx"
    assert format_for(None, head="<kml/>".encode("utf-16")).name == "kml"
    assert not kml.FORMAT.sniff(b"<gpx>")
    assert not gpx.FORMAT.sniff(b"<kml>")
    assert not kml.FORMAT.sniff(b"<kmlx>")
    assert not kml.FORMAT.sniff(b"\xff\xfe\x00")


def _many_entries(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("doc.kml", DOC)
        for i in range(count):
            archive.writestr(f"{i}", b"")
    return buffer.getvalue()


def test_an_archive_of_many_entries_is_refused_before_zipfile_lists_them() -> None:
    """The end record's count and directory size are checked first, even when the count lies.

    A hundred thousand empty entries cost zipfile some 50 MB of objects to list; the check
    refuses them from the last bytes of the file alone.
    """
    data = _many_entries(100_000)
    tracemalloc.start()
    try:
        with pytest.raises(
            ParseError, match=r"x.kmz: more than 1,000 entries \(its directory lists 100,001"
        ):
            kmz.loads(data, source="x.kmz")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * len(data) + 1_000_000  # the copy of the input, not an object an entry
    lying = bytearray(data)
    end = data.rindex(b"PK\x05\x06")
    lying[end + 8 : end + 12] = (1).to_bytes(2, "little") * 2  # claims one entry
    with pytest.raises(ParseError, match="its directory lists 1 in"):
        kmz.loads(bytes(lying), source="x.kmz")
    assert kmz.loads(_many_entries(10), max_entries=11).legs == ()


def _as_zip64(data: bytes) -> bytes:
    """The archive with ZIP64 end records, its classic end record pointing to them."""
    end = data.rindex(b"PK\x05\x06")
    *_, entries, size, offset, _ = struct.unpack_from("<4s4H2LH", data, end)
    record = struct.pack(
        "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, size, offset
    )
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, end, 1)
    classic = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0
    )
    return data[:end] + record + locator + classic


def test_a_zip64_archive_is_read_through_its_own_end_record() -> None:
    """A ZIP64 archive's counts are in its ZIP64 record, which is read and checked as well."""
    small = _as_zip64(_many_entries(3))
    assert zipfile.ZipFile(io.BytesIO(small)).namelist()[0] == "doc.kml"  # zipfile agrees
    assert kmz.loads(small).legs == ()
    with pytest.raises(ParseError, match="its directory lists 4 in"):
        kmz.loads(small, max_entries=3)
    broken = small.replace(b"PK\x06\x06", b"PK\x00\x00")
    with pytest.raises(ParseError, match="not a KMZ"):
        kmz.loads(broken)


def test_every_real_gpx_file_comes_back_through_kml_and_kmz() -> None:
    """A watch's GPX (extensions, routes, partly timed tracks) written as KML and read back."""
    count = 0
    for path in sorted(shared("realdata", "gpx").glob("*.gpx")):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", LossWarning)
            try:
                relay = torchrelay.load(path)
            except ParseError:
                continue  # the shared folder holds unreadable files too; test_gpx names them
            for fmt in (kml, kmz):
                assert_equivalent(relay, fmt.loads(fmt.dumps(relay)), keeps=fmt.FORMAT.keeps)
        count += 1
    assert count >= 20
