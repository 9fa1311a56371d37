"""The one leg-distance rule: what each kind of leg measures, the same for one leg, a relay and validation."""

from __future__ import annotations

import math

import pytest
from geographiclib.geodesic import Geodesic

from torchrelay import (
    Coordinate,
    Distance,
    DistanceBasis,
    FlameState,
    Leg,
    Path,
    Place,
    Relay,
    TransportMode,
)
from torchrelay._legtable import table_of
from torchrelay.validation import Context, Policy

WGS84 = Geodesic.WGS84
MOSCOW = Place("Moscow", Coordinate(55.7539, 37.6208))
SOCHI = Place("Sochi", Coordinate(43.5855, 39.7231))
BAIKONUR = Place("Baikonur", Coordinate(45.9646, 63.3052))


def _s12(a: Coordinate, b: Coordinate) -> float:
    result: float = WGS84.Inverse(a.latitude, a.longitude, b.latitude, b.longitude)["s12"]
    return result


def _leg(mode: TransportMode, *, path: Path | None = None, declared: float | None = None) -> Leg:
    return Leg(
        MOSCOW,
        SOCHI,
        None,
        None,
        mode,
        FlameState.LANTERN,
        path=path,
        declared_distance=None if declared is None else Distance(declared),
    )


PATH = Path.from_arrays([55.7539, 50.0, 43.5855], [37.6208, 40.0, 39.7231])
# Each case: a leg, the metres GeographicLib gives (None: no distance), the basis.
CASES = [
    pytest.param(
        _leg(TransportMode.CAR, path=PATH, declared=1.0),
        _s12(PATH[0], PATH[1]) + _s12(PATH[1], PATH[2]),
        DistanceBasis.PATH,
        id="path-beats-declared",
    ),
    pytest.param(
        _leg(TransportMode.PLANE),
        _s12(MOSCOW.coordinate, SOCHI.coordinate),
        DistanceBasis.STRAIGHT_LINE,
        id="straight-line",
    ),
    pytest.param(
        _leg(TransportMode.CAR, path=Path.from_arrays([50.0], [40.0])),
        _s12(MOSCOW.coordinate, SOCHI.coordinate),
        DistanceBasis.STRAIGHT_LINE,
        id="one-point-path-is-no-path",
    ),
    pytest.param(
        _leg(TransportMode.SPACECRAFT, path=PATH, declared=123_000.0),
        123_000.0,
        DistanceBasis.DECLARED,
        id="space-declared",
    ),
    pytest.param(_leg(TransportMode.SPACECRAFT, path=PATH), None, None, id="space-undeclared"),
]


@pytest.mark.parametrize(("leg", "meters", "basis"), CASES)
def test_each_kind_of_leg_measures_by_the_rule(
    leg: Leg, meters: float | None, basis: DistanceBasis | None
) -> None:
    """Path, else straight line; in space, declared or none: per leg, in bulk, in validation."""
    got = leg.distance()
    relay = Relay("r", None, [leg])
    ctx = Context(relay, Policy())
    if meters is None:
        assert got is None
        assert math.isnan(ctx.distance_meters[0])
        assert relay.distance(include_space=True) == Distance(0.0)
        return
    assert got is not None
    assert got.meters == pytest.approx(meters, abs=1e-3)
    assert got.basis is basis
    assert ctx.distance_meters[0] == pytest.approx(meters, abs=1e-3)
    total = relay.distance(include_space=True)
    assert total.meters == pytest.approx(meters, abs=1e-3)
    assert total.basis is basis


def test_space_legs_are_apart_from_the_ground_total() -> None:
    """A relay's distance leaves space out; space_distance reports it; mixed bases say MIXED."""
    legs = [case.values[0] for case in CASES]
    relay = Relay("r", None, legs)
    ground = sum(case.values[1] for case in CASES[:3])
    assert relay.distance().meters == pytest.approx(ground, abs=1e-3)
    assert relay.distance().basis is DistanceBasis.MIXED
    assert relay.space_distance() == Distance(123_000.0)
    assert relay.distance(include_space=True).meters == pytest.approx(ground + 123_000, abs=1e-3)


def test_a_relay_builds_its_column_view_once_and_validation_shares_it() -> None:
    """Relay.distance() and validation's Context read one table, built once a relay."""
    relay = Relay("r", None, [case.values[0] for case in CASES])
    first = table_of(relay)
    relay.distance()
    relay.distance_by_mode()
    assert table_of(relay) is first
    assert Context(relay, Policy())._table is first
    assert table_of(Relay("r", None, relay.legs)) is not first  # equal, but another relay
