"""Planning: estimated schedules from typical speeds, for users to adjust."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from geographiclib.geodesic import Geodesic

from torchrelay import (
    CRUISING_SPEEDS_KMH,
    MODE_TABLE,
    Coordinate,
    FlameState,
    Place,
    Relay,
    Stop,
    TimePrecision,
    TransportMode,
    local_datetime,
    plan_legs,
)
from torchrelay.exceptions import InvalidValueError, NaiveDatetimeError

MOSCOW = Place("Moscow", Coordinate(55.7539, 37.6208), timezone="Europe/Moscow")
TVER = Place("Tver", Coordinate(56.8587, 35.9176), timezone="Europe/Moscow")
ANADYR = Place("Anadyr", Coordinate(64.7337, 177.5089), timezone="Asia/Anadyr")
BAIKONUR = Place("Baikonur", Coordinate(45.965, 63.305), timezone="Asia/Qyzylorda")
ISS = Place("ISS", Coordinate(45.0, 70.0), timezone="Europe/Moscow")


def geodesic_km(a: Place, b: Place) -> float:
    g = Geodesic.WGS84.Inverse(
        a.coordinate.latitude, a.coordinate.longitude, b.coordinate.latitude, b.coordinate.longitude
    )
    return float(g["s12"]) / 1000.0


def test_every_mode_has_an_entry_within_its_plausible_range() -> None:
    """Each mode has a cruising speed (or None) inside the mode table's plausible range."""
    assert set(CRUISING_SPEEDS_KMH) == set(TransportMode)
    for mode, speed in CRUISING_SPEEDS_KMH.items():
        if speed is None:
            continue
        low, high = MODE_TABLE[mode].min_speed_kmh, MODE_TABLE[mode].max_speed_kmh
        assert low < speed <= high, mode
    assert CRUISING_SPEEDS_KMH[TransportMode.SPACECRAFT] is None


def test_plan_times_from_speed_and_dwell() -> None:
    """Arrival is departure plus geodesic distance over speed; the next leg waits the dwell."""
    start = local_datetime(2013, 10, 8, 9, tz="Europe/Moscow")
    legs = plan_legs(
        MOSCOW,
        start,
        [
            Stop(TVER, TransportMode.CAR, dwell=dt.timedelta(hours=2), id="to-tver"),
            Stop(MOSCOW, TransportMode.TRAIN, id="back"),
        ],
    )
    assert [leg.id for leg in legs] == ["to-tver", "back"]
    hours = geodesic_km(MOSCOW, TVER) / CRUISING_SPEEDS_KMH[TransportMode.CAR]  # type: ignore[operator]
    first, second = legs
    assert first.departs == start
    assert first.duration() is not None
    assert first.duration().total_seconds() == pytest.approx(hours * 3600, abs=1)  # type: ignore[union-attr]
    assert second.departs == first.arrives + dt.timedelta(hours=2)  # type: ignore[operator]
    assert second.duration() < first.duration()  # type: ignore[operator]
    assert all(leg.precision is TimePrecision.APPROXIMATE for leg in legs)
    assert first.flame is FlameState.LIT_TORCH


def test_plan_uses_destination_zone_and_crosses_zones() -> None:
    """A planned flight shows its arrival in the destination's zone as it was that date."""
    start = local_datetime(2013, 11, 11, 8, tz="Europe/Moscow")
    (flight,) = plan_legs(MOSCOW, start, [Stop(ANADYR, TransportMode.PLANE)])
    assert flight.arrives is not None
    assert flight.arrives.utcoffset() == dt.timedelta(hours=12)
    assert flight.flame is FlameState.LANTERN  # no open flame on a plane


def test_overrides_and_space() -> None:
    """A stop's own speed or duration wins; space needs a duration, and is unlit by default."""
    start = local_datetime(2013, 11, 7, 8, 14, tz="Asia/Qyzylorda")
    with pytest.raises(InvalidValueError, match="no typical speed"):
        plan_legs(BAIKONUR, start, [Stop(ISS, TransportMode.SPACECRAFT)])
    (soyuz,) = plan_legs(
        BAIKONUR, start, [Stop(ISS, TransportMode.SPACECRAFT, duration=dt.timedelta(hours=6))]
    )
    assert soyuz.duration() == dt.timedelta(hours=6)
    assert soyuz.flame is FlameState.UNLIT
    (slow,) = plan_legs(MOSCOW, start, [Stop(TVER, TransportMode.CAR, speed_kmh=1.0)])
    assert slow.duration().total_seconds() == pytest.approx(  # type: ignore[union-attr]
        geodesic_km(MOSCOW, TVER) * 3600, abs=1
    )


def test_plan_output_is_adjustable_and_usable() -> None:
    """Planned legs are ordinary legs: evolve them, build a relay, count its days."""
    start = local_datetime(2013, 10, 7, 9, tz="Europe/Moscow")
    legs = plan_legs(MOSCOW, start, Stop(TVER, TransportMode.RUNNING))
    moved = attrs.evolve(legs[0], precision=TimePrecision.MINUTE)
    relay = Relay("plan", "g", [moved], timezone="Europe/Moscow")
    assert relay.day_number(start) == 1
    speed = relay.speed()
    assert speed is not None
    assert speed.kmh == pytest.approx(CRUISING_SPEEDS_KMH[TransportMode.RUNNING], rel=1e-4)


def test_plan_refuses_bad_input() -> None:
    """Naive departures, negative dwells, bad speeds and non-stops are refused."""
    with pytest.raises(NaiveDatetimeError):
        plan_legs(MOSCOW, dt.datetime(2013, 10, 7, 9), [Stop(TVER, TransportMode.CAR)])
    with pytest.raises(InvalidValueError, match="'dwell' must not be negative"):
        Stop(TVER, TransportMode.CAR, dwell=dt.timedelta(hours=-1))
    with pytest.raises(InvalidValueError, match="'speed_kmh'"):
        Stop(TVER, TransportMode.CAR, speed_kmh=0)
    start = local_datetime(2013, 10, 7, 9, tz="Europe/Moscow")
    with pytest.raises(InvalidValueError, match=r"'stops\[0\]' must be a Stop"):
        plan_legs(MOSCOW, start, [TVER])  # type: ignore[list-item]
