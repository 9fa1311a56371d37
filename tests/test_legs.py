"""Legs: what a leg refuses, and what it promises about its times and geometry."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pendulum
import pytest
from hypothesis import given, settings

from torchrelay import (
    Coordinate,
    Distance,
    FlameSource,
    FlameState,
    Leg,
    Path,
    Place,
    Relight,
    Source,
    TimePrecision,
    Torchbearer,
    TransportMode,
    local_datetime,
)
from torchrelay.exceptions import (
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    TimeOrderError,
)
from torchrelay.testing import legs

MOSCOW = Place(
    "Moscow", Coordinate(55.7539, 37.6208), timezone="Europe/Moscow", region="Moscow", country="RU"
)
VNUKOVO = Place(
    "Vnukovo Airport",
    Coordinate(55.5915, 37.2615),
    timezone="Europe/Moscow",
    region="Moscow",
    country="RU",
)
DEPARTS = pendulum.datetime(2013, 10, 7, 12, tz="Europe/Moscow")
ARRIVES = pendulum.datetime(2013, 10, 7, 20, tz="Europe/Moscow")


def _leg(**kwargs: object) -> Leg:
    fields: dict[str, object] = {
        "origin": MOSCOW,
        "destination": VNUKOVO,
        "departs": DEPARTS,
        "arrives": ARRIVES,
        "mode": TransportMode.RUNNING,
        "flame": FlameState.LIT_TORCH,
    }
    fields.update(kwargs)
    return Leg(**fields)  # type: ignore[arg-type]


# constructor errors


def test_refuses_a_naive_departure() -> None:
    """A departure without a zone is not an instant."""
    with pytest.raises(
        NaiveDatetimeError,
        match=r"^'departs' must be timezone-aware \(got naive 2013-10-07T12:00:00\); attach a zone",
    ):
        _leg(departs=dt.datetime(2013, 10, 7, 12))


def test_refuses_a_naive_arrival() -> None:
    """An arrival without a zone is not an instant."""
    with pytest.raises(
        NaiveDatetimeError,
        match=r"^'arrives' must be timezone-aware \(got naive 2013-10-07T20:00:00\); attach a zone",
    ):
        _leg(arrives=dt.datetime(2013, 10, 7, 20))


def test_refuses_a_text_time() -> None:
    """Times are datetimes, not texts to be parsed."""
    with pytest.raises(InvalidTypeError, match=r"^'departs' must be a datetime \(got str: "):
        _leg(departs="2013-10-07T12:00:00+04:00")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"arrives": None}, r"^'departs' is set but 'arrives' is not: a leg has both times or"),
        ({"departs": None}, r"^'arrives' is set but 'departs' is not: a leg has both times or"),
    ],
)
def test_refuses_only_one_time(kwargs: dict[str, object], message: str) -> None:
    """A leg has both times or neither."""
    with pytest.raises(TimeOrderError, match=message):
        _leg(**kwargs)


def test_refuses_an_arrival_before_the_departure() -> None:
    """An arrival before the departure is impossible; the message shows both times."""
    with pytest.raises(
        TimeOrderError,
        match=r"^'arrives' must not be before 'departs' \(got departs=2013-10-07T20:00:00\+04:00, "
        r"arrives=2013-10-07T12:00:00\+04:00\)$",
    ):
        _leg(departs=ARRIVES, arrives=DEPARTS)


def test_compares_instants_not_wall_clocks() -> None:
    """Order is judged on instants: 12:00 in Moscow is after 09:00 in UTC, not before."""
    leg = _leg(
        departs=pendulum.datetime(2013, 10, 7, 9, tz="UTC"),
        arrives=pendulum.datetime(2013, 10, 7, 13, 30, tz="Europe/Moscow"),
    )
    duration = leg.duration()
    assert duration is not None
    assert duration.in_minutes() == 30
    with pytest.raises(TimeOrderError):
        _leg(
            departs=pendulum.datetime(2013, 10, 7, 9, tz="UTC"),
            arrives=pendulum.datetime(2013, 10, 7, 12, 59, tz="Europe/Moscow"),
        )


def test_refuses_a_torchbearer_that_is_not_one_and_names_the_index() -> None:
    """Every torchbearer is a Torchbearer; a bare name is refused, naming where it was."""
    with pytest.raises(
        InvalidValueError, match=r"^'torchbearers\[1\]' must be a Torchbearer \(got str: 'Ivan'\)$"
    ):
        _leg(torchbearers=[Torchbearer(id="tb-1"), "Ivan"])


def test_refuses_relights_and_sources_of_the_wrong_type() -> None:
    """Relights and sources are checked item by item too."""
    with pytest.raises(InvalidValueError, match=r"^'relights\[0\]' must be a Relight \(got "):
        _leg(relights=["lighter"])
    with pytest.raises(InvalidValueError, match=r"^'sources\[0\]' must be a Source \(got "):
        _leg(sources=["https://example.org"])


@pytest.mark.parametrize("field", ["origin", "destination"])
def test_refuses_a_place_of_the_wrong_type(field: str) -> None:
    """Origin and destination are Places, not names or coordinates; the error is a TypeError too."""
    with pytest.raises(
        InvalidTypeError, match=rf"^'{field}' must be a Place \(got str: 'Moscow'\)$"
    ) as info:
        _leg(**{field: "Moscow"})
    assert isinstance(info.value, TypeError)


def test_refuses_a_path_or_distance_of_the_wrong_type() -> None:
    """A path is a Path and a declared distance a Distance."""
    with pytest.raises(InvalidTypeError, match=r"^'path' must be a Path \(got list: "):
        _leg(path=[(55.75, 37.62)])
    with pytest.raises(
        InvalidTypeError, match=r"^'declared_distance' must be a Distance \(got float: 12\.5\)$"
    ):
        _leg(declared_distance=12.5)


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        ("mode", "teleport", "TransportMode"),
        ("flame", "torch", "FlameState"),
        ("precision", "hourly", "TimePrecision"),
        ("lit_from", "match", "FlameSource"),
    ],
)
def test_refuses_unknown_enum_values(field: str, value: str, kind: str) -> None:
    """Modes, states, precisions and flame sources are closed lists; the error lists them."""
    with pytest.raises(InvalidValueError, match=rf"^'{value}' is not a {kind}: use one of '"):
        _leg(**{field: value})


# what it keeps


def test_unscheduled_legs_have_no_times() -> None:
    """A leg without times is unscheduled and has no duration."""
    leg = _leg(departs=None, arrives=None)
    assert not leg.scheduled
    assert leg.duration() is None


def test_accepts_enum_values_and_iterables() -> None:
    """Enums may be given by value and sequences by any iterable; both are normalised."""
    people = (Torchbearer(id=str(i)) for i in range(3))
    leg = _leg(mode="running", flame="lantern", torchbearers=people, precision="day")
    assert leg.mode is TransportMode.RUNNING
    assert leg.flame is FlameState.LANTERN
    assert leg.precision is TimePrecision.DAY
    assert isinstance(leg.torchbearers, tuple)
    assert [t.id for t in leg.torchbearers] == ["0", "1", "2"]


def test_stdlib_times_become_pendulum_in_their_zone() -> None:
    """A stdlib datetime with a ZoneInfo becomes a pendulum DateTime in that zone, same instant."""
    zone = zoneinfo.ZoneInfo("Asia/Anadyr")
    departs = dt.datetime(2013, 11, 12, 10, 0, tzinfo=zone)
    leg = _leg(departs=departs, arrives=departs + dt.timedelta(hours=2))
    assert isinstance(leg.departs, pendulum.DateTime)
    assert leg.departs.timezone_name == "Asia/Anadyr"
    assert leg.departs == departs
    assert leg.departs.hour == 10
    duration = leg.duration()
    assert duration is not None
    assert duration.in_hours() == 2


def test_duration_across_a_dst_change_counts_real_time() -> None:
    """A leg through Vancouver's 2009 fall-back hour lasts the hours that really passed."""
    leg = _leg(
        departs=local_datetime(2009, 11, 1, 0, 30, tz="America/Vancouver"),
        arrives=local_datetime(2009, 11, 1, 1, 30, tz="America/Vancouver", fold=1),
    )
    duration = leg.duration()
    assert duration is not None
    assert duration.in_hours() == 2


@settings(max_examples=50)
@given(legs())
def test_duration_is_never_negative(leg: Leg) -> None:
    """A leg that can be built never lasts less than nothing."""
    duration = leg.duration()
    if leg.scheduled:
        assert duration is not None
        assert duration.total_seconds() >= 0
    else:
        assert duration is None


def test_line_without_a_path_is_origin_to_destination() -> None:
    """Without geometry, a leg's line is the straight line between its places."""
    assert _leg().line() == (MOSCOW.coordinate, VNUKOVO.coordinate)


def test_line_with_a_path_is_the_path() -> None:
    """With geometry, a leg's line is its path's points."""
    path = Path.from_arrays([55.75, 55.70, 55.59], [37.62, 37.50, 37.26])
    assert _leg(path=path).line() == tuple(path)


def test_geo_interface_is_a_geojson_feature() -> None:
    """__geo_interface__ is a Feature with a LineString in longitude, latitude order."""
    source = Source("https://example.org")
    leg = _leg(
        id="day-001",
        name="Day 1: Moscow",
        torchbearers=[Torchbearer(id="a"), Torchbearer(id="b")],
        sources=[source],
        declared_distance=Distance.from_km(30),
        relights=[Relight(FlameSource.LANTERN, note="wind")],
    )
    feature = leg.__geo_interface__
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {
        "type": "LineString",
        "coordinates": [(37.6208, 55.7539), (37.2615, 55.5915)],
    }
    assert feature["properties"] == {
        "id": "day-001",
        "name": "Day 1: Moscow",
        "origin": "Moscow",
        "destination": "Vnukovo Airport",
        "departs": "2013-10-07T12:00:00+04:00",
        "arrives": "2013-10-07T20:00:00+04:00",
        "mode": "running",
        "flame": "lit_torch",
        "torchbearers": 2,
    }


def test_geo_interface_uses_the_path() -> None:
    """With a path, the Feature's geometry is the path's points."""
    path = Path.from_arrays([55.75, 55.59], [37.62, 37.26])
    coords = _leg(path=path).__geo_interface__["geometry"]["coordinates"]
    assert [tuple(c) for c in coords] == [(37.62, 55.75), (37.26, 55.59)]


# relights


def test_relight_converts_its_source_and_time() -> None:
    """A relight's source may be a value and its time a stdlib datetime."""
    at = dt.datetime(2013, 10, 7, 14, tzinfo=zoneinfo.ZoneInfo("Europe/Moscow"))
    relight = Relight("lighter", at=at, note="relit by a guard")  # type: ignore[arg-type]
    assert relight.source is FlameSource.LIGHTER
    assert not relight.source.olympic
    assert isinstance(relight.at, pendulum.DateTime)
    assert relight.at == at


def test_relight_refuses_a_naive_time() -> None:
    """A relight's time is an instant too."""
    with pytest.raises(NaiveDatetimeError, match=r"^'at' must be timezone-aware"):
        Relight(FlameSource.LANTERN, at=dt.datetime(2013, 10, 7, 14))


def test_geo_interface_of_a_leg_that_stays_put_is_a_point() -> None:
    """A leg at one position (one-point path, or same origin and destination) is a Point, not a degenerate line."""
    from torchrelay import Path

    one_point = _leg(path=Path.from_arrays([55.75], [37.62])).__geo_interface__["geometry"]
    assert one_point == {"type": "Point", "coordinates": (37.62, 55.75)}
    stage = _leg(destination=_leg().origin).__geo_interface__["geometry"]
    assert stage["type"] == "Point"
