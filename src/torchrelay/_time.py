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
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    NonExistentTimeError,
    UnknownTimezoneError,
)

__all__ = [
    "TimePrecision",
    "check_timezone",
    "instant_key",
    "local_datetime",
    "offset_text",
    "same_instant",
    "to_instant",
    "utc",
    "zone_label",
    "zone_name",
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


# Names a system's zone files may hold that are not zones of the database: each
# means something different on another machine (the local zone, a placeholder,
# a copy with leap seconds), so a file that used them would mean different times.
_NOT_ZONES = frozenset({"localtime", "Factory", "posixrules"})


@functools.cache
def _zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def check_timezone(name: object) -> str:
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
    if not isinstance(name, str):
        msg = f"a time zone must be a text such as 'Europe/Moscow' (got {name!r})"
        raise InvalidTypeError(msg)
    if name not in _zone_names() or name in _NOT_ZONES or name.startswith(("posix/", "right/")):
        msg = f"unknown time zone {name!r}: use an IANA name such as 'Europe/Moscow'"
        raise UnknownTimezoneError(msg)
    return name


def optional_timezone(name: object) -> str | None:
    """:func:`check_timezone` for a field where ``None`` means no zone is known."""
    return None if name is None else check_timezone(name)


def _out_of_range(name: str, value: dt.datetime) -> InvalidValueError:
    msg = (
        f"'{name}' {value.isoformat()} is out of range: "
        "its instant in UTC must fall within the years 1 to 9999"
    )
    return InvalidValueError(msg)


def _fixed(value: dt.datetime, name: str) -> pendulum.DateTime:
    """A datetime with a fixed offset (or a tzinfo without a zone name) in pendulum's terms."""
    offset = value.utcoffset()
    assert offset is not None
    if offset.microseconds or offset.seconds % 60:
        msg = (
            f"'{name}' has the offset {offset} with seconds, which RFC 3339 cannot write; "
            "give it an IANA zone instead"
        )
        raise InvalidValueError(msg)
    seconds = int(offset.total_seconds())
    zone = pendulum.UTC if seconds == 0 and value.tzinfo in (_UTC, pendulum.UTC) else None
    tz = zone if zone is not None else pendulum.FixedTimezone(seconds)
    wall = value.replace(tzinfo=None)
    return pendulum.instance(wall).replace(tzinfo=tz)


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
    if not isinstance(value, dt.datetime):
        msg = f"'{name}' must be a datetime (got {type(value).__name__}: {value!r})"
        raise InvalidTypeError(msg)
    try:
        value.astimezone(_UTC)
    except OverflowError:
        raise _out_of_range(name, value) from None
    except ValueError:
        pass  # naive, or a tzinfo without an offset: said below
    if isinstance(value, pendulum.DateTime) and isinstance(value.tzinfo, pendulum.Timezone):
        return value
    if isinstance(value, pendulum.DateTime) and isinstance(value.tzinfo, pendulum.FixedTimezone):
        return _fixed(value, name)
    if value.tzinfo is None or value.utcoffset() is None:
        msg = (
            f"'{name}' must be timezone-aware (got naive {value.isoformat()}); "
            "attach a zone, for example with zoneinfo.ZoneInfo('Europe/Moscow')"
        )
        raise NaiveDatetimeError(msg)
    key = getattr(value.tzinfo, "key", None)
    if not isinstance(key, str):
        return _fixed(value, name)
    # Through UTC, so the instant is the one Python means (PEP 495), fold and all.
    utc = value.astimezone(_UTC)
    wall = value.replace(tzinfo=None, fold=0)
    if utc.astimezone(value.tzinfo).replace(tzinfo=None, fold=0) != wall:
        msg = f"'{name}' {wall.isoformat()} does not exist in {key}: the clocks skipped it"
        raise NonExistentTimeError(msg)
    try:
        return pendulum.instance(utc).in_tz(key)
    except (OverflowError, ValueError):
        raise _out_of_range(name, value) from None


def utc(value: dt.datetime) -> dt.datetime:
    """The instant of an aware datetime as a naive UTC datetime: exact, fold and all.

    Comparing these compares instants. Comparing two datetimes that share one
    zone object compares their wall clocks instead (Python's rule), which is
    wrong inside a daylight-saving fold.
    """
    offset = value.utcoffset()
    assert offset is not None
    return (
        dt.datetime(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
        )
        - offset
    )


def zone_label(value: dt.datetime) -> str:
    """What a time's zone is called in data: its IANA name, or its fixed offset."""
    tz = value.tzinfo
    if isinstance(tz, pendulum.Timezone):
        return tz.name
    key = getattr(tz, "key", None)
    if isinstance(key, str):
        return key
    offset = value.utcoffset()
    assert offset is not None
    return offset_text(int(offset.total_seconds()))


def offset_text(seconds: int) -> str:
    """An offset in seconds as ISO 8601 text: ``+04:00``, ``-09:30``, ``+02:30:17``."""
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{sign}{hours:02d}:{minutes:02d}"
    return f"{text}:{secs:02d}" if secs else text


def instant_key(value: dt.datetime | None) -> tuple[dt.datetime, str] | None:
    """What equality compares for a time: its instant and the zone it is written in.

    Two legs at the same instant, one in ``Europe/Moscow`` and one in UTC, hold
    different data (they write differently), so they are not equal;
    :func:`same_instant` compares instants alone.
    """
    if value is None:
        return None
    return (utc(value), zone_label(value))


def same_instant(a: dt.datetime | None, b: dt.datetime | None) -> bool:
    """Whether two aware times are the same instant, whatever zones they are written in.

    >>> import pendulum
    >>> moscow = pendulum.datetime(2013, 10, 7, 16, tz="Europe/Moscow")
    >>> same_instant(moscow, moscow.in_tz("UTC")), moscow.in_tz("UTC") == moscow
    (True, True)

    .. versionadded:: 0.1.0
    """
    if a is None or b is None:
        return a is b
    return utc(a) == utc(b)


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
    try:
        wall = dt.datetime(year, month, day, hour, minute, second, microsecond)
    except (TypeError, ValueError) as error:
        msg = f"not a date and time on the calendar: {error}"
        raise InvalidValueError(msg) from None
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


def zone_name(value: dt.datetime) -> str | None:
    """The IANA name of an aware datetime's zone, where it has one (not a fixed offset)."""
    tz = value.tzinfo
    name = getattr(tz, "name", None) or getattr(tz, "key", None)
    return name if isinstance(name, str) and ("/" in name or name == "UTC") else None
