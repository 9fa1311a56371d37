"""Paths: compact columns that validate in bulk, stay frozen and measure geodesics."""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo

import numpy as np
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from torchrelay import AltitudeReference, Coordinate, Path
from torchrelay.exceptions import (
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    UnknownTimezoneError,
)
from torchrelay.testing import altitudes, coordinates, latitudes, longitudes, paths

UTC = dt.UTC
T0 = dt.datetime(2013, 10, 7, 9, 0, tzinfo=UTC)

finite = st.floats(allow_nan=False, allow_infinity=False)


# from_arrays: errors


def test_refuses_an_empty_path() -> None:
    """A path has at least one point; a leg without geometry has path=None."""
    with pytest.raises(InvalidValueError, match=r"^a path needs at least one point; use path=None"):
        Path.from_arrays([], [])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"longitudes": [1.0]}, r"^'longitudes' has 1 values but 'latitudes' has 2$"),
        ({"altitudes": [1.0, 2.0, 3.0]}, r"^'altitudes' has 3 values but 'latitudes' has 2$"),
        ({"times": [1.0]}, r"^'times' has 1 values but 'latitudes' has 2$"),
        ({"times": [T0]}, r"^'times' has 1 values but 'latitudes' has 2$"),
        ({"times": []}, r"^'times' has 0 values but 'latitudes' has 2$"),
    ],
)
def test_refuses_columns_of_different_lengths(kwargs: dict[str, object], message: str) -> None:
    """Every column has one value a point; the message names the column that differs."""
    columns: dict[str, object] = {"latitudes": [0.0, 1.0], "longitudes": [0.0, 1.0]}
    columns.update(kwargs)
    with pytest.raises(InvalidValueError, match=message):
        Path.from_arrays(**columns)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [91.0, -90.5, math.nan, math.inf])
def test_refuses_a_bad_latitude_and_names_its_index(bad: float) -> None:
    """A latitude outside [-90, 90] or not finite is refused, naming the first bad index."""
    with pytest.raises(
        InvalidValueError, match=r"^'latitudes\[2\]' must be a finite number in \[-90, 90\] \(got "
    ):
        Path.from_arrays([0.0, 1.0, bad, bad], [0.0, 1.0, 2.0, 3.0])


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_refuses_a_non_finite_longitude_and_names_its_index(bad: float) -> None:
    """A NaN or infinite longitude is refused, naming the first bad index."""
    with pytest.raises(
        InvalidValueError, match=r"^'longitudes\[1\]' must be a finite number \(got "
    ):
        Path.from_arrays([0.0, 1.0, 2.0], [0.0, bad, 2.0])


def test_refuses_an_infinite_altitude_and_names_its_index() -> None:
    """Altitudes may be NaN for unknown, never infinite."""
    with pytest.raises(
        InvalidValueError,
        match=r"^'altitudes\[1\]' must be a finite number or NaN where unknown \(got ",
    ):
        Path.from_arrays([0.0, 1.0], [0.0, 1.0], [0.0, math.inf])


def test_refuses_naive_times_and_names_the_index() -> None:
    """Every time must carry a zone; the message names the first naive one."""
    naive = dt.datetime(2013, 10, 7, 10, 0)
    with pytest.raises(
        NaiveDatetimeError,
        match=r"^'times\[1\]' must be timezone-aware \(got naive 2013-10-07T10:00:00\)$",
    ):
        Path.from_arrays([0.0, 1.0, 2.0], [0.0, 1.0, 2.0], times=[T0, naive, naive])


@pytest.mark.parametrize("intruder", [1381136400.0, "2013-10-07T10:00:00+00:00"])
def test_refuses_a_non_datetime_among_datetimes(intruder: object) -> None:
    """Times are all datetimes (or None) or all numbers; a stray value is named by its index."""
    with pytest.raises(
        InvalidTypeError, match=r"^'times\[1\]' must be a datetime like the others, or None \(got "
    ):
        Path.from_arrays([0.0, 1.0], [0.0, 1.0], times=[T0, intruder])  # type: ignore[list-item]


@pytest.mark.parametrize("bad", [math.inf, -math.inf])
def test_refuses_non_finite_numeric_times(bad: float) -> None:
    """POSIX-second times are finite, or NaN for a point without one; the message names the index."""
    with pytest.raises(
        InvalidValueError,
        match=r"^'times\[1\]' must be a finite number or NaN where unknown \(got ",
    ):
        Path.from_arrays([0.0, 1.0], [0.0, 1.0], times=[0.0, bad])


@pytest.mark.parametrize(
    "latitudes", [[[0.0, 1.0]], np.zeros((2, 2)), np.zeros((1, 1, 1))], ids=repr
)
def test_refuses_multidimensional_input(latitudes: object) -> None:
    """Columns are flat; a 2-D array is refused with its shape."""
    with pytest.raises(
        InvalidValueError, match=r"^'latitudes' must be a flat sequence of numbers \(got shape "
    ):
        Path.from_arrays(latitudes, [0.0, 1.0])  # type: ignore[arg-type]


def test_refuses_text_in_a_column() -> None:
    """A column of text is refused as one of our errors, naming the column."""
    with pytest.raises(InvalidValueError, match=r"^'longitudes' must be"):
        Path.from_arrays([0.0], ["east"])  # type: ignore[list-item]


def test_refuses_an_unknown_timezone() -> None:
    """The display zone must be an IANA name."""
    with pytest.raises(UnknownTimezoneError, match="'Mars/Olympus'"):
        Path.from_arrays([0.0], [0.0], times=[0.0], timezone="Mars/Olympus")


def test_from_coordinates_refuses_mixed_altitude_references() -> None:
    """Altitudes from different references cannot share a column."""
    with pytest.raises(
        InvalidValueError,
        match=r"^a path's altitudes must share one reference \(got ellipsoid, mean_sea_level\)$",
    ):
        Path.from_coordinates(
            [
                Coordinate(0, 0, altitude=10, altitude_reference=AltitudeReference.MEAN_SEA_LEVEL),
                Coordinate(0, 1, altitude=10, altitude_reference=AltitudeReference.ELLIPSOID),
            ]
        )


def test_from_coordinates_ignores_the_reference_of_points_without_altitude() -> None:
    """A point without altitude does not conflict with the reference of the others."""
    p = Path.from_coordinates(
        [
            Coordinate(0, 0, altitude=10, altitude_reference=AltitudeReference.ELLIPSOID),
            Coordinate(0, 1),
        ]
    )
    assert p.altitude_reference is AltitudeReference.ELLIPSOID
    assert p.altitudes is not None
    assert math.isnan(p.altitudes[1])
    assert p[1].altitude is None


# from_arrays: what it keeps


@given(
    st.integers(1, 12).flatmap(
        lambda n: st.tuples(
            st.lists(latitudes(), min_size=n, max_size=n),
            st.lists(finite, min_size=n, max_size=n),
            st.one_of(
                st.none(),
                st.lists(st.one_of(altitudes(), st.just(math.nan)), min_size=n, max_size=n),
            ),
        )
    ),
    st.sampled_from(AltitudeReference),
)
def test_round_trips_its_columns(
    columns: tuple[list[float], list[float], list[float] | None], ref: AltitudeReference
) -> None:
    """Iterating a path gives the Coordinates its columns describe, normalised the same way."""
    lats, lons, alts = columns
    p = Path.from_arrays(lats, lons, alts, altitude_reference=ref)
    expected = [
        Coordinate(
            lat,
            lon,
            altitude=None if alts is None or math.isnan(alts[i]) else alts[i],
            altitude_reference=ref,
        )
        for i, (lat, lon) in enumerate(zip(lats, lons, strict=True))
    ]
    assert list(p) == expected
    assert len(p) == len(lats)
    assert [p[i] for i in range(len(p))] == expected
    assert p[-1] == expected[-1]
    assert p.first == expected[0]
    assert p.last == expected[-1]


@given(st.lists(coordinates(), min_size=1, max_size=10))
def test_from_coordinates_round_trips(points: list[Coordinate]) -> None:
    """A path built from coordinates of one reference gives the same coordinates back."""
    ref = points[0].altitude_reference
    same = [
        Coordinate(c.latitude, c.longitude, altitude=c.altitude, altitude_reference=ref)
        for c in points
    ]
    p = Path.from_coordinates(same)
    if all(c.altitude is None for c in same):
        assert p.altitudes is None
        same = [Coordinate(c.latitude, c.longitude) for c in same]
    assert list(p) == same


def test_index_out_of_range() -> None:
    """Indexing past the end is an IndexError naming the index and the length."""
    p = Path.from_arrays([0.0, 1.0], [0.0, 1.0])
    with pytest.raises(IndexError, match=r"^path index 2 out of range for 2 points$"):
        p[2]
    with pytest.raises(IndexError, match=r"^path index -3 out of range for 2 points$"):
        p[-3]


@given(paths(min_points=1, max_points=8), st.integers(0, 8), st.integers(0, 8))
def test_slicing_gives_a_path_of_the_same_points(p: Path, start: int, stop: int) -> None:
    """A slice of a path is a path of the sliced points, with the same times and zone."""
    if start >= min(stop, len(p)):
        return
    part = p[start:stop]
    assert list(part) == list(p)[start:stop]
    assert part.timezone == p.timezone
    assert [part.time_at(i) for i in range(len(part))] == [
        p.time_at(i) for i in range(start, min(stop, len(p)))
    ]


# immutability


@given(paths())
def test_columns_are_read_only(p: Path) -> None:
    """A frozen path's arrays cannot be written to."""
    for column in (p.latitudes, p.longitudes, p.altitudes, p.times):
        if column is None:
            continue
        assert not column.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            column[0] = 0.0


def test_path_attributes_cannot_be_reassigned() -> None:
    """A path's fields cannot be replaced."""
    p = Path.from_arrays([0.0], [0.0])
    with pytest.raises(AttributeError):
        p.latitudes = np.zeros(1)  # type: ignore[misc]


@pytest.mark.parametrize("kind", ["list", "array"])
def test_changing_the_inputs_later_does_not_change_the_path(kind: str) -> None:
    """The path keeps its own copies of its inputs."""
    cols: list[list[float]] = [[10.0, 20.0], [30.0, 40.0], [1.0, 2.0], [0.0, 60.0]]
    inputs = [np.array(c) if kind == "array" else c for c in cols]
    p = Path.from_arrays(*inputs)  # type: ignore[arg-type]
    before = Path.from_arrays(*cols)
    for column in inputs:
        column[0] = 99.0
    assert p == before
    assert p.latitudes.tolist() == [10.0, 20.0]
    assert p.longitudes.tolist() == [30.0, 40.0]
    assert p.altitudes is not None
    assert p.altitudes.tolist() == [1.0, 2.0]
    assert p.times is not None
    assert p.times.tolist() == [0.0, 60.0]


def test_a_read_only_input_array_is_accepted() -> None:
    """Input arrays that are already read-only are copied, not refused."""
    lat = np.array([1.0, 2.0])
    lat.flags.writeable = False
    p = Path.from_arrays(lat, [3.0, 4.0])
    assert p.latitudes.tolist() == [1.0, 2.0]


def test_normalising_does_not_touch_the_input() -> None:
    """Normalising longitudes writes into the path's copy, not into the caller's array."""
    lon = np.array([190.0, 0.0])
    p = Path.from_arrays([0.0, 0.0], lon)
    assert lon.tolist() == [190.0, 0.0]
    assert p.longitudes.tolist() == [-170.0, 0.0]


# equality and hashing


@given(paths())
def test_paths_from_the_same_data_are_equal(p: Path) -> None:
    """A path rebuilt from another's columns is equal to it and hashes the same."""
    q = Path.from_arrays(
        p.latitudes.tolist(),
        p.longitudes.tolist(),
        None if p.altitudes is None else p.altitudes.tolist(),
        None if p.times is None else p.times.tolist(),
        offsets=None if p.offsets is None else p.offsets.tolist(),
        segment_starts=p.segment_starts,
        columns={name: column.tolist() for name, column in p.columns.items()},
        altitude_reference=p.altitude_reference,
        timezone=p.timezone,
    )
    assert p == q
    assert hash(p) == hash(q)


def test_nan_altitudes_compare_equal() -> None:
    """Unknown altitudes (NaN) at the same places do not make two paths unequal."""
    a = Path.from_arrays([0.0, 1.0], [0.0, 1.0], [math.nan, 5.0])
    b = Path.from_arrays([0.0, 1.0], [0.0, 1.0], [math.nan, 5.0])
    assert a == b
    assert hash(a) == hash(b)
    assert {a, b} == {a}


def test_paths_that_differ_are_unequal() -> None:
    """A different point, altitude, time, reference or zone makes a different path."""
    base = Path.from_arrays([0.0, 1.0], [0.0, 1.0], [1.0, 2.0], [0.0, 1.0], timezone="UTC")
    others = [
        Path.from_arrays([0.0, 1.5], [0.0, 1.0], [1.0, 2.0], [0.0, 1.0], timezone="UTC"),
        Path.from_arrays([0.0, 1.0], [0.0, 1.5], [1.0, 2.0], [0.0, 1.0], timezone="UTC"),
        Path.from_arrays([0.0, 1.0], [0.0, 1.0], [1.0, 3.0], [0.0, 1.0], timezone="UTC"),
        Path.from_arrays([0.0, 1.0], [0.0, 1.0], [1.0, math.nan], [0.0, 1.0], timezone="UTC"),
        Path.from_arrays([0.0, 1.0], [0.0, 1.0], None, [0.0, 1.0], timezone="UTC"),
        Path.from_arrays([0.0, 1.0], [0.0, 1.0], [1.0, 2.0], [0.0, 2.0], timezone="UTC"),
        Path.from_arrays([0.0, 1.0], [0.0, 1.0], [1.0, 2.0], None),
        Path.from_arrays(
            [0.0, 1.0],
            [0.0, 1.0],
            [1.0, 2.0],
            [0.0, 1.0],
            timezone="UTC",
            altitude_reference=AltitudeReference.ELLIPSOID,
        ),
        Path.from_arrays([0.0, 1.0], [0.0, 1.0], [1.0, 2.0], [0.0, 1.0], timezone="Asia/Anadyr"),
    ]
    for other in others:
        assert base != other


def test_equal_paths_normalise_longitudes_alike() -> None:
    """Paths at the same meridians given a turn apart are equal."""
    assert Path.from_arrays([10.0, 20.0], [170.0, 190.0]) == Path.from_arrays(
        [10.0, 20.0], [170.0, -170.0]
    )
    at_pole = Path.from_arrays([90.0, -90.0], [45.0, -120.0])
    assert at_pole.longitudes.tolist() == [0.0, 0.0]


# times


def test_times_from_stdlib_datetimes_keep_the_instant_and_zone() -> None:
    """Aware datetimes become POSIX seconds; a named zone of the first becomes the path's."""
    moscow = zoneinfo.ZoneInfo("Europe/Moscow")
    start = dt.datetime(2013, 10, 7, 12, 0, tzinfo=moscow)
    p = Path.from_arrays(
        [55.75, 55.76], [37.62, 37.64], times=[start, start + dt.timedelta(minutes=5)]
    )
    assert p.timezone == "Europe/Moscow"
    assert p.has_times
    assert p.times is not None
    assert p.times.tolist() == [start.timestamp(), start.timestamp() + 300]
    first = p.time_at(0)
    assert isinstance(first, pendulum.DateTime)
    assert first.timezone_name == "Europe/Moscow"
    assert first == start
    assert first.hour == 12


def test_times_from_pendulum_keep_the_zone() -> None:
    """A pendulum time's zone name becomes the path's zone."""
    t = pendulum.datetime(2013, 11, 12, 12, tz="Asia/Anadyr")
    p = Path.from_arrays([64.73], [177.5], times=[t])
    assert p.timezone == "Asia/Anadyr"
    assert p.time_at(0) == t


def test_fixed_offset_times_leave_the_zone_unset() -> None:
    """A fixed offset is not a zone, but each time keeps it: time_at gives +04:00 back."""
    plus4 = dt.timezone(dt.timedelta(hours=4))
    p = Path.from_arrays([0.0], [0.0], times=[dt.datetime(2013, 10, 7, 12, tzinfo=plus4)])
    assert p.timezone is None
    t = p.time_at(0)
    assert t is not None
    assert t.utcoffset() == dt.timedelta(hours=4)
    assert t.hour == 12
    assert t.in_tz("UTC").hour == 8


def test_a_path_without_times() -> None:
    """Without times, time_at is None and has_times is False."""
    p = Path.from_arrays([0.0], [0.0])
    assert not p.has_times
    assert p.time_at(0) is None


# lengths


@given(paths())
def test_length_is_the_sum_of_segment_lengths(p: Path) -> None:
    """A path's length equals the sum of its segments' lengths."""
    segments = p.segment_lengths()
    assert len(segments) == max(len(p) - 1, 0)
    assert (segments >= 0).all()
    assert p.length().meters == pytest.approx(math.fsum(segments.tolist()), rel=1e-9, abs=1e-6)


@given(st.lists(st.tuples(latitudes(), longitudes()), min_size=2, max_size=5))
def test_segment_lengths_agree_with_coordinate_distances(points: list[tuple[float, float]]) -> None:
    """Bulk geodesics (pyproj) agree with single ones (geopy) to the millimetre."""
    p = Path.from_arrays([a for a, _ in points], [b for _, b in points])
    singles = [a.distance_to(b).meters for a, b in zip(p, list(p)[1:], strict=False)]
    assert p.segment_lengths().tolist() == pytest.approx(singles, abs=1e-3)


def test_one_degree_of_longitude_at_the_equator() -> None:
    """One degree along the equator is 111.319 km on WGS84."""
    assert Path.from_arrays([0, 0], [0, 1]).length().km == pytest.approx(111.3195, abs=1e-3)


def test_a_single_point_has_no_length() -> None:
    """A one-point path has no segments and length zero."""
    p = Path.from_arrays([1.0], [2.0])
    assert p.segment_lengths().tolist() == []
    assert p.length().meters == 0.0


def test_across_the_antimeridian_is_short() -> None:
    """A path that crosses the antimeridian takes the short way, not around the globe."""
    p = Path.from_arrays([65.0, 65.0], [179.5, -179.5])
    assert p.length().km < 50
