"""Durations, speeds, relay days and where the flame was, across zones that changed."""

from __future__ import annotations

import datetime as dt

import attrs
import pendulum
import pytest
from geographiclib.geodesic import Geodesic
from hypothesis import given
from hypothesis import strategies as st

from torchrelay import (
    Branch,
    Claim,
    Coordinate,
    DayStatus,
    Distance,
    FlameState,
    Leg,
    Path,
    Place,
    Relay,
    RestDay,
    Source,
    Speed,
    TransportMode,
    WhereStatus,
    local_datetime,
)
from torchrelay.exceptions import (
    AmbiguousTimeError,
    InvalidValueError,
    NaiveDatetimeError,
    NonExistentTimeError,
)

SRC = Source("https://example.org/sochi", title="test source")
MOSCOW = Place("Moscow", Coordinate(55.7539, 37.6208), timezone="Europe/Moscow", region="Moscow")
TVER = Place("Tver", Coordinate(56.8587, 35.9176), timezone="Europe/Moscow", region="Tver")
KIROV = Place("Kirov", Coordinate(58.610837, 49.649162), timezone="Europe/Kirov", region="Kirov")
SOCHI = Place("Sochi", Coordinate(43.5855, 39.7231), timezone="Europe/Moscow", region="Krasnodar")
MURMANSK = Place("Murmansk", Coordinate(68.9585, 33.0827), timezone="Europe/Moscow")
POLE = Place("North Pole", Coordinate(90, 0), timezone="Europe/Moscow")
BAIKONUR = Place("Baikonur", Coordinate(45.965, 63.305, altitude=90), timezone="Asia/Qyzylorda")
ISS = Place("ISS", Coordinate(45.0, 70.0), timezone="Europe/Moscow")
ANADYR = Place("Anadyr", Coordinate(64.7337, 177.5089), timezone="Asia/Anadyr")


def msk(*args: int) -> pendulum.DateTime:
    return local_datetime(*args, tz="Europe/Moscow")


def mkleg(
    a: Place,
    b: Place,
    departs: dt.datetime | None,
    arrives: dt.datetime | None,
    mode: TransportMode = TransportMode.RUNNING,
    flame: FlameState = FlameState.LIT_TORCH,
    **kw: object,
) -> Leg:
    return Leg(a, b, departs, arrives, mode, flame, **kw)  # type: ignore[arg-type]


def sochi() -> Relay:
    """A sketch of Sochi 2014: day 1 in Moscow, the Kirov rest day, the last day in Sochi."""
    legs = [
        mkleg(MOSCOW, MOSCOW, msk(2013, 10, 7, 10), msk(2013, 10, 7, 20), id="d1"),
        mkleg(MOSCOW, TVER, msk(2013, 10, 8, 9), msk(2013, 10, 8, 12), TransportMode.CAR, id="d2"),
        mkleg(
            TVER,
            KIROV,
            local_datetime(2014, 1, 5, 9, tz="Europe/Kirov"),
            local_datetime(2014, 1, 5, 19, tz="Europe/Kirov"),
            TransportMode.PLANE,
            FlameState.LANTERN,
            id="d91",
        ),
        mkleg(
            KIROV,
            KIROV,
            local_datetime(2014, 1, 7, 9, tz="Europe/Kirov"),
            local_datetime(2014, 1, 7, 18, tz="Europe/Kirov"),
            id="d93",
        ),
        mkleg(SOCHI, SOCHI, msk(2014, 2, 7, 10), msk(2014, 2, 7, 20), id="d124"),
    ]
    t0 = msk(2013, 10, 15, 17, 25)
    path = Path.from_arrays(
        [MURMANSK.coordinate.latitude, 80.0, 90.0],
        [MURMANSK.coordinate.longitude, 40.0, 0.0],
        times=[t0, t0.add(hours=48), t0.add(hours=91, minutes=12)],
        timezone="Europe/Moscow",
    )
    pole = mkleg(
        MURMANSK,
        POLE,
        t0,
        t0.add(hours=91, minutes=12),
        TransportMode.ICEBREAKER,
        FlameState.LANTERN,
        path=path,
        declared_distance=Distance.from_nautical_miles(1395),
        id="np",
    )
    space = [
        mkleg(
            BAIKONUR,
            ISS,
            pendulum.datetime(2013, 11, 7, 4, 14),
            pendulum.datetime(2013, 11, 7, 10),
            TransportMode.SPACECRAFT,
            FlameState.UNLIT,
            id="soyuz",
        ),
        mkleg(
            ISS,
            ISS,
            msk(2013, 11, 9, 18, 0),
            msk(2013, 11, 9, 23, 0),
            TransportMode.SPACEWALK,
            FlameState.UNLIT,
            id="eva",
        ),
    ]
    return Relay(
        "Sochi 2014 sketch",
        "XXII Olympic Winter Games",
        legs,
        branches=[Branch("north-pole", [pole]), Branch("space", space)],
        rest_days=[
            RestDay(
                dt.date(2014, 1, 6),
                place=KIROV,
                note="Russian Christmas",
                sources=[SRC],
                day_number=92,
            )
        ],
        claims=[Claim("days", 123, None, SRC)],
        timezone="Europe/Moscow",
        day_one=dt.date(2013, 10, 7),
    )


# -- Local times as the IANA database has them -------------------------------------


def test_moscow_was_utc_plus_4_in_2013() -> None:
    """2013-11-09T14:40Z is 18:40 in Moscow, shown as the zone was that date (+04:00)."""
    relay = sochi()
    w = relay.where(pendulum.datetime(2013, 11, 9, 14, 40))
    eva = [e for e in w.elsewhere if e.branch == "space"]
    assert len(eva) == 1
    assert eva[0].leg is not None
    assert eva[0].leg.id == "eva"
    assert eva[0].local_time is not None
    assert eva[0].local_time.isoformat() == "2013-11-09T18:40:00+04:00"
    assert eva[0].flame is FlameState.UNLIT
    assert eva[0].position is None  # a spacewalk has no meaningful ground position
    # The same wall clock a year later, after Russia moved back to UTC+3:
    assert msk(2014, 11, 9, 18, 40).in_tz("UTC").hour == 15


def test_anadyr_is_utc_plus_12() -> None:
    """A leg in Anadyr is shown at UTC+12, in Chukotka's own zone."""
    start = local_datetime(2013, 11, 12, 10, tz="Asia/Anadyr")
    la = mkleg(ANADYR, ANADYR, start, start.add(hours=6))
    relay = Relay("r", "g", [la], timezone="Europe/Moscow", day_one=dt.date(2013, 10, 7))
    w = relay.where(pendulum.datetime(2013, 11, 12, 0, 0))
    assert w.status is WhereStatus.ON_LEG
    assert w.local_time is not None
    assert w.local_time.utcoffset() == dt.timedelta(hours=12)
    assert w.local_time.hour == 12
    # In the reference zone (Moscow, UTC+4) it is still 12 Nov 04:00: day 37.
    assert w.day == 37


# -- Daylight saving: gaps refused, overlaps need a fold ---------------------------


def test_sydney_2000_gap() -> None:
    """On 27 Aug 2000 Sydney skipped 02:00-03:00: such times are refused; a leg across lasts 1 h."""
    with pytest.raises(NonExistentTimeError):
        local_datetime(2000, 8, 27, 2, 30, tz="Australia/Sydney")
    a = Place("Sydney", Coordinate(-33.8688, 151.2093), timezone="Australia/Sydney")
    b = Place("Parramatta", Coordinate(-33.8150, 151.0011), timezone="Australia/Sydney")
    la = mkleg(
        a,
        b,
        local_datetime(2000, 8, 27, 1, 30, tz="Australia/Sydney"),
        local_datetime(2000, 8, 27, 3, 30, tz="Australia/Sydney"),
        TransportMode.CAR,
    )
    duration = la.duration()
    assert duration is not None
    assert duration.total_seconds() == 3600
    speed = la.speed()
    assert speed is not None
    assert speed.kmh == pytest.approx(la.measured_distance().km)
    assert la.departs is not None
    assert la.arrives is not None
    assert la.departs.utcoffset() == dt.timedelta(hours=10)
    assert la.arrives.utcoffset() == dt.timedelta(hours=11)


def test_vancouver_2009_overlap() -> None:
    """On 1 Nov 2009 Vancouver showed 01:00-02:00 twice: a fold is needed and decides the length."""
    with pytest.raises(AmbiguousTimeError):
        local_datetime(2009, 11, 1, 1, 30, tz="America/Vancouver")
    van = Place("Vancouver", Coordinate(49.2827, -123.1207), timezone="America/Vancouver")
    start = local_datetime(2009, 11, 1, 0, 30, tz="America/Vancouver")
    first = local_datetime(2009, 11, 1, 1, 30, tz="America/Vancouver", fold=0)
    second = local_datetime(2009, 11, 1, 1, 30, tz="America/Vancouver", fold=1)
    assert mkleg(van, van, start, first).duration() == dt.timedelta(hours=1)
    assert mkleg(van, van, start, second).duration() == dt.timedelta(hours=2)
    relay = Relay("r", "g", [mkleg(van, van, start, second)], timezone="America/Vancouver")
    w = relay.where(second.subtract(minutes=30))  # the second 01:00
    assert w.status is WhereStatus.ON_LEG
    assert w.fraction == pytest.approx(0.75)
    assert w.local_time is not None
    assert (w.local_time.hour, w.local_time.utcoffset()) == (1, dt.timedelta(hours=-8))


def test_athens_2008_gap() -> None:
    """On 30 Mar 2008 Athens skipped 03:00-04:00, as the Beijing flame was handed over there."""
    with pytest.raises(NonExistentTimeError):
        local_datetime(2008, 3, 30, 3, 30, tz="Europe/Athens")
    athens = Place("Athens", Coordinate(37.9838, 23.7275), timezone="Europe/Athens")
    la = mkleg(
        athens,
        athens,
        local_datetime(2008, 3, 30, 2, 30, tz="Europe/Athens"),
        local_datetime(2008, 3, 30, 4, 30, tz="Europe/Athens"),
    )
    assert la.duration() == dt.timedelta(hours=1)


# -- Speeds and durations ----------------------------------------------------------


def test_icebreaker_speed_from_declared_distance() -> None:
    """1,395 nmi in 91 h 12 min is 15.3 kn, as the sources compute (not 15.6)."""
    assert Speed.of(Distance.from_nautical_miles(1395), dt.timedelta(hours=91, minutes=12))
    speed = Speed.of(Distance.from_nautical_miles(1395), dt.timedelta(hours=91, minutes=12))
    assert speed is not None
    assert round(speed.knots, 1) == 15.3
    assert Speed.of(Distance(1), dt.timedelta(0)) is None
    pole = sochi().leg("np")
    measured = pole.speed()
    assert measured is not None
    assert measured.knots < 15.3  # the path is shorter than the route sailed


def test_speed_units_and_order() -> None:
    """Speeds convert between units and compare on their value."""
    assert Speed.from_kmh(36).meters_per_second == pytest.approx(10.0)
    assert Speed.from_knots(1).kmh == pytest.approx(1.852)
    assert Speed.from_kmh(10).mph == pytest.approx(6.2137, abs=1e-4)
    assert Speed.from_kmh(5) < Speed.from_kmh(6)
    with pytest.raises(InvalidValueError, match="'meters_per_second'"):
        Speed(-1)


def test_leg_speed_none_without_times_or_distance() -> None:
    """A leg without times, or a space leg without a declared distance, has no speed."""
    assert mkleg(MOSCOW, TVER, None, None).speed() is None
    assert sochi().leg("soyuz").speed() is None
    instant = mkleg(MOSCOW, TVER, msk(2013, 10, 8, 9), msk(2013, 10, 8, 9))
    assert instant.speed() is None


def test_durations_and_speeds_by_mode() -> None:
    """Durations and speeds by mode sum the scheduled legs of each mode."""
    relay = sochi()
    durations = relay.duration_by_mode()
    assert durations[TransportMode.RUNNING] == dt.timedelta(hours=10 + 9 + 10)
    assert durations[TransportMode.ICEBREAKER] == dt.timedelta(hours=91, minutes=12)
    speeds = relay.speed_by_mode()
    assert TransportMode.SPACECRAFT not in speeds
    car = speeds[TransportMode.CAR]
    tver = Geodesic.WGS84.Inverse(55.7539, 37.6208, 56.8587, 35.9176)["s12"]
    assert car.meters_per_second == pytest.approx(tver / (3 * 3600))
    overall = relay.speed()
    assert overall is not None
    assert min(speeds.values()) <= overall <= max(speeds.values())


# -- Relay days --------------------------------------------------------------------


def test_sochi_day_numbers() -> None:
    """7 Oct 2013 is day 1 and 6 Jan 2014 day 92, counted in Moscow time."""
    relay = sochi()
    assert relay.day_number(dt.date(2013, 10, 7)) == 1
    assert relay.day_number(dt.date(2014, 1, 6)) == 92
    assert relay.day_number(dt.date(2013, 10, 6)) == 0
    # 21:00 UTC on 6 Oct is already 01:00 on 7 Oct in Moscow.
    assert relay.day_number(pendulum.datetime(2013, 10, 6, 21, 0)) == 1
    assert relay.day_number(pendulum.datetime(2013, 10, 6, 19, 59)) == 0
    with pytest.raises(NaiveDatetimeError):
        relay.day_number(dt.datetime(2013, 10, 7, 12))


def test_day_depends_on_reference_zone() -> None:
    """The Soyuz launch was on 7 Nov in Moscow and on 6 Nov in New York: day 32 or 31."""
    launch = pendulum.datetime(2013, 11, 7, 4, 14)
    moscow = sochi()
    new_york = attrs.evolve(moscow, timezone="America/New_York")
    assert moscow.day_number(launch) == 32
    assert new_york.day_number(launch) == 31


def test_default_day_one_is_first_departure_in_reference_zone() -> None:
    """Without day_one, day 1 is the first main-line departure's date in the reference zone."""
    late = mkleg(MOSCOW, MOSCOW, pendulum.datetime(2013, 10, 6, 21, 30), msk(2013, 10, 7, 5))
    relay = Relay("r", "g", [late], timezone="Europe/Moscow")
    assert relay.day_number(dt.date(2013, 10, 7)) == 1
    utc = Relay("r", "g", [late], timezone="UTC")
    assert utc.day_number(dt.date(2013, 10, 6)) == 1
    no_zone = Relay("r", "g", [late])
    assert no_zone.reference_timezone() == "Europe/Moscow"
    with pytest.raises(InvalidValueError, match="no day one"):
        Relay("r", "g", [mkleg(MOSCOW, TVER, None, None)]).day_number(dt.date(2013, 10, 7))


def test_published_numbering_beside_computed() -> None:
    """The sources' "123 days" disagrees with the inclusive count 124; day 92 agrees."""
    relay = sochi()
    assert relay.length_in_days() == 124
    by_subject = {c.subject: c for c in relay.compare_days()}
    days = by_subject["days"]
    assert (days.claimed, days.computed, days.agrees) == (123, 124, False)
    assert days.source == SRC
    rest = by_subject["2014-01-06"]
    assert (rest.claimed, rest.computed, rest.agrees) == (92, 92, True)


def test_days_list_rest_days_and_gaps() -> None:
    """Every day is listed, numbered, with travel, rest or no legs."""
    days = sochi().days()
    by_number = {d.number: d for d in days}
    assert days[0].number == 1
    assert days[-1].number == 124
    assert [d.number for d in days] == list(range(1, 125))
    assert by_number[92].status is DayStatus.REST
    assert by_number[92].rest_day is not None
    assert by_number[92].date == dt.date(2014, 1, 6)
    assert by_number[1].status is DayStatus.TRAVEL
    assert by_number[3].status is DayStatus.NO_LEGS
    assert {leg.id for leg in by_number[9].legs} == {"np"}


def test_distance_by_day() -> None:
    """Distances by day count each leg on its departure day in the reference zone."""
    relay = sochi()
    by_day = relay.distance_by_day()
    assert by_day[2] == relay.leg("d2").distance()
    assert 32 not in by_day  # space legs left out
    assert sum(d.meters for d in by_day.values()) == pytest.approx(relay.distance().meters)


# -- Where the flame was -------------------------------------------------------------


def test_where_before_start_and_after_end() -> None:
    """Before the first departure and after the last arrival, where() says so."""
    relay = sochi()
    before = relay.where(msk(2013, 10, 7, 9))
    assert before.status is WhereStatus.BEFORE_START
    assert before.position is None
    assert before.next_leg is not None
    assert before.next_leg.id == "d1"
    after = relay.where(msk(2014, 2, 8, 9))
    assert after.status is WhereStatus.AFTER_END
    assert after.position == SOCHI.coordinate
    assert after.leg is not None
    assert after.leg.id == "d124"


def test_where_between_legs_and_rest_day() -> None:
    """Overnight the flame waits where the last leg ended; on 6 Jan 2014 it rests in Kirov."""
    relay = sochi()
    night = relay.where(msk(2013, 10, 7, 23))
    assert night.status is WhereStatus.BETWEEN_LEGS
    assert night.position == MOSCOW.coordinate
    assert night.flame is None
    assert night.next_leg is not None
    assert night.next_leg.id == "d2"
    rest = relay.where(local_datetime(2014, 1, 6, 12, tz="Europe/Kirov"))
    assert rest.status is WhereStatus.REST_DAY
    assert rest.day == 92
    assert rest.rest_day is not None
    assert rest.position == KIROV.coordinate
    assert rest.local_time is not None
    assert rest.local_time.utcoffset() == dt.timedelta(hours=4)


def test_where_on_leg_interpolates_geodesic() -> None:
    """Halfway through the Moscow-Tver drive, the flame is halfway along the geodesic."""
    relay = sochi()
    w = relay.where(msk(2013, 10, 8, 10, 30))
    assert w.status is WhereStatus.ON_LEG
    assert w.leg is not None
    assert w.leg.id == "d2"
    assert w.fraction == pytest.approx(0.5)
    assert w.flame is FlameState.LIT_TORCH
    assert w.branch is None
    assert w.position is not None
    g = Geodesic.WGS84
    line = g.InverseLine(55.7539, 37.6208, 56.8587, 35.9176)
    ref = line.Position(line.s13 / 2)
    assert w.position.latitude == pytest.approx(ref["lat2"], abs=1e-9)
    assert w.position.longitude == pytest.approx(ref["lon2"], abs=1e-9)


def test_where_on_timed_path_uses_its_times() -> None:
    """On the icebreaker's timed path, 48 h out the flame is at the path's second point."""
    relay = sochi()
    at = msk(2013, 10, 15, 17, 25).add(hours=48)
    w = relay.where(at)
    assert w.status is WhereStatus.BETWEEN_LEGS
    (pole,) = [e for e in w.elsewhere if e.branch == "north-pole"]
    assert pole.position is not None
    assert pole.position.latitude == pytest.approx(80.0)
    assert pole.position.longitude == pytest.approx(40.0)
    assert pole.flame is FlameState.LANTERN
    assert pole.local_time is not None
    assert pole.local_time.utcoffset() == dt.timedelta(hours=4)


def test_where_at_leg_boundaries() -> None:
    """At the instant one leg ends and the next departs, the flame is on the departing leg."""
    a = mkleg(MOSCOW, TVER, msk(2013, 10, 8, 9), msk(2013, 10, 8, 12), id="a")
    b = mkleg(TVER, TVER, msk(2013, 10, 8, 12), msk(2013, 10, 8, 15), id="b")
    relay = Relay("r", "g", [a, b], timezone="Europe/Moscow")
    w = relay.where(msk(2013, 10, 8, 12))
    assert w.leg is not None
    assert w.leg.id == "b"
    assert w.fraction == 0.0
    end = relay.where(msk(2013, 10, 8, 15))
    assert end.status is WhereStatus.ON_LEG
    assert end.fraction == 1.0
    assert end.position == TVER.coordinate


def test_where_unscheduled_and_naive() -> None:
    """A relay without times cannot place an instant; a naive instant is refused."""
    relay = Relay("r", "g", [mkleg(MOSCOW, TVER, None, None)])
    assert relay.where(pendulum.datetime(2013, 1, 1)).status is WhereStatus.UNSCHEDULED
    with pytest.raises(NaiveDatetimeError):
        relay.where(dt.datetime(2013, 1, 1))


@given(st.floats(0, 1))
def test_where_fraction_follows_time(f: float) -> None:
    """On a leg, where() gives the fraction of the leg's duration that has passed."""
    start = msk(2013, 10, 8, 9)
    la = mkleg(MOSCOW, TVER, start, start.add(hours=3), TransportMode.CAR)
    relay = Relay("r", "g", [la])
    w = relay.where(start.add(seconds=round(f * 3 * 3600)))
    assert w.status is WhereStatus.ON_LEG
    assert w.fraction == pytest.approx(f, abs=1e-3)
    assert w.position is not None
