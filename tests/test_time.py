"""Times: instants with zones as they were, and refusals instead of guesses."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from torchrelay import TimePrecision, check_timezone, local_datetime
from torchrelay._time import to_instant
from torchrelay.exceptions import (
    AmbiguousTimeError,
    InvalidTypeError,
    LocalTimeError,
    NaiveDatetimeError,
    NonExistentTimeError,
    UnknownTimezoneError,
)
from torchrelay.testing import TIMEZONES

UTC = dt.UTC


def _transitions(zone: str, day: dt.date) -> list[tuple[dt.datetime, dt.timedelta]]:
    """The UTC instants on *day* (give or take half a day) at which *zone*'s offset changes.

    Read straight from zoneinfo, so the tests below do not take the dates on trust.
    """
    tz = zoneinfo.ZoneInfo(zone)
    start = dt.datetime(day.year, day.month, day.day, tzinfo=UTC) - dt.timedelta(hours=14)
    found = []
    previous = start.astimezone(tz).utcoffset()
    for minutes in range(0, 40 * 60, 15):
        t = start + dt.timedelta(minutes=minutes)
        offset = t.astimezone(tz).utcoffset()
        assert offset is not None
        assert previous is not None
        if offset != previous:
            found.append((t, offset - previous))
        previous = offset
    return found


# offsets as they were


def test_moscow_was_utc_plus_4_in_2013() -> None:
    """18:40 in Moscow on 9 November 2013 was 14:40 UTC: Moscow kept UTC+4 from 2011 to 2014."""
    t = local_datetime(2013, 11, 9, 18, 40, tz="Europe/Moscow")
    assert t.in_tz("UTC") == pendulum.datetime(2013, 11, 9, 14, 40, tz="UTC")
    assert t.utcoffset() == dt.timedelta(hours=4)
    assert t.timezone_name == "Europe/Moscow"
    assert (t.hour, t.minute) == (18, 40)


def test_moscow_is_utc_plus_3_after_2014() -> None:
    """The same wall time in 2015 is 15:40 UTC: the zone's offset depends on the date."""
    t = local_datetime(2015, 11, 9, 18, 40, tz="Europe/Moscow")
    assert t.in_tz("UTC").hour == 15


def test_anadyr_was_utc_plus_12_in_november_2013() -> None:
    """Anadyr, where the Sochi flame reached the Pacific, was UTC+12 on 12 November 2013."""
    t = local_datetime(2013, 11, 12, 12, 0, tz="Asia/Anadyr")
    assert t.utcoffset() == dt.timedelta(hours=12)
    assert t.in_tz("UTC") == pendulum.datetime(2013, 11, 12, 0, 0, tz="UTC")


# daylight-saving gaps and overlaps


def test_sydney_2000_gap_is_where_zoneinfo_says() -> None:
    """Sydney moved its clocks early for the 2000 Games: 02:00 became 03:00 on 27 August."""
    [(when, jump)] = _transitions("Australia/Sydney", dt.date(2000, 8, 27))
    assert jump == dt.timedelta(hours=1)
    assert when.astimezone(zoneinfo.ZoneInfo("Australia/Sydney")).replace(
        tzinfo=None
    ) == dt.datetime(2000, 8, 27, 3, 0)


@pytest.mark.parametrize("minute", [0, 30, 59])
def test_sydney_2000_gap_does_not_exist(minute: int) -> None:
    """A wall time between 02:00 and 03:00 in Sydney on 2000-08-27 never happened."""
    with pytest.raises(
        NonExistentTimeError,
        match=rf"^2000-08-27T02:{minute:02d}:00 does not exist in Australia/Sydney: "
        "the clocks skipped it$",
    ):
        local_datetime(2000, 8, 27, 2, minute, tz="Australia/Sydney")


def test_sydney_2000_gap_edges_exist() -> None:
    """01:59 and 03:00 on that day did happen, one minute apart in real time."""
    before = local_datetime(2000, 8, 27, 1, 59, tz="Australia/Sydney")
    after = local_datetime(2000, 8, 27, 3, 0, tz="Australia/Sydney")
    assert (after - before).in_minutes() == 1


def test_sydney_gap_does_not_depend_on_fold() -> None:
    """A time that never happened is refused whatever fold is chosen."""
    for fold in (0, 1):
        with pytest.raises(NonExistentTimeError):
            local_datetime(2000, 8, 27, 2, 30, tz="Australia/Sydney", fold=fold)


def test_athens_2008_gap_is_where_zoneinfo_says() -> None:
    """Athens moved from 03:00 to 04:00 on 30 March 2008 (EU rule: 01:00 UTC)."""
    [(when, jump)] = _transitions("Europe/Athens", dt.date(2008, 3, 30))
    assert when == dt.datetime(2008, 3, 30, 1, 0, tzinfo=UTC)
    assert jump == dt.timedelta(hours=1)


def test_athens_2008_gap_does_not_exist() -> None:
    """03:30 in Athens on 2008-03-30, the day after the Beijing flame was handed over, never was."""
    with pytest.raises(NonExistentTimeError, match=r"^2008-03-30T03:30:00 does not exist in "):
        local_datetime(2008, 3, 30, 3, 30, tz="Europe/Athens")
    assert local_datetime(2008, 3, 30, 2, 30, tz="Europe/Athens").utcoffset() == dt.timedelta(
        hours=2
    )
    assert local_datetime(2008, 3, 30, 4, 30, tz="Europe/Athens").utcoffset() == dt.timedelta(
        hours=3
    )


def test_vancouver_2009_overlap_is_where_zoneinfo_says() -> None:
    """Vancouver went from 02:00 PDT back to 01:00 PST on 1 November 2009."""
    [(when, jump)] = _transitions("America/Vancouver", dt.date(2009, 11, 1))
    assert when == dt.datetime(2009, 11, 1, 9, 0, tzinfo=UTC)
    assert jump == -dt.timedelta(hours=1)


def test_vancouver_2009_overlap_needs_a_fold() -> None:
    """01:30 happened twice in Vancouver on 2009-11-01; without a fold it is refused."""
    with pytest.raises(
        AmbiguousTimeError,
        match=r"^2009-11-01T01:30:00 happened twice in America/Vancouver: "
        r"pass fold=0 for the first time or fold=1 for the second$",
    ):
        local_datetime(2009, 11, 1, 1, 30, tz="America/Vancouver")


def test_vancouver_2009_folds_are_an_hour_apart() -> None:
    """fold=0 is the first 01:30 (PDT) and fold=1 the second (PST), one hour later."""
    first = local_datetime(2009, 11, 1, 1, 30, tz="America/Vancouver", fold=0)
    second = local_datetime(2009, 11, 1, 1, 30, tz="America/Vancouver", fold=1)
    assert (second - first).in_seconds() == 3600
    assert first.in_tz("UTC") == pendulum.datetime(2009, 11, 1, 8, 30, tz="UTC")
    assert second.in_tz("UTC") == pendulum.datetime(2009, 11, 1, 9, 30, tz="UTC")
    assert first.utcoffset() == dt.timedelta(hours=-7)
    assert second.utcoffset() == dt.timedelta(hours=-8)


def test_local_time_errors_are_value_errors() -> None:
    """Gap and overlap errors share a base and are ValueErrors too."""
    assert issubclass(NonExistentTimeError, LocalTimeError)
    assert issubclass(AmbiguousTimeError, LocalTimeError)
    with pytest.raises(ValueError, match="twice"):
        local_datetime(2009, 11, 1, 1, 30, tz="America/Vancouver")


def test_fold_is_ignored_for_ordinary_times() -> None:
    """For a time that happened once, fold changes nothing."""
    plain = local_datetime(2013, 10, 7, 12, tz="Europe/Moscow")
    assert local_datetime(2013, 10, 7, 12, tz="Europe/Moscow", fold=1) == plain


@given(
    st.datetimes(dt.datetime(1970, 1, 1), dt.datetime(2037, 12, 31)),
    st.sampled_from(TIMEZONES),
)
def test_local_datetime_shows_the_wall_time_it_was_given(wall: dt.datetime, zone: str) -> None:
    """Whenever local_datetime returns, the result shows that wall time in that zone."""
    try:
        t = local_datetime(
            wall.year,
            wall.month,
            wall.day,
            wall.hour,
            wall.minute,
            wall.second,
            wall.microsecond,
            tz=zone,
            fold=0,
        )
    except NonExistentTimeError:
        return
    assert t.timezone_name == zone
    assert t.naive() == pendulum.naive(
        wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, wall.microsecond
    )


# zones


def test_check_timezone_accepts_iana_names() -> None:
    """Known IANA names are returned unchanged."""
    assert check_timezone("Asia/Anadyr") == "Asia/Anadyr"
    assert check_timezone("UTC") == "UTC"


@pytest.mark.parametrize("name", ["Mars/Olympus", "europe/moscow", "MSK+4", "", "Europe/Moscow "])
def test_check_timezone_refuses_unknown_names(name: str) -> None:
    """Names the IANA database does not know are refused with a hint."""
    with pytest.raises(
        UnknownTimezoneError,
        match="^"
        + re.escape(f"unknown time zone {name!r}: use an IANA name such as 'Europe/Moscow'")
        + "$",
    ):
        check_timezone(name)


def test_local_datetime_refuses_unknown_zones() -> None:
    """local_datetime checks its zone before anything else."""
    with pytest.raises(UnknownTimezoneError, match="'Mars/Olympus'"):
        local_datetime(2013, 10, 7, tz="Mars/Olympus")


# stdlib and pendulum


@given(
    st.datetimes(
        dt.datetime(1950, 1, 1),
        dt.datetime(2037, 12, 31),
        timezones=st.sampled_from(TIMEZONES).map(zoneinfo.ZoneInfo),
        allow_imaginary=False,
    )
)
def test_stdlib_datetimes_become_pendulum_with_the_same_zone_and_instant(
    value: dt.datetime,
) -> None:
    """A ZoneInfo datetime becomes a pendulum DateTime with that zone's name and the same instant.

    Times in an overlap keep their fold: the instant is compared through
    timestamps, because stdlib's ``==`` across zones is always False there.
    """
    result = to_instant(value)
    assert isinstance(result, pendulum.DateTime)
    assert result.timezone_name == str(value.tzinfo)
    assert result.timestamp() == value.timestamp()
    assert result.utcoffset() == value.utcoffset()
    assert result.replace(tzinfo=None) == value.replace(tzinfo=None, fold=0)


@pytest.mark.parametrize("fold", [0, 1])
def test_stdlib_times_in_a_gap_are_refused(fold: int) -> None:
    """A wall time the zone skipped (Sydney, 27 Aug 2000, 02:30) is refused, whatever its fold."""
    value = dt.datetime(2000, 8, 27, 2, 30, tzinfo=zoneinfo.ZoneInfo("Australia/Sydney"), fold=fold)
    with pytest.raises(
        NonExistentTimeError, match="2000-08-27T02:30:00 does not exist in Australia/Sydney"
    ):
        to_instant(value)


def test_pendulum_datetimes_pass_through() -> None:
    """A pendulum DateTime is kept as it is."""
    t = pendulum.datetime(2013, 10, 7, 12, tz="Europe/Moscow")
    assert to_instant(t) is t


def test_fixed_offsets_are_kept() -> None:
    """A datetime with a fixed offset keeps that offset and instant."""
    value = dt.datetime(2013, 10, 7, 12, tzinfo=dt.timezone(dt.timedelta(hours=4)))
    result = to_instant(value)
    assert result.utcoffset() == dt.timedelta(hours=4)
    assert result.timestamp() == value.timestamp()


def test_to_instant_refuses_naive_datetimes() -> None:
    """A naive datetime is refused with a hint to attach a zone."""
    with pytest.raises(
        NaiveDatetimeError,
        match=r"^'departs' must be timezone-aware \(got naive 2013-10-07T12:00:00\); "
        r"attach a zone",
    ):
        to_instant(dt.datetime(2013, 10, 7, 12), name="departs")


def test_to_instant_refuses_non_datetimes() -> None:
    """A date or a text is not a datetime."""
    with pytest.raises(InvalidTypeError, match=r"^'time' must be a datetime \(got date: "):
        to_instant(dt.date(2013, 10, 7))
    with pytest.raises(InvalidTypeError, match=r"^'time' must be a datetime \(got str: "):
        to_instant("2013-10-07T12:00:00+04:00")


def test_time_precision_values() -> None:
    """Precisions round-trip through their values, as formats store them."""
    assert {p.value for p in TimePrecision} == {"exact", "minute", "day", "approximate"}
    assert TimePrecision("day") is TimePrecision.DAY
