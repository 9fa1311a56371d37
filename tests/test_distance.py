"""Distances, displacements, bearings, boxes and points along, against GeographicLib."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pendulum
import pytest
from geographiclib.geodesic import Geodesic
from hypothesis import given
from hypothesis import strategies as st

from torchrelay import (
    AltitudeReference,
    BoundingBox,
    Branch,
    Coordinate,
    Distance,
    DistanceBasis,
    FlameState,
    Leg,
    Path,
    Place,
    Relay,
    TransportMode,
    bearing,
    bounding_box,
    displacement,
)
from torchrelay.exceptions import IncompatibleAltitudeError, InvalidValueError

WGS84 = Geodesic.WGS84

MOSCOW = Coordinate(55.7539, 37.6208)
SOCHI = Coordinate(43.5855, 39.7231)
MURMANSK = Coordinate(68.9585, 33.0827)
NORTH_POLE = Coordinate(90.0, 0.0)
ANADYR = Coordinate(64.7337, 177.5089)
NOME = Coordinate(64.5011, -165.4064)


def oracle(a: Coordinate, b: Coordinate) -> dict[str, float]:
    """GeographicLib's pure-Python inverse problem, the independent reference."""
    result: dict[str, float] = WGS84.Inverse(a.latitude, a.longitude, b.latitude, b.longitude)
    return result


def place(name: str, c: Coordinate, tz: str = "Europe/Moscow", region: str | None = None) -> Place:
    return Place(name, c, timezone=tz, region=region)


def leg(
    a: Place,
    b: Place,
    mode: TransportMode = TransportMode.CAR,
    *,
    path: Path | None = None,
    declared: Distance | None = None,
    id: str | None = None,
) -> Leg:
    return Leg(
        a, b, None, None, mode, FlameState.LANTERN, path=path, declared_distance=declared, id=id
    )


latitudes = st.floats(-90, 90, allow_nan=False)
longitudes = st.floats(-180, 180, allow_nan=False, exclude_max=True)
coordinates = st.builds(Coordinate, latitudes, longitudes)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(MOSCOW, SOCHI, id="moscow-sochi"),
        pytest.param(MURMANSK, NORTH_POLE, id="murmansk-north-pole"),
        pytest.param(ANADYR, NOME, id="anadyr-nome-antimeridian"),
        pytest.param(NORTH_POLE, Coordinate(-90, 0), id="pole-to-pole"),
        pytest.param(Coordinate(0, 0), Coordinate(0.5, 179.7), id="nearly-antipodal"),
        pytest.param(Coordinate(-30, 0), Coordinate(29.9, 179.8), id="nearly-antipodal-2"),
    ],
)
def test_leg_distance_matches_geographiclib(a: Coordinate, b: Coordinate) -> None:
    """A leg without a path measures the WGS84 geodesic between its ends to a millimetre."""
    d = leg(place("a", a), place("b", b)).distance()
    assert d is not None
    assert d.meters == pytest.approx(oracle(a, b)["s12"], abs=1e-3)
    assert d.basis is DistanceBasis.STRAIGHT_LINE


def test_known_figures() -> None:
    """Moscow-Sochi is about 1,362 km and Murmansk-Pole about 1,263 nmi (facts file, [D])."""
    assert round(leg(place("m", MOSCOW), place("s", SOCHI)).measured_distance().km) == 1362
    pole = leg(place("m", MURMANSK), place("p", NORTH_POLE)).measured_distance()
    assert abs(pole.nautical_miles - 1263) < 10  # [D] figure; depends on where in Murmansk
    # The icebreaker sailed 1,395 nmi: a declared figure longer than the geodesic.
    assert Distance.from_nautical_miles(1395) > pole


def test_antimeridian_distance_is_short() -> None:
    """Anadyr to Nome is about 800 km across 180°, not the long way round."""
    d = leg(place("a", ANADYR, "Asia/Anadyr"), place("n", NOME, "America/Nome")).distance()
    assert d is not None
    assert 700 < d.km < 900


@given(coordinates, coordinates)
def test_distance_is_symmetric(a: Coordinate, b: Coordinate) -> None:
    """The distance from a to b is the distance from b to a."""
    ab = leg(place("a", a), place("b", b)).measured_distance().meters
    ba = leg(place("b", b), place("a", a)).measured_distance().meters
    assert ab == pytest.approx(ba, abs=1e-6)


@given(coordinates, coordinates, coordinates)
def test_triangle_inequality(a: Coordinate, b: Coordinate, c: Coordinate) -> None:
    """No detour through a third point is shorter than the geodesic, within a micrometre."""
    ab = displacement(a, b).horizontal.meters
    bc = displacement(b, c).horizontal.meters
    ac = displacement(a, c).horizontal.meters
    assert ac <= ab + bc + 1e-6


@given(st.lists(st.tuples(latitudes, longitudes), min_size=2, max_size=20))
def test_path_length_is_sum_of_segments(points: list[tuple[float, float]]) -> None:
    """A path's length is the sum of its segments, each as GeographicLib measures it."""
    lats, lons = zip(*points, strict=True)
    path = Path.from_arrays(lats, lons)
    expected = sum(
        WGS84.Inverse(lats[i], lons[i], lats[i + 1], lons[i + 1])["s12"]
        for i in range(len(lats) - 1)
    )
    assert path.length().meters == pytest.approx(expected, abs=1e-3 * len(lats))
    assert path.length().basis is DistanceBasis.PATH
    assert float(path.segment_lengths().sum()) == pytest.approx(path.length().meters, abs=1e-3)


def test_leg_with_path_measures_along_it_and_keeps_declared() -> None:
    """A path leg is measured along its path; a disagreeing declared figure is kept apart."""
    path = Path.from_arrays([55.75, 56.0, 55.75], [37.62, 37.62, 37.62])
    declared = Distance.from_km(100)
    la = leg(place("a", MOSCOW), place("b", MOSCOW), path=path, declared=declared)
    d = la.distance()
    assert d == path.length()
    assert d is not None
    assert d.basis is DistanceBasis.PATH
    assert la.declared_distance == declared
    assert la.measured_distance() == path.length()


def test_distance_basis_does_not_change_equality_and_combines() -> None:
    """Basis is provenance: equal metres are equal; sums keep a shared basis, else MIXED."""
    p = Distance(10, basis=DistanceBasis.PATH)
    assert p == Distance(10) == Distance(10, basis=DistanceBasis.DECLARED)
    assert hash(p) == hash(Distance(10))
    assert (p + p).basis is DistanceBasis.PATH
    assert (p + Distance(1, basis=DistanceBasis.STRAIGHT_LINE)).basis is DistanceBasis.MIXED
    assert sum([p, p]).basis is DistanceBasis.PATH  # type: ignore[union-attr]
    assert Distance(1000).basis is None
    assert repr(p) == "Distance(10 m, path)"
    assert Distance.from_km(2, basis="declared").basis is DistanceBasis.DECLARED


# -- Altitude ---------------------------------------------------------------------


def test_climb_reports_components_apart() -> None:
    """A climb has a geodesic horizontal part, a signed vertical part and a 3D length."""
    base = Coordinate(43.35, 42.44, altitude=3800)
    summit = Coordinate(43.355, 42.439, altitude=5642)
    d = displacement(base, summit)
    h = oracle(base, summit)["s12"]
    assert d.horizontal.meters == pytest.approx(h, abs=1e-3)
    assert d.vertical == 1842.0
    assert d.length is not None
    assert d.length.meters == pytest.approx(math.hypot(h, 1842.0), abs=1e-3)
    assert displacement(summit, base).vertical == -1842.0


def test_dive_below_water_surface() -> None:
    """A dive to -13 m from the surface of Lake Baikal is a vertical of -13 m."""
    surface = Coordinate(
        51.87, 104.82, altitude=0.0, altitude_reference=AltitudeReference.WATER_SURFACE
    )
    bottom = Coordinate(
        51.87, 104.82, altitude=-13.0, altitude_reference=AltitudeReference.WATER_SURFACE
    )
    d = displacement(surface, bottom)
    assert d.horizontal.meters == 0.0
    assert d.vertical == -13.0
    assert d.length == Distance(13)


def test_different_references_are_not_subtracted() -> None:
    """Altitudes above sea level and above the ellipsoid give no vertical, or raise if strict."""
    a = Coordinate(43.35, 42.44, altitude=3800, altitude_reference=AltitudeReference.MEAN_SEA_LEVEL)
    b = Coordinate(43.355, 42.439, altitude=5660, altitude_reference=AltitudeReference.ELLIPSOID)
    d = displacement(a, b)
    assert d.vertical is None
    assert d.length is None
    assert d.reason is not None
    assert "geoid" in d.reason
    assert d.horizontal.meters > 0
    with pytest.raises(IncompatibleAltitudeError, match="geoid"):
        displacement(a, b, strict=True)


def test_missing_altitude_gives_reason() -> None:
    """Without an altitude at one end the vertical is None and the reason says which end."""
    d = displacement(Coordinate(0, 0), Coordinate(0, 1, altitude=100))
    assert d.vertical is None
    assert d.reason == "the start has no altitude"


def test_path_displacement_adds_3d_segments() -> None:
    """Along a path with altitudes the 3D length is the sum of each segment's 3D length."""
    path = Path.from_arrays([43.30, 43.33, 43.355], [42.44, 42.44, 42.439], [3800, 4700, 5642])
    la = leg(place("b", path.first), place("s", path.last), TransportMode.CLIMBING, path=path)
    d = la.displacement()
    seg = path.segment_lengths()
    assert d.horizontal == path.length()
    assert d.vertical == 1842.0
    assert d.length is not None
    assert d.length.meters == pytest.approx(math.hypot(seg[0], 900) + math.hypot(seg[1], 942))


def test_path_without_altitudes_has_no_3d_length() -> None:
    """A path whose points lack altitude gives a vertical from the places but no 3D length."""
    path = Path.from_arrays([43.30, 43.355], [42.44, 42.439])
    a = place("b", Coordinate(43.30, 42.44, altitude=3800))
    b = place("s", Coordinate(43.355, 42.439, altitude=5642))
    d = leg(a, b, path=path).displacement()
    assert d.vertical == 1842.0
    assert d.length is None
    assert d.reason is not None


# -- Space legs -------------------------------------------------------------------


BAIKONUR = place("Baikonur", Coordinate(45.965, 63.305, altitude=90), "Asia/Qyzylorda")
ISS = place("ISS", Coordinate(45.0, 70.0, altitude=350_000), "Europe/Moscow")


def test_space_leg_distance_is_declared_or_none() -> None:
    """A Soyuz leg's distance is what a source declares, never its ground track's."""
    undeclared = leg(BAIKONUR, ISS, TransportMode.SPACECRAFT)
    assert undeclared.distance() is None
    assert undeclared.measured_distance().basis is DistanceBasis.STRAIGHT_LINE
    declared = leg(BAIKONUR, ISS, TransportMode.SPACECRAFT, declared=Distance.from_km(150_000))
    d = declared.distance()
    assert d == Distance.from_km(150_000)
    assert d is not None
    assert d.basis is DistanceBasis.DECLARED


def test_relay_totals_leave_space_apart() -> None:
    """Relay totals count ground, water and air legs; space legs are reported apart."""
    moscow, sochi = place("Moscow", MOSCOW), place("Sochi", SOCHI)
    ground = leg(moscow, sochi, TransportMode.TRAIN, id="train")
    orbit = leg(BAIKONUR, ISS, TransportMode.SPACECRAFT, declared=Distance.from_km(1e6), id="up")
    relay = Relay("r", "g", [ground], branches=[Branch("space", [orbit])])
    assert relay.distance() == ground.distance()
    assert relay.space_distance() == Distance.from_km(1e6)
    assert relay.distance(include_space=True).km == pytest.approx(
        1e6 + ground.measured_distance().km
    )
    assert relay.distance(include_space=True).basis is DistanceBasis.MIXED
    assert TransportMode.SPACECRAFT not in relay.distance_by_mode()
    assert relay.distance_by_mode(include_space=True)[TransportMode.SPACECRAFT].km == 1e6
    assert relay.distance(branches=False) == ground.distance()


def test_breakdowns_add_up() -> None:
    """By mode, by region and on foot plus by vehicle each add up to the total."""
    a = place("A", Coordinate(55.0, 37.0), region="Moscow")
    b = place("B", Coordinate(55.1, 37.2), region="Moscow")
    c = place("C", Coordinate(56.0, 38.0), region="Tver")
    legs = [
        leg(a, b, TransportMode.RUNNING, id="1"),
        leg(b, c, TransportMode.CAR, id="2"),
        leg(c, a, TransportMode.RUNNING, id="3"),
    ]
    relay = Relay("r", "g", legs)
    total = relay.distance().meters
    assert sum(d.meters for d in relay.distance_by_mode().values()) == pytest.approx(total)
    assert list(relay.distance_by_mode()) == [TransportMode.RUNNING, TransportMode.CAR]
    by_region = relay.distance_by_region()
    assert set(by_region) == {"Moscow", "Tver"}
    assert sum(d.meters for d in by_region.values()) == pytest.approx(total)
    foot, vehicle = relay.distance_on_foot(), relay.distance_by_vehicle()
    assert foot.meters + vehicle.meters == pytest.approx(total)
    assert vehicle == legs[1].distance()


# -- Bearings ---------------------------------------------------------------------


@given(coordinates, coordinates)
def test_bearings_match_geographiclib(a: Coordinate, b: Coordinate) -> None:
    """Initial and final bearings are GeographicLib's azimuths, in [0, 360)."""
    result = bearing(a, b)
    ref = oracle(a, b)
    if ref["s12"] == 0.0:
        assert result == bearing(b, a)
        return
    if a.at_pole:
        assert result.initial is None
    else:
        assert result.initial is not None
        assert 0.0 <= result.initial < 360.0
        diff = (result.initial - ref["azi1"]) % 360.0
        assert min(diff, 360.0 - diff) < 1e-6
    if b.at_pole:
        assert result.final is None
    else:
        assert result.final is not None
        diff = (result.final - ref["azi2"]) % 360.0
        assert min(diff, 360.0 - diff) < 1e-6


def test_bearing_undefined_cases() -> None:
    """Bearings from a pole, to a pole, and between equal points are None."""
    assert bearing(NORTH_POLE, MURMANSK).initial is None
    assert bearing(MURMANSK, NORTH_POLE).final is None
    assert bearing(MURMANSK, NORTH_POLE).initial == pytest.approx(0.0, abs=1e-9)
    assert bearing(MOSCOW, MOSCOW) == bearing(MOSCOW, MOSCOW).__class__(None, None)


# -- Bounding boxes ---------------------------------------------------------------


def test_box_over_chukotka_crosses_antimeridian() -> None:
    """A box over Anadyr and Nome runs east across 180° and is about 17° wide (RFC 7946 §5.2)."""
    box = bounding_box([ANADYR, NOME])
    assert box.west == ANADYR.longitude
    assert box.east == NOME.longitude
    assert box.crosses_antimeridian
    assert box.width == pytest.approx(360 - 177.5089 - 165.4064)
    assert box.contains(Coordinate(64.6, 179.9))
    assert box.contains(Coordinate(64.6, -179.9))
    assert not box.contains(Coordinate(64.6, 0.0))


def test_box_without_crossing() -> None:
    """A box over Moscow and Sochi is the plain one."""
    box = bounding_box([MOSCOW, SOCHI])
    assert box.as_list() == [37.6208, 43.5855, 39.7231, 55.7539]
    assert not box.crosses_antimeridian


def test_box_with_pole_spans_every_longitude() -> None:
    """A box holding the North Pole runs from -180 to 180 up to 90° (RFC 7946 §5.3)."""
    box = bounding_box([MURMANSK, NORTH_POLE])
    assert box.as_list() == [-180.0, MURMANSK.latitude, 180.0, 90.0]
    assert box.width == 360.0


def test_line_over_the_pole_holds_it() -> None:
    """A geodesic between points 180° of longitude apart runs over the pole, and its box too."""
    path = Path.from_arrays([80.0, 80.0], [10.0, -170.0])
    box = path.bounds()
    assert box.north == 90.0
    assert box.width == 360.0


def test_line_box_holds_geodesic_bulge() -> None:
    """The box of a geodesic holds its vertex, north of both ends, as GeographicLib finds it."""
    a, b = Coordinate(60.0, -30.0), Coordinate(60.0, 60.0)
    line = WGS84.InverseLine(a.latitude, a.longitude, b.latitude, b.longitude)
    top = max(line.Position(line.s13 * k / 1000)["lat2"] for k in range(1001))
    box = bounding_box([a, b], line=True)
    assert box.north == pytest.approx(top, abs=1e-6)
    assert box.north > 60.0
    assert bounding_box([a, b]).north == 60.0


@given(st.lists(st.tuples(latitudes, longitudes), min_size=1, max_size=30))
def test_box_contains_every_point(points: list[tuple[float, float]]) -> None:
    """Every point of a set is inside its box, and the box is at most as wide as the circle."""
    coords = [Coordinate(lat, lon) for lat, lon in points]
    for line in (False, True):
        box = bounding_box(coords, line=line)
        assert 0.0 <= box.width <= 360.0
        for c in coords:
            assert box.contains(c), (box, c)


@given(st.lists(st.tuples(st.floats(-60, 60), longitudes), min_size=2, max_size=10))
def test_point_box_is_smallest(points: list[tuple[float, float]]) -> None:
    """A point box leaves out the widest gap between longitudes: no smaller box exists."""
    coords = [Coordinate(lat, lon) for lat, lon in points]
    box = bounding_box(coords)
    lons = sorted({c.longitude for c in coords})
    gaps = [b - a for a, b in itertools.pairwise(lons)] + [lons[0] + 360 - lons[-1]]
    assert box.width == pytest.approx(360 - max(gaps), abs=1e-9)


def test_box_union_across_antimeridian() -> None:
    """The union of boxes either side of 180° is the short box across it."""
    east = BoundingBox(170.0, 60.0, 179.0, 65.0)
    west = BoundingBox(-175.0, 62.0, -165.0, 66.0)
    assert east.union(west) == BoundingBox(170.0, 60.0, -165.0, 66.0)


def test_relay_bounds_cover_every_leg() -> None:
    """A relay's box crosses 180° when its legs do, and holds every leg's ends."""
    legs = [
        leg(place("a", ANADYR, "Asia/Anadyr"), place("n", NOME, "America/Nome"), id="1"),
        leg(place("n", NOME, "America/Nome"), place("x", Coordinate(66.0, -170.0)), id="2"),
    ]
    box = Relay("r", "g", legs).bounds()
    assert box is not None
    assert box.crosses_antimeridian
    for la in legs:
        assert box.contains(la.origin.coordinate)
        assert box.contains(la.destination.coordinate)
    assert Relay("r", "g", []).bounds() is None


def test_box_refuses_nonsense() -> None:
    """A box with north south of south, or no points, cannot be built."""
    with pytest.raises(InvalidValueError, match="'north' must not be south"):
        BoundingBox(0, 10, 1, 5)
    with pytest.raises(InvalidValueError, match="at least one point"):
        bounding_box([])


# -- Points along -----------------------------------------------------------------


def test_point_at_distance_matches_geographiclib() -> None:
    """A point 500 km along Moscow-Sochi is where GeographicLib's geodesic line puts it."""
    path = Path.from_coordinates([MOSCOW, SOCHI])
    got = path.point_at_distance(Distance.from_km(500))
    line = WGS84.InverseLine(MOSCOW.latitude, MOSCOW.longitude, SOCHI.latitude, SOCHI.longitude)
    ref = line.Position(500_000)
    assert got.latitude == pytest.approx(ref["lat2"], abs=1e-9)
    assert got.longitude == pytest.approx(ref["lon2"], abs=1e-9)


def test_point_along_crosses_antimeridian() -> None:
    """Halfway from Anadyr to Nome lies east of 180°, not over Europe."""
    mid = Path.from_coordinates([ANADYR, NOME]).point_at_fraction(0.5)
    assert abs(mid.longitude) > 170.0
    line = WGS84.InverseLine(ANADYR.latitude, ANADYR.longitude, NOME.latitude, NOME.longitude)
    ref = line.Position(line.s13 / 2)
    assert mid.latitude == pytest.approx(ref["lat2"], abs=1e-9)
    assert ((mid.longitude - ref["lon2"]) % 360.0) == pytest.approx(0.0, abs=1e-9)


def test_points_along_multi_segment_path() -> None:
    """Points along a path land in the right segment; ends clamp; altitude interpolates."""
    path = Path.from_arrays([0.0, 0.0, 1.0], [0.0, 1.0, 1.0], [0.0, 100.0, 300.0])
    seg = path.segment_lengths()
    p = path.point_at_distance(float(seg[0] + seg[1] / 2))
    assert p.longitude == pytest.approx(1.0)
    assert p.latitude == pytest.approx(0.5, abs=1e-3)
    assert p.altitude == pytest.approx(200.0)
    assert path.point_at_fraction(0.0) == path.first
    assert path.point_at_fraction(1.0) == path.last
    assert path.point_at_distance(Distance.from_km(10_000)) == path.last
    with pytest.raises(InvalidValueError, match="'fraction'"):
        path.point_at_fraction(1.5)
    with pytest.raises(InvalidValueError, match="'distance'"):
        path.point_at_distance(-1.0)


@given(st.floats(0, 1))
def test_leg_point_at_fraction_on_geodesic(f: float) -> None:
    """A leg without a path puts its fraction-point on the geodesic, f of the way along."""
    la = leg(place("m", MURMANSK), place("p", NORTH_POLE), TransportMode.ICEBREAKER)
    p = la.point_at_fraction(f)
    total = la.measured_distance().meters
    assert oracle(MURMANSK, p)["s12"] == pytest.approx(f * total, abs=1e-3)


def test_path_arrays_and_times_kept() -> None:
    """Building a leg path with times does not change its distance."""
    t0 = pendulum.datetime(2013, 10, 15, 13, 25)
    path = Path.from_arrays(
        [MURMANSK.latitude, 90.0],
        [MURMANSK.longitude, 0.0],
        times=[t0, t0.add(hours=91, minutes=12)],
    )
    assert path.length().meters == pytest.approx(oracle(MURMANSK, NORTH_POLE)["s12"], abs=1e-3)
    assert np.all(np.isfinite(path.segment_lengths()))
