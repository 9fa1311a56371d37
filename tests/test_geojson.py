"""The GeoJSON format: our profile written and read back, other tools' GeoJSON read as a skeleton."""

from __future__ import annotations

import json
import math
import pathlib
import warnings
from typing import Any

import attrs
import numpy as np
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings

import torchrelay
from conftest import shared_files, shared_folder
from torchrelay import (
    AltitudeReference,
    Branch,
    Coordinate,
    FlameState,
    Leg,
    Path,
    Place,
    Relay,
    Torchbearer,
    TransportMode,
)
from torchrelay.adapters import Feature, geojson, get_format
from torchrelay.datasets import demo_relay, sochi_2014
from torchrelay.exceptions import LossWarning, ParseError
from torchrelay.testing import assert_equivalent, relays

FORMAT = get_format("geojson")


def _doc(relay: Relay, **options: Any) -> Any:
    return json.loads(geojson.dumps(relay, **options))


def _place(name: str, lat: float, lon: float, zone: str | None = None) -> Place:
    return Place(name, Coordinate(lat, lon), timezone=zone)


def _leg(origin: Place, destination: Place, **fields: Any) -> Leg:
    return Leg(
        origin, destination, None, None, TransportMode.RUNNING, FlameState.LIT_TORCH, **fields
    )


def _relay(*legs: Leg, **fields: Any) -> Relay:
    return Relay("test relay", None, legs, **fields)


ANADYR = _place("Anadyr", 64.7337, 177.5089, "Asia/Anadyr")
UELEN = _place("Uelen", 66.1597, -169.8097, "Asia/Anadyr")


# -- Round trips ---------------------------------------------------------------------


def test_registered_with_its_suffix_and_media_type() -> None:
    """GeoJSON is a built-in format: .geojson, application/geo+json, and it keeps every feature."""
    assert FORMAT is geojson.FORMAT
    assert FORMAT.suffixes[0] == ".geojson"
    assert FORMAT.media_type == "application/geo+json"
    assert FORMAT.keeps == frozenset(Feature)


def test_sochi_reads_back_equal_and_stable() -> None:
    """Sochi 2014 written as GeoJSON reads back equal, and writes back byte for byte."""
    relay = sochi_2014()
    text = geojson.dumps(relay)
    back = geojson.loads(text)
    assert_equivalent(relay, back, keeps=FORMAT.keeps)
    assert back == relay
    assert geojson.dumps(back) == text


@settings(max_examples=12, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(relays(with_offsets=True, with_partial_times=True, with_segments=True, with_columns=True))
def test_generated_relays_read_back_equivalent(relay: Relay) -> None:
    """Any relay reads back equivalent on the format's keeps, and its text is stable."""
    text = geojson.dumps(relay)
    back = geojson.loads(text)
    assert_equivalent(relay, back, keeps=FORMAT.keeps)
    assert geojson.dumps(back) == text


def test_dump_and_load_by_file_name(tmp_path: pathlib.Path) -> None:
    """torchrelay.dump/load pick GeoJSON by .geojson, and by its first bytes for a .json file."""
    relay = demo_relay()
    target = tmp_path / "demo.geojson"
    assert torchrelay.dump(relay, target) == ()
    assert torchrelay.load(target) == relay
    bare = tmp_path / "demo.json"
    bare.write_bytes(target.read_bytes())
    assert torchrelay.load(bare) == relay
    native_file = tmp_path / "native.json"
    torchrelay.dump(relay, native_file)  # a bare .json is written native
    assert json.loads(native_file.read_text())["format"] == "torchrelay"
    assert torchrelay.load(native_file) == relay


def test_the_profile_lists_what_gis_tools_show() -> None:
    """Each leg is a Feature with its id and flat properties for mode, flame and times with zones."""
    relay = sochi_2014()
    doc = _doc(relay)
    assert doc["type"] == "FeatureCollection"
    assert doc["torchrelay"]["profile"] == "torchrelay-geojson"
    first = doc["features"][0]
    leg = relay.legs[0]
    assert first["id"] == leg.id
    props = first["properties"]
    assert props["kind"] == "leg"
    assert props["mode"] == leg.mode.value
    assert props["flame"] == leg.flame.value
    assert leg.departs is not None
    assert props["departs"] == leg.departs.isoformat()
    assert props["departs_zone"] == leg.departs.timezone_name == "Europe/Athens"
    assert props["origin"] == leg.origin.name
    assert props["distance_m"] == pytest.approx(leg.distance().meters)  # type: ignore[union-attr]
    branch_legs = [f for f in doc["features"] if f["properties"].get("branch")]
    assert {f["properties"]["branch"] for f in branch_legs} == {b.name for b in relay.branches}


def test_redact_leaves_out_torchbearers() -> None:
    """With redact=True no leg carries its torchbearers."""
    leg = _leg(ANADYR, ANADYR, torchbearers=[Torchbearer(name="Ivan Petrov")])
    relay = _relay(leg)
    assert _doc(relay)["features"][0]["properties"]["torchbearers"]
    redacted = _doc(relay, redact=True)
    assert "torchbearers" not in redacted["features"][0]["properties"]
    assert "Ivan Petrov" not in json.dumps(redacted)


# -- Geometry ------------------------------------------------------------------------


def _lines(doc: Any) -> list[list[list[float]]]:
    out = []
    for f in doc["features"]:
        g = f["geometry"]
        if g["type"] == "LineString":
            out.append(g["coordinates"])
        elif g["type"] == "MultiLineString":
            out.extend(g["coordinates"])
    return out


def test_a_path_over_180_is_cut_into_a_multilinestring() -> None:
    """A path that crosses the antimeridian is cut at ±180, stays in range, and reads back whole."""
    path = Path.from_arrays([64.7, 65.5, 66.16], [177.5, 179.5, -169.8])
    relay = _relay(_leg(ANADYR, UELEN, path=path, id="chukotka"))
    doc = _doc(relay)
    geometry = doc["features"][0]["geometry"]
    assert geometry["type"] == "MultiLineString"
    first, second = geometry["coordinates"]
    assert first[-1][0] == 180.0
    assert second[0][0] == -180.0
    assert first[-1][1] == second[0][1]
    assert 65.5 < first[-1][1] < 66.16
    assert all(-180 <= p[0] <= 180 for part in geometry["coordinates"] for p in part)
    west, _, east, _ = doc["bbox"]
    assert (west, east) == (177.5, -169.8)  # west > east: the box crosses 180 (§5.2)
    assert geojson.loads(geojson.dumps(relay)) == relay


def test_a_flight_is_drawn_along_its_densified_geodesic() -> None:
    """A leg without a path is drawn along the geodesic, and still has no path when read back."""
    khabarovsk = _place("Khabarovsk", 48.4827, 135.0838)
    moscow = _place("Moscow", 55.7539, 37.6208)
    relay = _relay(_leg(moscow, khabarovsk, id="flight"))
    coords = _doc(relay)["features"][0]["geometry"]["coordinates"]
    assert len(coords) > 16
    assert coords[0] == [37.6208, 55.7539]
    assert coords[-1] == [135.0838, 48.4827]
    # The great circle goes north of both ends; a straight lon/lat chord would not.
    assert max(c[1] for c in coords) > 60
    assert geojson.loads(geojson.dumps(relay)).legs[0].path is None


def test_sochi_has_no_segment_jumping_across_180() -> None:
    """No drawn segment of Sochi 2014 steps more than 180° of longitude (Chukotka, the pole)."""
    doc = _doc(sochi_2014())
    for line in _lines(doc):
        steps = np.abs(np.diff(np.array(line)[:, 0]))
        assert steps.max(initial=0.0) < 180.0


def test_heights_go_into_positions_only_above_the_ellipsoid() -> None:
    """Ellipsoid altitudes are position heights; sea-level ones are a property, and both read back."""
    ellipsoid = Path.from_arrays(
        [43.6, 43.7], [39.7, 39.8], [10.0, 20.5], altitude_reference=AltitudeReference.ELLIPSOID
    )
    sea = Path.from_arrays([43.6, 43.7], [39.7, 39.8], [10.0, None])
    relay = _relay(
        _leg(ANADYR, ANADYR, path=ellipsoid, id="a"), _leg(ANADYR, ANADYR, path=sea, id="b")
    )
    doc = _doc(relay)
    a, b = doc["features"]
    assert a["geometry"]["coordinates"] == [[39.7, 43.6, 10.0], [39.8, 43.7, 20.5]]
    assert "altitudes" not in a["properties"]["path"]
    assert len(doc["bbox"]) == 6
    assert b["geometry"]["coordinates"] == [[39.7, 43.6], [39.8, 43.7]]
    assert b["properties"]["path"]["altitudes"] == [10.0, None]
    assert geojson.loads(geojson.dumps(relay)) == relay


def test_a_leg_at_one_position_is_a_point() -> None:
    """A leg that stays put is a Point, and a many-point path there reads back with every point."""
    path = Path.from_arrays([43.6, 43.6, 43.6], [39.7, 39.7, 39.7], times=[0.0, 60.0, 120.0])
    relay = _relay(_leg(ANADYR, ANADYR, path=path, id="stay"), _leg(ANADYR, ANADYR, id="stage"))
    doc = _doc(relay)
    assert [f["geometry"]["type"] for f in doc["features"]] == ["Point", "Point"]
    assert doc["features"][0]["properties"]["path"]["count"] == 3
    assert geojson.loads(geojson.dumps(relay)) == relay


def test_no_rounding_unless_asked() -> None:
    """Floats are written in full by default; precision= rounds positions and boxes."""
    path = Path.from_arrays([0.1 + 0.2, 43.123456789], [39.98765432123, 39.7])
    relay = _relay(_leg(ANADYR, ANADYR, path=path))
    assert _doc(relay)["features"][0]["geometry"]["coordinates"][0] == [39.98765432123, 0.1 + 0.2]
    rounded = _doc(relay, precision=3)
    assert rounded["features"][0]["geometry"]["coordinates"][0] == [39.988, 0.3]
    assert rounded["bbox"] == [39.7, 0.3, 39.988, 43.123]
    with pytest.raises(TypeError, match="'precision' must be a whole number"):
        geojson.dumps(relay, precision=-1)


def test_places_and_branches_are_features_and_members() -> None:
    """Gazetteer places are Point features; branch names and relay data live in the member."""
    leg = _leg(ANADYR, UELEN, id="main-1")
    relay = _relay(
        leg,
        branches=[Branch("pole", [_leg(UELEN, UELEN, id="pole-1")], leaves_from="main-1")],
        places=[_place("Lavrentiya", 65.58, -171.0)],
    )
    doc = _doc(relay)
    kinds = [(f["properties"]["kind"], f["geometry"]["type"]) for f in doc["features"]]
    assert kinds == [("leg", "MultiLineString"), ("leg", "Point"), ("place", "Point")]
    assert doc["torchrelay"]["branches"] == [{"name": "pole", "leaves_from": "main-1"}]
    assert geojson.loads(geojson.dumps(relay)) == relay


# -- __geo_interface__ ---------------------------------------------------------------


def test_geo_interface_matches_the_file() -> None:
    """Every model class draws what the GeoJSON file holds, through the same geometry code."""
    relay = sochi_2014()
    doc = _doc(relay)
    collection = relay.__geo_interface__
    ours = [json.loads(json.dumps(f["geometry"])) for f in collection["features"]]
    assert ours == [f["geometry"] for f in doc["features"]]
    assert collection["bbox"] == doc["bbox"]
    branch = relay.branches[0]
    assert len(branch.__geo_interface__["features"]) == len(branch.legs)
    place = relay.legs[0].origin
    assert place.__geo_interface__["geometry"]["coordinates"] == place.coordinate.lonlat()
    high = Coordinate(43.6, 39.7, altitude=5.0, altitude_reference="ellipsoid")  # type: ignore[arg-type]
    assert high.__geo_interface__ == {"type": "Point", "coordinates": (39.7, 43.6, 5.0)}
    assert Coordinate(43.6, 39.7, altitude=5.0).__geo_interface__["coordinates"] == (39.7, 43.6)
    path = Path.from_arrays([64.7, 66.16], [177.5, -169.8])
    assert path.__geo_interface__["type"] == "MultiLineString"


# -- Other tools' GeoJSON -------------------------------------------------------------


def _load_quietly(data: bytes) -> tuple[Relay, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        relay = geojson.loads(data)
    return relay, [str(w.message) for w in caught if issubclass(w.category, LossWarning)]


def test_a_foreign_featurecollection_is_a_skeleton() -> None:
    """LineStrings become unscheduled legs of unknown mode, Points places, properties extras."""
    doc = {
        "type": "FeatureCollection",
        "name": "route",
        "crs": {"type": "name"},
        "features": [
            {
                "type": "Feature",
                "id": 7,
                "geometry": {"type": "LineString", "coordinates": [[30, 10], [10, 30], [40, 40]]},
                "properties": {"name": "Stage 1", "colour": "red"},
            },
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [102.0, 0.5, 12.0]},
                "properties": {"name": "Start"},
            },
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
                "properties": None,
            },
        ],
    }
    relay, lost = _load_quietly(json.dumps(doc).encode())
    assert relay.name == "route"
    (leg,) = relay.legs
    assert (leg.mode, leg.flame, leg.scheduled, leg.id) == (
        TransportMode.UNKNOWN,
        FlameState.UNKNOWN,
        False,
        "7",
    )
    assert leg.path is not None
    assert leg.path.longitudes.tolist() == [30, 10, 40]
    assert leg.extras["geojson:properties"] == {"name": "Stage 1", "colour": "red"}
    (place,) = relay.places
    assert place.coordinate.altitude == 12.0
    assert place.coordinate.altitude_reference is AltitudeReference.ELLIPSOID
    assert relay.extras["geojson:members"] == {"crs": {"type": "name"}}
    assert relay.extras["geojson:unused"][0]["geometry"]["type"] == "Polygon"
    assert len(lost) == 1
    assert "GeoJSON Polygon" in lost[0]
    assert "features[2].geometry" in lost[0]


def test_foreign_zones_come_from_coordinates_with_the_tz_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With tzfpy or timezonefinder, places get their zone; without, it stays unknown."""
    from torchrelay.adapters import _zones

    data = b'{"type": "Point", "coordinates": [177.5089, 64.7337]}'
    if _zones.finder() is not None:
        assert geojson.loads(data).places[0].timezone == "Asia/Anadyr"
    monkeypatch.setattr(_zones, "finder", lambda: None)
    assert geojson.loads(data).places[0].timezone is None


GEOJSON_FILES = shared_files("realdata", "geojson")


def test_the_shared_geojson_files_are_there() -> None:
    """The real GeoJSON files are found (skips outside a checkout with ../shared)."""
    assert list(shared_folder("realdata", "geojson").iterdir())


@pytest.mark.parametrize("path", GEOJSON_FILES, ids=lambda p: p.name)
def test_every_real_geojson_file_loads_or_says_why(path: pathlib.Path) -> None:
    """Each real file gives a relay: lines and points in the model, other geometries kept and warned of."""
    relay, lost = _load_quietly(path.read_bytes())  # every one of them loads
    unused = relay.extras.get("geojson:unused", [])
    assert bool(unused) == bool(lost)
    assert relay.legs or relay.places or unused
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossWarning)
        again = geojson.loads(geojson.dumps(relay))
    assert again == relay


def test_the_rfc_antimeridian_example_is_one_leg_of_two_segments() -> None:
    """RFC 7946 §3.1.9's MultiLineString is one leg whose path has two segments."""
    folder = shared_folder("realdata", "geojson")
    relay, _ = _load_quietly(
        (folder / "rfc7946__s3.1.9_antimeridian_multilinestring.json").read_bytes()
    )
    (leg,) = relay.legs
    assert leg.path is not None
    assert leg.path.segment_starts == (2,)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"[]", "a GeoJSON document must be an object"),
        (b'{"type": "Topology"}', "type: must be a GeoJSON type"),
        (
            b'{"type": "LineString", "coordinates": [[1, 2], ["a", 3]]}',
            "geometry.coordinates: must be positions",
        ),
        (b'{"type": "LineString", "coordinates": [[1, 95], [2, 3]]}', "latitudes"),
        (b'{"type": "FeatureCollection", "features": [1]}', "features[0]: must be an object"),
        (b'{"type": "FeatureCollection", "features": {}}', "features: must be an array"),
        (b'{"type": "Point", "coordinates": [NaN, 1]}', "coordinates"),
    ],
)
def test_bad_documents_say_where_and_why(text: bytes, message: str) -> None:
    """Bad GeoJSON is a ParseError that names the place in the document and the problem."""
    with pytest.raises(ParseError) as caught:
        geojson.loads(text, source="bad.geojson")
    assert message in str(caught.value)
    assert "bad.geojson" in str(caught.value)


def test_our_own_file_with_a_bad_leg_names_the_feature() -> None:
    """A broken property of our own profile is reported at its feature."""
    doc = _doc(sochi_2014())
    doc["features"][3]["properties"]["mode"] = "teleport"
    doc["features"][5]["properties"]["departs"] = 5
    with pytest.raises(ParseError) as caught:
        geojson.loads(json.dumps(doc))
    text = str(caught.value)
    assert "features[3].properties.mode: must be one of" in text
    assert "features[5].properties.departs" in text


def test_a_newer_profile_version_is_refused() -> None:
    """A file of a later profile version is refused, naming both versions."""
    doc = _doc(demo_relay())
    doc["torchrelay"]["version"] = 99
    with pytest.raises(ParseError, match="unsupported torchrelay-geojson version 99"):
        geojson.loads(json.dumps(doc))


def test_times_keep_offsets_and_zones() -> None:
    """A leg's times keep their zone; per-point times keep their offsets."""
    at = pendulum.datetime(2013, 11, 9, 18, 40, tz="Europe/Moscow")
    path = Path.from_arrays([1.0, 2.0], [1.0, 2.0], times=[at, at.add(hours=1)])
    leg = attrs.evolve(_leg(ANADYR, ANADYR, path=path), departs=at, arrives=at.add(hours=1))
    back = geojson.loads(geojson.dumps(_relay(leg)))
    assert back.legs[0].departs is not None
    assert back.legs[0].departs.timezone_name == "Europe/Moscow"
    assert back.legs[0].path == path
    assert math.isfinite(back.legs[0].path.times[0])  # type: ignore[union-attr,index]
