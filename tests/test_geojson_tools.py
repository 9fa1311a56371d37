"""Our GeoJSON as tools nobody here wrote read it: jsonschema, GDAL's ogrinfo, shapely, GeoPandas.

Each test skips when its tool is missing, and fails instead where
``TORCHRELAY_REQUIRE_TOOLS=1`` (set in ``.ci/run``).
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest

from conftest import ogrinfo_summary, shared_folder, tool_module
from torchrelay import Coordinate, FlameState, Leg, Path, Place, Relay, TransportMode
from torchrelay.adapters import geojson
from torchrelay.datasets import demo_relay, sochi_2014

ANADYR = Place("Anadyr", Coordinate(64.7337, 177.5089), timezone="Asia/Anadyr")
UELEN = Place("Uelen", Coordinate(66.1597, -169.8097), timezone="Asia/Anadyr")


def _chukotka() -> Relay:
    """A relay whose legs cross 180°: a tracked leg and a flight back."""
    path = Path.from_arrays([64.7, 65.5, 66.16], [177.5, 179.5, -169.8])
    there = Leg(
        ANADYR, UELEN, None, None, TransportMode.SNOWMOBILE, FlameState.LIT_TORCH, path=path, id="a"
    )
    back = Leg(UELEN, ANADYR, None, None, TransportMode.PLANE, FlameState.LANTERN, id="b")
    return Relay("Chukotka", None, [there, back])


EXPORTS = {"sochi": sochi_2014, "demo": demo_relay, "chukotka": _chukotka}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pathlib.Path]:
    folder = tmp_path_factory.mktemp("geojson")
    out = {}
    for name, make in EXPORTS.items():
        out[name] = folder / f"{name}.geojson"
        out[name].write_text(geojson.dumps(make()), encoding="utf-8")
    return out


def _validator() -> Any:
    jsonschema = tool_module("jsonschema")
    folder = shared_folder("schemas", "geojson")
    schema = json.loads((folder / "FeatureCollection.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def test_the_schema_tells_valid_from_invalid() -> None:
    """The GeoJSON schema accepts its valid FeatureCollection fixtures and refuses the invalid ones."""
    validator = _validator()
    fixtures = shared_folder("schemas", "geojson") / "fixtures"
    valid = sorted((fixtures / "valid" / "featurecollection").glob("*.json"))
    invalid = sorted((fixtures / "invalid" / "featurecollection").glob("*.json"))
    assert valid
    assert invalid
    for path in valid:
        assert not list(validator.iter_errors(json.loads(path.read_text()))), path.name
    for path in invalid:
        assert list(validator.iter_errors(json.loads(path.read_text()))), path.name


@pytest.mark.parametrize("name", EXPORTS)
def test_every_export_is_schema_valid(name: str, files: dict[str, pathlib.Path]) -> None:
    """Sochi 2014, the demo relay and a relay across 180° are valid GeoJSON FeatureCollections."""
    errors = list(_validator().iter_errors(json.loads(files[name].read_text(encoding="utf-8"))))
    assert errors == [], errors[0].message if errors else ""


@pytest.mark.parametrize("name", EXPORTS)
def test_ogrinfo_reads_our_geojson_with_its_fields(
    name: str, files: dict[str, pathlib.Path]
) -> None:
    """GDAL opens every export, counts every feature and lists mode, departs and arrives as fields."""
    fields, summary = ogrinfo_summary(files[name])
    assert {"mode", "departs", "arrives", "flame", "origin", "destination"} <= fields
    count = len(json.loads(files[name].read_text(encoding="utf-8"))["features"])
    assert f"Feature Count: {count}" in summary


@pytest.mark.parametrize("name", EXPORTS)
def test_shapely_finds_every_geometry_valid(name: str, files: dict[str, pathlib.Path]) -> None:
    """Every feature's geometry in our files is valid for shapely (GEOS), cut lines included."""
    shapely_geometry = tool_module("shapely.geometry")
    doc = json.loads(files[name].read_text(encoding="utf-8"))
    for f in doc["features"]:
        geometry = shapely_geometry.shape(f["geometry"])
        assert geometry.is_valid, (f.get("id"), f["geometry"]["type"])
        minx, _, maxx, _ = geometry.bounds
        assert -180.0 <= minx <= maxx <= 180.0


@pytest.mark.parametrize("name", EXPORTS)
def test_geopandas_draws_the_relay_as_the_file(name: str, files: dict[str, pathlib.Path]) -> None:
    """A GeoDataFrame from the relay's __geo_interface__ has the geometries of one read from our file."""
    gpd = tool_module("geopandas")
    tool_module("pyogrio")
    relay = EXPORTS[name]()
    from_file = gpd.read_file(files[name], engine="pyogrio")
    from_relay = gpd.GeoDataFrame.from_features(relay.__geo_interface__, crs="EPSG:4326")
    assert len(from_file) == len(from_relay) == len(relay.__geo_interface__["features"])
    assert list(from_file.geometry.geom_type) == list(from_relay.geometry.geom_type)
    assert from_file.geometry.geom_equals_exact(from_relay.geometry, tolerance=0.0).all()
    legs = from_file["kind"] == "leg"
    assert list(from_file.loc[legs, "mode"]) == [leg.mode.value for _, leg in relay.all_legs()]
    assert list(from_file.loc[legs, "id"]) == [leg.id for _, leg in relay.all_legs()]
