"""Coordinates, places and distances: what they refuse and what they promise."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from torchrelay import AltitudeReference, Coordinate, Distance, Place, normalize_longitude
from torchrelay.exceptions import InvalidTypeError, InvalidValueError, UnknownTimezoneError
from torchrelay.testing import coordinates, distances, latitudes

finite = st.floats(allow_nan=False, allow_infinity=False)


def _angular_gap(a: float, b: float) -> float:
    d = abs(a - b) % 360.0
    return min(d, 360.0 - d)


# Coordinate: constructor errors


@pytest.mark.parametrize(
    ("latitude", "message"),
    [
        (91, r"^'latitude' must be between -90 and 90 degrees \(got 91\.0\)$"),
        (-90.0001, r"^'latitude' must be between -90 and 90 degrees \(got -90\.0001\)$"),
        (math.nan, r"^'latitude' must be a finite number \(got nan\)$"),
        (math.inf, r"^'latitude' must be a finite number \(got inf\)$"),
        (-math.inf, r"^'latitude' must be a finite number \(got -inf\)$"),
        ("55.75", r"^'latitude' must be a number \(got str: '55\.75'\)$"),
        (True, r"^'latitude' must be a number \(got bool: True\)$"),
        (None, r"^'latitude' must be a number \(got NoneType: None\)$"),
    ],
)
def test_coordinate_refuses_bad_latitudes(latitude: object, message: str) -> None:
    """A latitude outside [-90, 90], not finite, or not a number cannot be built."""
    with pytest.raises(InvalidValueError, match=message):
        Coordinate(latitude, 0.0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("longitude", "message"),
    [
        (math.nan, r"^'longitude' must be a finite number \(got nan\)$"),
        (math.inf, r"^'longitude' must be a finite number \(got inf\)$"),
        (-math.inf, r"^'longitude' must be a finite number \(got -inf\)$"),
        (False, r"^'longitude' must be a number \(got bool: False\)$"),
    ],
)
def test_coordinate_refuses_bad_longitudes(longitude: object, message: str) -> None:
    """A longitude that is not a finite number cannot be built."""
    with pytest.raises(InvalidValueError, match=message):
        Coordinate(0.0, longitude)  # type: ignore[arg-type]


@pytest.mark.parametrize("altitude", [math.nan, math.inf, -math.inf])
def test_coordinate_refuses_non_finite_altitudes(altitude: float) -> None:
    """An altitude must be finite; an unknown one is None, not NaN."""
    with pytest.raises(InvalidValueError, match=r"^'altitude' must be a finite number \(got "):
        Coordinate(0.0, 0.0, altitude=altitude)


def test_coordinate_refuses_an_unknown_altitude_reference() -> None:
    """An altitude reference is one of a closed list, which the error names."""
    with pytest.raises(
        InvalidValueError,
        match=r"^'sea' is not a[n]? AltitudeReference: use one of 'mean_sea_level', ",
    ):
        Coordinate(0.0, 0.0, altitude=10.0, altitude_reference="sea")  # type: ignore[arg-type]


def test_coordinate_errors_are_value_errors() -> None:
    """Code that catches ValueError keeps catching bad coordinates."""
    with pytest.raises(ValueError, match="latitude"):
        Coordinate(100, 0)


def test_coordinate_accepts_the_edges() -> None:
    """The poles, the antimeridian and integers are valid input."""
    assert Coordinate(90, 0).latitude == 90.0
    assert Coordinate(-90, 0).latitude == -90.0
    assert isinstance(Coordinate(1, 2).latitude, float)
    assert Coordinate(0, 180).longitude == -180.0
    assert Coordinate(0, -180).longitude == -180.0


def test_coordinate_from_lonlat_takes_geojson_order() -> None:
    """from_lonlat reads longitude first and lonlat() gives it back in that order."""
    c = Coordinate.from_lonlat(
        37.6208, 55.7539, 150.0, altitude_reference=AltitudeReference.ELLIPSOID
    )
    assert c == Coordinate(
        55.7539, 37.6208, altitude=150.0, altitude_reference=AltitudeReference.ELLIPSOID
    )
    assert c.lonlat() == (37.6208, 55.7539)


def test_coordinate_altitude_reference_accepts_its_value() -> None:
    """The altitude reference may be given as the enum's value."""
    c = Coordinate(0, 0, altitude=-13, altitude_reference="water_surface")  # type: ignore[arg-type]
    assert c.altitude_reference is AltitudeReference.WATER_SURFACE
    assert c.altitude == -13.0


def test_coordinate_is_frozen() -> None:
    """A coordinate cannot be changed after it is built."""
    c = Coordinate(1, 2)
    with pytest.raises(AttributeError):
        c.latitude = 3.0  # type: ignore[misc]


def test_coordinate_distance_moscow_sochi() -> None:
    """Moscow to Sochi is about 1,361 km along the WGS84 geodesic."""
    moscow, sochi = Coordinate(55.7539, 37.6208), Coordinate(43.5855, 39.7231)
    assert moscow.distance_to(sochi).km == pytest.approx(1361, abs=1)
    assert sochi.distance_to(moscow).meters == pytest.approx(moscow.distance_to(sochi).meters)


# Coordinate: properties


@given(latitudes(), finite)
def test_longitude_is_always_normalised(latitude: float, longitude: float) -> None:
    """Any finite longitude becomes a longitude in [-180, 180) on the same meridian."""
    c = Coordinate(latitude, longitude)
    assert -180.0 <= c.longitude < 180.0
    if not c.at_pole and abs(longitude) < 1e6:
        assert _angular_gap(c.longitude, longitude) <= 1e-9


@given(finite)
def test_normalize_longitude_range(longitude: float) -> None:
    """normalize_longitude maps every finite value into [-180, 180) and keeps values there."""
    result = normalize_longitude(longitude)
    assert -180.0 <= result < 180.0
    if -180.0 <= longitude < 180.0:
        assert result == longitude


@given(
    latitudes(),
    st.integers(-180 * 2**20, 180 * 2**20 - 1).map(lambda n: n / 2**20),
    st.integers(-5, 5),
)
def test_longitudes_a_turn_apart_are_equal(latitude: float, longitude: float, k: int) -> None:
    """Coordinate(lat, lon) == Coordinate(lat, lon + 360k), exactly where the sum is exact."""
    a, b = Coordinate(latitude, longitude), Coordinate(latitude, longitude + 360 * k)
    assert a == b
    assert hash(a) == hash(b)


@given(latitudes(), st.floats(-180, 180, exclude_max=True), st.integers(-5, 5))
def test_longitudes_a_turn_apart_are_the_same_meridian(
    latitude: float, longitude: float, k: int
) -> None:
    """For any longitude, adding whole turns lands on the same meridian, up to rounding."""
    a, b = Coordinate(latitude, longitude), Coordinate(latitude, longitude + 360 * k)
    assert _angular_gap(a.longitude, b.longitude) <= 1e-9


@given(st.sampled_from([90.0, -90.0]), finite, finite, st.one_of(st.none(), finite))
def test_all_coordinates_of_a_pole_are_equal(
    pole: float, lon_a: float, lon_b: float, altitude: float | None
) -> None:
    """At a pole longitude means nothing: any two longitudes give equal, equally hashed points."""
    a, b = Coordinate(pole, lon_a, altitude=altitude), Coordinate(pole, lon_b, altitude=altitude)
    assert a == b
    assert hash(a) == hash(b)
    assert a.at_pole
    assert a.longitude == 0.0


@given(coordinates())
def test_distance_to_self_is_zero(c: Coordinate) -> None:
    """The distance from a point to itself is zero."""
    assert c.distance_to(c).meters == pytest.approx(0.0, abs=1e-6)


# Place


def test_place_refuses_an_empty_name() -> None:
    """A place needs a name with something in it."""
    with pytest.raises(InvalidValueError, match=r"^'name' must be a non-empty text \(got ''\)$"):
        Place("", Coordinate(0, 0))
    with pytest.raises(InvalidValueError, match=r"^'name' must be a non-empty text \(got ' '\)$"):
        Place(" ", Coordinate(0, 0))


def test_place_refuses_an_unknown_timezone() -> None:
    """A zone must be an IANA name."""
    with pytest.raises(UnknownTimezoneError, match=r"^unknown time zone 'Mars/Olympus': "):
        Place("Olympus Mons", Coordinate(18.65, -133.8), timezone="Mars/Olympus")


@pytest.mark.parametrize("country", ["rus", "ru", "RUS", "R", ""])
def test_place_refuses_a_bad_country_code(country: str) -> None:
    """A country is an upper-case ISO 3166-1 alpha-2 code."""
    with pytest.raises(
        InvalidValueError,
        match=rf"^'country' must be an ISO 3166-1 alpha-2 code such as 'RU' \(got '{country}'\)$",
    ):
        Place("Moscow", Coordinate(55.75, 37.62), country=country)


def test_place_refuses_a_coordinate_of_the_wrong_type() -> None:
    """A place's coordinate must be a Coordinate, not a bare tuple."""
    with pytest.raises(
        InvalidTypeError,
        match=r"^'coordinate' must be a Coordinate \(got tuple: \(55\.75, 37\.62\)\)$",
    ):
        Place("Moscow", (55.75, 37.62))  # type: ignore[arg-type]


def test_place_keeps_what_it_is_given() -> None:
    """A valid place keeps its fields unchanged."""
    p = Place(
        "Anadyr",
        Coordinate(64.7337, 177.5089),
        timezone="Asia/Anadyr",
        region="Chukotka",
        country="RU",
    )
    assert (p.name, p.timezone, p.region, p.country) == ("Anadyr", "Asia/Anadyr", "Chukotka", "RU")


# Distance


@pytest.mark.parametrize(
    ("meters", "message"),
    [
        (-1, r"^'meters' must be a finite number, not negative \(got -1\)$"),
        (-1e-9, r"^'meters' must be a finite number, not negative \(got -1e-09\)$"),
        (math.nan, r"^'meters' must be a finite number \(got nan\)$"),
        (math.inf, r"^'meters' must be a finite number \(got inf\)$"),
        ("5", r"^'meters' must be a number \(got str: '5'\)$"),
    ],
)
def test_distance_refuses_bad_lengths(meters: object, message: str) -> None:
    """A distance is a finite, non-negative number of metres."""
    with pytest.raises(InvalidValueError, match=message):
        Distance(meters)  # type: ignore[arg-type]


def test_distance_named_constructors_refuse_bad_lengths() -> None:
    """The unit constructors name the argument that was wrong."""
    with pytest.raises(InvalidValueError, match=r"^'km' must be a finite number \(got nan\)$"):
        Distance.from_km(math.nan)
    with pytest.raises(InvalidValueError, match=r"^'meters' must be a finite number, not negative"):
        Distance.from_miles(-1)
    with pytest.raises(InvalidValueError, match=r"^'nautical_miles' must be a finite number"):
        Distance.from_nautical_miles(math.inf)


def test_distance_units() -> None:
    """Kilometres, miles and nautical miles convert with their exact definitions."""
    assert Distance.from_km(2).meters == 2000.0
    assert Distance.from_miles(1).meters == 1609.344
    assert Distance.from_nautical_miles(1).meters == 1852.0
    assert Distance(1852).nautical_miles == 1.0
    assert Distance(1609.344).miles == 1.0
    assert Distance(2500).km == 2.5


def test_distance_text() -> None:
    """Distances print in metres below a kilometre and in kilometres above."""
    assert str(Distance(500)) == "500 m"
    assert str(Distance.from_km(65_000)) == "65,000.0 km"
    assert repr(Distance.from_km(2) + Distance(500)) == "Distance(2500 m)"


def test_distance_refuses_to_add_plain_numbers() -> None:
    """A distance plus a bare number is a type error: the number has no unit."""
    with pytest.raises(TypeError):
        Distance(1) + 1  # type: ignore[operator]


@given(distances(), distances())
def test_distance_addition_is_commutative(a: Distance, b: Distance) -> None:
    """a + b == b + a."""
    assert (a + b).meters == (b + a).meters


@given(distances(), distances(), distances())
def test_distance_addition_is_associative(a: Distance, b: Distance, c: Distance) -> None:
    """(a + b) + c equals a + (b + c), up to floating-point rounding."""
    assert ((a + b) + c).meters == pytest.approx((a + (b + c)).meters, rel=1e-12, abs=1e-6)


@given(st.lists(distances(), min_size=1, max_size=20))
def test_sum_of_distances(parts: list[Distance]) -> None:
    """sum() of distances starts from its default 0 and gives a Distance of the summed metres."""
    total = sum(parts)
    assert isinstance(total, Distance)
    assert total.meters == pytest.approx(math.fsum(d.meters for d in parts), rel=1e-12, abs=1e-6)


@given(distances(), distances())
def test_distance_order_follows_metres(a: Distance, b: Distance) -> None:
    """Distances compare by their length."""
    assert (a < b) == (a.meters < b.meters)
    assert (a == b) == (a.meters == b.meters)
