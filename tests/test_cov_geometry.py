"""Boxes, bearings, points along legs and paths, displacements and sums of distances."""

from __future__ import annotations

import math

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from torchrelay import (
    BoundingBox,
    Coordinate,
    Distance,
    DistanceBasis,
    FlameState,
    Leg,
    Path,
    Place,
    Relay,
    TransportMode,
    bounding_box,
)
from torchrelay.exceptions import InvalidTypeError, InvalidValueError

ZONE = "Europe/Moscow"
DEPARTS = pendulum.datetime(2013, 10, 7, 10, tz=ZONE)
LOW = Place("Low", Coordinate(55.75, 37.62, altitude=150.0), timezone=ZONE, region="Moscow")
HIGH = Place("High", Coordinate(55.85, 37.62, altitude=250.0), timezone=ZONE, region="Moscow")


def _leg(origin: Place = LOW, destination: Place = HIGH, path: Path | None = None) -> Leg:
    return Leg(
        origin,
        destination,
        DEPARTS,
        DEPARTS.add(hours=1),
        TransportMode.RUNNING,
        FlameState.LIT_TORCH,
        id="up",
        path=path,
    )


# -- Bounding boxes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edges", "message"),
    [
        ((-200.0, 0.0, 10.0, 10.0), "'west' must be between -180 and 180 degrees (got -200.0)"),
        ((10.0, 0.0, 180.5, 10.0), "'east' must be between -180 and 180 degrees (got 180.5)"),
        ((math.nan, 0.0, 10.0, 10.0), "'west' must be between -180 and 180 degrees (got nan)"),
    ],
)
def test_a_box_edge_outside_the_longitudes_is_refused(
    edges: tuple[float, float, float, float], message: str
) -> None:
    """A west or east edge outside [-180, 180] (or NaN) is refused, naming the edge."""
    with pytest.raises(InvalidValueError) as caught:
        BoundingBox(*edges)
    assert str(caught.value) == message


def test_a_box_across_the_antimeridian_contains_only_its_own_points() -> None:
    """A box from 170°E to 170°W holds 175°E between its latitudes, and neither 0° nor 50°N."""
    box = BoundingBox(170.0, 60.0, -170.0, 70.0)
    assert box.contains(Coordinate(65.0, 175.0))
    assert box.contains(Coordinate(65.0, -175.0))
    assert not box.contains(Coordinate(50.0, 175.0))
    assert not box.contains(Coordinate(75.0, 175.0))
    assert not box.contains(Coordinate(65.0, 0.0))


def test_a_union_with_a_box_round_the_world_is_round_the_world() -> None:
    """Any box joined with one that spans every longitude spans every longitude, both ways."""
    world = BoundingBox(-180.0, -10.0, 180.0, 10.0)
    box = BoundingBox(170.0, 60.0, -170.0, 70.0)
    assert world.union(box) == box.union(world) == BoundingBox(-180.0, -10.0, 180.0, 70.0)


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        # Over the South Pole: 60°S on opposite meridians.
        ([(-60.0, 0.0), (-60.0, 180.0)], BoundingBox(-180.0, -90.0, 180.0, -60.0)),
        # Over the North Pole, then over the South Pole.
        ([(60.0, 0.0), (60.0, 180.0), (-70.0, 0.0)], BoundingBox(-180.0, -90.0, 180.0, 90.0)),
    ],
)
def test_a_line_over_a_pole_reaches_that_pole(
    points: list[tuple[float, float]], expected: BoundingBox
) -> None:
    """A geodesic between points 180° of longitude apart runs over the pole on their side."""
    assert bounding_box([Coordinate(lat, lon) for lat, lon in points], line=True) == expected


# -- Legs: bearing, bounds, points and displacements ------------------------------------------


def test_a_leg_due_north_has_a_northward_bearing_and_a_box_of_its_ends() -> None:
    """A leg along a meridian bears 0° at both ends; its box is the segment between its ends."""
    leg = _leg()
    bearing = leg.bearing()
    assert (bearing.initial, bearing.final) == (pytest.approx(0.0), pytest.approx(0.0))
    assert leg.bounds() == BoundingBox(37.62, 55.75, 37.62, 55.85)


def test_a_leg_without_a_path_interpolates_altitude_between_its_places() -> None:
    """Halfway along a leg whose places both have altitudes is halfway up, on the geodesic."""
    point = _leg().point_at_fraction(0.5)
    assert point.altitude == pytest.approx(200.0)
    assert point.latitude == pytest.approx(55.80, abs=1e-6)
    assert point.longitude == pytest.approx(37.62)


def test_a_leg_whose_path_has_one_point_is_at_that_point_throughout() -> None:
    """A one-point path gives that point at any fraction, and the places' displacement."""
    leg = _leg(path=Path.from_arrays([55.80], [37.70], altitudes=[10.0]))
    for fraction in (0.0, 0.3, 1.0):
        assert leg.point_at_fraction(fraction) == Coordinate(55.80, 37.70, altitude=10.0)
    shown = leg.displacement()
    assert shown.vertical == pytest.approx(100.0)
    assert shown.horizontal.basis is DistanceBasis.STRAIGHT_LINE


def test_a_path_without_altitudes_has_no_vertical_component() -> None:
    """With no altitude on the path nor at the start, the displacement says which end lacks one."""
    leg = _leg(
        origin=Place("Low", Coordinate(55.75, 37.62), timezone=ZONE),
        path=Path.from_arrays([55.75, 55.85], [37.62, 37.62]),
    )
    shown = leg.displacement()
    assert (shown.vertical, shown.length, shown.reason) == (None, None, "the start has no altitude")
    assert shown.horizontal.basis is DistanceBasis.PATH


@pytest.mark.parametrize("fraction", ["half", True, None])
def test_a_fraction_must_be_a_number(fraction: object) -> None:
    """A fraction that is a text, a boolean or None is refused, showing it."""
    with pytest.raises(InvalidValueError) as caught:
        _leg().point_at_fraction(fraction)  # type: ignore[arg-type]
    assert str(caught.value) == f"'fraction' must be a number (got {fraction!r})"


@pytest.mark.parametrize("distance", ["1 km", False, None])
def test_a_distance_along_a_path_must_be_a_distance_or_metres(distance: object) -> None:
    """A distance that is a text, a boolean or None is refused, showing it."""
    with pytest.raises(InvalidValueError) as caught:
        Path.from_arrays([0.0, 0.0], [0.0, 2.0]).point_at_distance(distance)  # type: ignore[arg-type]
    assert str(caught.value) == f"'distance' must be a Distance or metres (got {distance!r})"


# -- Paths ----------------------------------------------------------------------------------


@pytest.mark.parametrize("index", [slice(5, None), slice(1, 1), slice(None, None, -5)])
def test_a_slice_of_a_path_must_pick_a_point(index: slice) -> None:
    """A slice that picks no point is an IndexError naming the slice; one point is a path."""
    path = Path.from_arrays([0.0, 0.0, 0.0], [0.0, 1.0, 2.0])
    if index.step is not None:
        assert len(path[index]) == 1
        return
    with pytest.raises(IndexError) as caught:
        path[index]
    assert str(caught.value) == f"the slice {index} picks no points; a path needs at least one"


@pytest.mark.parametrize("start", [1.0, True, "1"])
def test_a_segment_start_must_be_a_point_index(start: object) -> None:
    """A segment start given as a float, a boolean or a text is refused by type."""
    with pytest.raises(InvalidTypeError) as caught:
        Path.from_arrays([0.0, 0.0, 0.0], [0.0, 1.0, 2.0], segment_starts=[start])  # type: ignore[list-item]
    assert str(caught.value) == f"'segment_starts[0]' must be a point index (got {start!r})"


def test_a_path_without_times_is_untimed_at_every_point() -> None:
    """untimed() lists every point of a path that has no times at all."""
    assert Path.from_arrays([0.0, 0.0, 0.0], [0.0, 1.0, 2.0]).untimed().tolist() == [0, 1, 2]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(0.0, 1e7), min_size=1, max_size=5))
def test_distances_sum_from_zero_to_the_sum_of_their_metres(meters: list[float]) -> None:
    """sum() of distances starts from 0 and gives a Distance of the summed metres."""
    total = sum(Distance(m) for m in meters)
    assert isinstance(total, Distance)
    assert total.meters == pytest.approx(math.fsum(meters))
    assert Distance(1.0).__radd__(1) is NotImplemented
    with pytest.raises(TypeError):
        "1 m" + Distance(1.0)  # type: ignore[operator]


def test_columns_with_no_value_at_all_are_no_columns() -> None:
    """Altitudes all None or NaN, and times all None, leave the path without those columns."""
    path = Path.from_arrays([0.0, 0.0], [0.0, 1.0], altitudes=[None, math.nan], times=[None, None])
    assert (path.altitudes, path.times) == (None, None)
    assert not path.has_times


def test_a_relay_on_paths_alone_measures_along_them() -> None:
    """With every leg on a path, the relay's distance is the sum of the paths' lengths."""
    paths = [
        Path.from_arrays([55.75, 55.80, 55.85], [37.62, 37.70, 37.62]),
        Path.from_arrays([55.85, 55.95], [37.62, 37.62]),
    ]
    legs = [
        Leg(
            LOW,
            HIGH,
            DEPARTS.add(hours=i),
            DEPARTS.add(hours=i + 1),
            TransportMode.RUNNING,
            FlameState.LIT_TORCH,
            id=f"p{i}",
            path=path,
        )
        for i, path in enumerate(paths)
    ]
    distance = Relay("r", "g", legs, timezone=ZONE).distance()
    assert distance.meters == pytest.approx(sum(p.length().meters for p in paths))
    assert distance.basis is DistanceBasis.PATH


def test_where_passes_over_a_path_point_without_a_time() -> None:
    """Halfway in time between two timed points, the flame is between them, not at the untimed one."""
    path = Path.from_arrays(
        [55.75, 55.80, 55.85], [37.62, 37.90, 37.62], times=[DEPARTS, None, DEPARTS.add(hours=2)]
    )
    leg = Leg(
        LOW,
        HIGH,
        DEPARTS,
        DEPARTS.add(hours=2),
        TransportMode.RUNNING,
        FlameState.LIT_TORCH,
        id="p",
        path=path,
    )
    found = Relay("r", "g", [leg], timezone=ZONE).where(DEPARTS.add(hours=1))
    assert found.position is not None
    assert found.position.latitude == pytest.approx(55.80, abs=1e-6)
    assert found.position.longitude == pytest.approx(37.62)
