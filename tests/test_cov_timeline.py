"""Relay days as a sequence, day numbers, speeds and durations by mode, and local times."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from torchrelay import (
    Claim,
    Coordinate,
    Distance,
    FlameState,
    Leg,
    Place,
    Relay,
    RestDay,
    Source,
    Speed,
    TransportMode,
    WhereStatus,
)
from torchrelay.datasets import demo_relay
from torchrelay.exceptions import InvalidValueError

ZONE = "Europe/Moscow"
MOSCOW = Place("Moscow", Coordinate(55.7539, 37.6208), timezone=ZONE, region="Moscow", country="RU")
TVER = Place("Tver", Coordinate(56.8587, 35.9176), timezone=ZONE, region="Tver", country="RU")
SOURCE = Source("https://example.org/days", title="Days")


def _at(day: int, hour: int) -> pendulum.DateTime:
    return pendulum.datetime(2013, 10, day, hour, tz=ZONE)


def _leg(day: int, mode: TransportMode = TransportMode.RUNNING, **kw: object) -> Leg:
    return Leg(
        MOSCOW, TVER, _at(day, 10), _at(day, 12), mode, FlameState.LIT_TORCH, id=f"d{day}", **kw
    )


def _relay(*legs: Leg, **kw: object) -> Relay:
    return Relay("r", "g", legs or (_leg(7), _leg(9)), timezone=ZONE, **kw)  # type: ignore[arg-type]


# -- Relay days as a sequence --------------------------------------------------------


def _list_index(items: list[object], value: object, start: int, stop: int | None) -> int:
    return items.index(value, start) if stop is None else items.index(value, start, stop)


def test_relay_days_find_a_day_within_bounds_counted_as_a_list_counts_them() -> None:
    """index() takes negative start and stop from the end, exactly as list.index does.

    Before the fix a negative start matched every day and a negative stop none.
    """
    days = _relay(rest_days=(RestDay(dt.date(2013, 10, 8), place=TVER, note="rest"),)).days()
    listed = list(days)
    assert [d.number for d in listed] == [1, 2, 3]
    cases = [(0, 0, None), (0, -3, None), (2, -1, None), (0, 0, -1), (1, 1, -1), (2, -2, 3)]
    for position, start, stop in cases:
        day = listed[position]
        assert days.index(day, start, stop) == _list_index(listed, day, start, stop) == position
    for position, start, stop in [(0, -1, None), (2, 0, -1), (1, -1, None), (0, 1, None)]:
        day = listed[position]
        with pytest.raises(ValueError, match="is not in list"):
            _list_index(listed, day, start, stop)
        with pytest.raises(ValueError, match="is not one of these relay days") as caught:
            days.index(day, start, stop)
        assert str(caught.value).startswith(f"{day!r}")


def test_relay_days_hold_only_their_own_days() -> None:
    """A day of another relay, or anything else, is not among them, not found and counted 0."""
    days = _relay().days()
    other = _relay(_leg(7), _leg(8), _leg(9)).days()[1]  # 8 October, with a leg on it
    assert other.date == days[1].date
    assert other not in days
    assert 3 not in days  # type: ignore[comparison-overlap]
    assert (days.count(other), days.count(3), days.count(days[1])) == (0, 0, 1)
    with pytest.raises(ValueError, match="is not one of these relay days"):
        days.index("day 1")


def test_relay_days_equal_any_sequence_of_the_same_days_and_nothing_else() -> None:
    """Relay days compare equal to a list or tuple of the same days; a text or number is not one."""
    days = _relay().days()
    assert days == list(days)
    assert days == tuple(days)
    assert days != list(days)[:-1]
    assert days.__eq__("abc") is NotImplemented
    assert days.__eq__(3) is NotImplemented
    assert days != "abc"


def test_relay_days_say_their_span_and_count() -> None:
    """The repr gives the first and last dates, their numbers and the count; an empty slice says none."""
    days = _relay().days()
    assert repr(days) == "<relay days 2013-10-07 to 2013-10-09, days 1 to 3: 3 days>"
    assert repr(days[1:]) == "<relay days 2013-10-08 to 2013-10-09, days 2 to 3: 2 days>"
    assert repr(days[3:]) == "<relay days: none>"
    assert not days[3:]


# -- Day numbers and published day counts -------------------------------------------------


@pytest.mark.parametrize("at", ["2013-10-07", 1_381_132_800, None])
def test_a_day_number_needs_a_datetime_or_a_date(at: object) -> None:
    """day_number() of a text, a timestamp or None is refused, naming its type and value."""
    with pytest.raises(InvalidValueError) as caught:
        _relay().day_number(at)  # type: ignore[arg-type]
    assert str(caught.value) == (
        f"'at' must be a datetime or a date (got {type(at).__name__}: {at!r})"
    )
    assert _relay().day_number(dt.date(2013, 10, 9)) == 3


def test_a_day_count_given_in_words_is_not_compared() -> None:
    """A claim of days in words has no number to compare; numeric claims are compared."""
    relay = _relay(
        claims=(
            Claim("days", "three days", None, SOURCE, note="in words"),
            Claim("days", 4, None, SOURCE),
        )
    )
    (comparison,) = relay.compare_days()
    assert (comparison.subject, comparison.claimed, comparison.computed) == ("days", 4, 3)
    assert not comparison.agrees


# -- Speeds and durations by mode ----------------------------------------------------------


def test_unscheduled_legs_take_no_part_in_durations_by_mode() -> None:
    """A leg without times adds no time to its mode; scheduled legs add theirs."""
    unscheduled = Leg(MOSCOW, TVER, None, None, TransportMode.CAR, FlameState.LANTERN, id="x")
    relay = _relay(_leg(7), unscheduled, _leg(9))
    assert relay.duration_by_mode() == {TransportMode.RUNNING: dt.timedelta(hours=4)}


def test_space_legs_take_no_part_in_speeds_by_mode() -> None:
    """A timed spacecraft leg with a declared distance is left out of speeds by mode."""
    orbit = _leg(8, TransportMode.SPACECRAFT, declared_distance=Distance.from_km(50_000))
    relay = _relay(_leg(7), orbit)
    speeds = relay.speed_by_mode()
    assert list(speeds) == [TransportMode.RUNNING]
    measured = _leg(7).distance()
    assert measured is not None
    assert speeds[TransportMode.RUNNING].kmh == pytest.approx(measured.km / 2)


@pytest.mark.parametrize(
    ("kmh", "text"), [(10.0, "10.0 km/h"), (28.33, "28.3 km/h"), (27_400.0, "27,400.0 km/h")]
)
def test_a_speed_reads_in_kilometres_an_hour(kmh: float, text: str) -> None:
    """str() of a speed is km/h to one decimal, with thousands separated."""
    assert str(Speed.from_kmh(kmh)) == text


# -- Local times ----------------------------------------------------------------------------


def test_a_leg_without_any_zone_has_no_local_time() -> None:
    """On a leg whose places have no zone and whose times have fixed offsets, local_time is None."""
    a = Place("A", Coordinate(55.75, 37.62))
    b = Place("B", Coordinate(55.80, 37.62))
    plus4 = dt.timezone(dt.timedelta(hours=4))
    leg = Leg(
        a,
        b,
        dt.datetime(2013, 10, 7, 10, tzinfo=plus4),
        dt.datetime(2013, 10, 7, 12, tzinfo=plus4),
        TransportMode.RUNNING,
        FlameState.LIT_TORCH,
        id="a",
    )
    relay = Relay("r", "g", (leg,), timezone=ZONE)
    found = relay.where(dt.datetime(2013, 10, 7, 11, tzinfo=plus4))
    assert (found.status, found.fraction, found.local_time) == (WhereStatus.ON_LEG, 0.5, None)
    # With zones on its places the same instant has one.
    zoned = demo_relay().where(pendulum.datetime(2013, 10, 7, 12, tz=ZONE))
    assert zoned.local_time is not None
    assert zoned.local_time.isoformat() == "2013-10-07T12:00:00+04:00"
