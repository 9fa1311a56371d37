"""Instants, time zones as they were, and how precisely a source gave a time.

Every time in torchrelay is an instant with a zone. A wall-clock time means
nothing until its zone is known, and a zone's offset depends on the date:
Moscow was UTC+4 from March 2011 to October 2014, UTC+3 before and after. The
IANA time zone database records such changes, so torchrelay uses only its zone
names and never fixed offsets it would have to guess.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

import pendulum

from ._convert import Choice
from .exceptions import (
    AmbiguousTimeError,
    NaiveDatetimeError,
    NonExistentTimeError,
    UnknownTimezoneError,
)

__all__ = [
    "TimePrecision",
    "check_timezone",
    "local_datetime",
    "to_instant",
]

_UTC = dt.UTC


class TimePrecision(Choice):
    """How precisely a source gives a time.

    Sources often name only the day of a stage; such a leg says so rather than
    inventing a time to the minute.

    .. versionadded:: 0.1.0
    """

    EXACT = "exact"
    """To the second, or as precise as the source's clock."""
    MINUTE = "minute"
    """To the minute."""
    DAY = "day"
    """Only the day is known; the time of day is a placeholder."""
    APPROXIMATE = "approximate"
    """An estimate, such as "end of October"."""


@functools.cache
def _zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def check_timezone(name: str) -> str:
    """Check that *name* is a zone of the IANA time zone database.

    Args:
        name: A zone name such as ``Europe/Moscow``.

    Returns:
        The name, unchanged.

    Raises:
        UnknownTimezoneError: If the database has no such zone.

    >>> check_timezone("Asia/Anadyr")
    'Asia/Anadyr'

    .. versionadded:: 0.1.0
    """
    if name not in _zone_names():
        msg = f"unknown time zone {name!r}: use an IANA name such as 'Europe/Moscow'"
        raise UnknownTimezoneError(msg)
    return name


def to_instant(value: object, *, name: str = "time") -> pendulum.DateTime:
    """Turn an aware datetime into a pendulum one, keeping its zone.

    Args:
        value: A timezone-aware :class:`datetime.datetime` (pendulum's included).
        name: What the value is, for the error message.

    Returns:
        The same instant as a :class:`pendulum.DateTime` in the same zone.

    Raises:
        NaiveDatetimeError: If *value* has no time zone.
        NonExistentTimeError: If *value* is a wall time that its zone skipped
            (in a daylight-saving gap); an ambiguous one is settled by its
            ``fold``, as Python's datetime does.

    .. versionadded:: 0.1.0
    """
    if isinstance(value, pendulum.DateTime) and value.tzinfo is not None:
        return value  # pendulum's zones always have an offset
    if not isinstance(value, dt.datetime):
        msg = f"'{name}' must be a datetime (got {type(value).__name__}: {value!r})"
        raise NaiveDatetimeError(msg)
    if value.tzinfo is None or value.utcoffset() is None:
        msg = (
            f"'{name}' must be timezone-aware (got naive {value.isoformat()}); "
            "attach a zone, for example with zoneinfo.ZoneInfo('Europe/Moscow')"
        )
        raise NaiveDatetimeError(msg)
    key = getattr(value.tzinfo, "key", None)
    if not isinstance(key, str):
        return pendulum.instance(value)
    # Through UTC, so the instant is the one Python means (PEP 495), fold and all.
    utc = value.astimezone(_UTC)
    wall = value.replace(tzinfo=None, fold=0)
    if utc.astimezone(value.tzinfo).replace(tzinfo=None, fold=0) != wall:
        msg = f"'{name}' {wall.isoformat()} does not exist in {key}: the clocks skipped it"
        raise NonExistentTimeError(msg)
    return pendulum.instance(utc).in_tz(key)


def local_datetime(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    microsecond: int = 0,
    *,
    tz: str,
    fold: int | None = None,
) -> pendulum.DateTime:
    """The instant that a wall clock in zone *tz* showed, refusing guesses.

    Where daylight saving time skips an hour, some wall-clock times never
    happened; where it repeats one, some happened twice. Other libraries quietly
    shift or pick one; this function refuses and asks.

    Args:
        year: The year on the wall calendar.
        month: The month on the wall calendar.
        day: The day on the wall calendar.
        hour: The hour on the wall clock.
        minute: The minute on the wall clock.
        second: The second on the wall clock.
        microsecond: The microsecond on the wall clock.
        tz: An IANA zone name, as the zone was on that date.
        fold: For a time shown twice, ``0`` for the first time and ``1`` for the
            second; ignored for other times.

    Returns:
        An aware :class:`pendulum.DateTime` in zone *tz*.

    Raises:
        UnknownTimezoneError: If *tz* is not an IANA zone.
        NonExistentTimeError: If the zone skipped that wall-clock time.
        AmbiguousTimeError: If the zone showed that time twice and *fold* is ``None``.

    >>> local_datetime(2013, 11, 9, 18, 40, tz="Europe/Moscow").in_tz("UTC").isoformat()
    '2013-11-09T14:40:00+00:00'

    .. versionadded:: 0.1.0
    """
    zone = zoneinfo.ZoneInfo(check_timezone(tz))
    wall = dt.datetime(year, month, day, hour, minute, second, microsecond)
    first = wall.replace(tzinfo=zone, fold=0)
    second_ = wall.replace(tzinfo=zone, fold=1)
    chosen = first
    if first.utcoffset() != second_.utcoffset():
        if first.astimezone(_UTC).astimezone(zone).replace(tzinfo=None) != wall:
            msg = f"{wall.isoformat()} does not exist in {tz}: the clocks skipped it"
            raise NonExistentTimeError(msg)
        if fold is None:
            msg = (
                f"{wall.isoformat()} happened twice in {tz}: "
                "pass fold=0 for the first time or fold=1 for the second"
            )
            raise AmbiguousTimeError(msg)
        chosen = second_ if fold else first
    utc = chosen.astimezone(_UTC)
    return pendulum.instance(utc).in_tz(tz)
