"""Time and number text for every format: RFC 3339, RFC 9557, and shortest floats.

One place for the text forms that every format writes and reads, so that the
native JSON, GeoJSON, CSV, GPX and KML agree to the character:

- An instant with a zone is RFC 9557 text: the RFC 3339 time with its offset,
  then the IANA zone in brackets, ``2013-11-09T18:40:00+04:00[Europe/Moscow]``.
  A fixed offset has no brackets. RFC 3339 offsets have no seconds, so a time
  whose zone then had an offset with seconds (local mean time before 1920, say)
  is written in UTC, ``Z``, with its zone.
- A path point's time is written with the offset it was given (``+04:00``), or
  ``Z`` where none was given (RFC 9557 §2: the local offset is unknown).
- Text is read strictly: a ``T`` between date and time, seconds, an offset;
  nothing that the shipped schemas would refuse.
- Floats are written in Python's shortest round-trip form.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re

import pendulum

from .._columns import NO_OFFSET
from .._time import check_timezone, offset_text

__all__ = [
    "INSTANT_PATTERN",
    "TimeTextError",
    "format_instant",
    "format_number",
    "format_point_time",
    "parse_instant",
    "parse_point_time",
]

INSTANT_PATTERN = (
    r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?"
    r"([+-]\d\d:\d\d|Z)(\[[A-Za-z0-9_+\-/]+\])?$"
)
"""The regular expression (for JSON Schema too) that instant text must match."""

_INSTANT = re.compile(
    r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?)(Z|[+-]\d\d:\d\d)(?:\[([A-Za-z0-9_+\-/]+)\])?\Z"
)
_EPOCH = dt.datetime(1970, 1, 1)


class TimeTextError(ValueError):
    """Time text that cannot be read; the message says why. Readers turn it into a problem."""


@functools.cache
def _zone(name: str) -> pendulum.Timezone:
    return pendulum.timezone(check_timezone(name))


def _offset_seconds(text: str) -> int:
    sign = -1 if text[0] == "-" else 1
    hours, minutes = int(text[1:3]), int(text[4:6])
    if hours > 23 or minutes > 59:
        msg = f"the offset {text} is not a valid UTC offset"
        raise TimeTextError(msg)
    return sign * (hours * 3600 + minutes * 60)


def _wall(text: str, value: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        msg = f"not a date and time on the calendar (got {value!r})"
        raise TimeTextError(msg) from None


def _split(value: str) -> tuple[dt.datetime, int | None, str | None]:
    match = _INSTANT.match(value)
    if match is None:
        msg = (
            "not an RFC 3339 time with seconds and an offset, such as "
            f"'2013-10-07T12:00:00+04:00' (got {value!r})"
        )
        raise TimeTextError(msg)
    wall = _wall(match.group(1), value)
    offset = None if match.group(2) == "Z" else _offset_seconds(match.group(2))
    return wall, offset, match.group(3)


def parse_instant(value: str) -> pendulum.DateTime:
    """Read RFC 9557 (or plain RFC 3339) text as an instant in its zone.

    Without a zone in brackets, the time keeps its fixed offset; ``Z`` alone is
    UTC. With a zone, the offset must be the zone's at that instant.

    Raises:
        TimeTextError: For text that is not such a time, an unknown zone, an
            offset that contradicts the zone, or an instant out of range.
    """
    wall, offset, zone = _split(value)
    try:
        utc = wall - dt.timedelta(seconds=offset or 0)
        if zone is None:
            if offset is None:
                return pendulum.instance(utc.replace(tzinfo=dt.UTC)).in_tz("UTC")
            naive = pendulum.instance(wall)
            return naive.replace(tzinfo=pendulum.FixedTimezone(offset))
        try:
            tz = _zone(zone)
        except ValueError as error:
            raise TimeTextError(str(error)) from None
        local = pendulum.instance(utc.replace(tzinfo=dt.UTC)).in_tz(tz)
    except OverflowError:
        msg = f"the time {value!r} is out of range: its UTC instant must fall in years 1 to 9999"
        raise TimeTextError(msg) from None
    actual = local.utcoffset()
    assert actual is not None
    if offset is not None and actual != dt.timedelta(seconds=offset):
        msg = (
            f"the offset of {value!r} does not match {zone} at that instant "
            f"(which was UTC{offset_text(int(actual.total_seconds()))})"
        )
        raise TimeTextError(msg)
    return local


def format_instant(value: dt.datetime) -> str:
    """An instant as RFC 9557 text; the inverse of :func:`parse_instant`."""
    tz = value.tzinfo
    if not isinstance(tz, pendulum.Timezone):
        return value.isoformat()
    offset = value.utcoffset()
    assert offset is not None
    if offset.seconds % 60 or offset.microseconds:
        utc = value.astimezone(dt.UTC).replace(tzinfo=None)
        return f"{utc.isoformat()}Z[{tz.name}]"
    return f"{value.isoformat()}[{tz.name}]"


def parse_point_time(value: str) -> tuple[float, int]:
    """A path point's time text as POSIX seconds and its offset (:data:`NO_OFFSET` for ``Z``).

    Raises:
        TimeTextError: For text that is not an RFC 3339 time, or one with a zone.
    """
    wall, offset, zone = _split(value)
    if zone is not None:
        msg = f"a point's time has an offset, not a zone (got {value!r})"
        raise TimeTextError(msg)
    seconds = 0 if offset is None else offset
    stamp = (wall - _EPOCH).total_seconds() - seconds
    return stamp, int(NO_OFFSET) if offset is None else seconds


def format_point_time(stamp: float, offset: int) -> str:
    """POSIX seconds as RFC 3339 text at *offset* seconds, or in UTC with ``Z`` for none."""
    given = offset != NO_OFFSET
    shift = offset if given else 0
    whole = math.floor(stamp)
    micro = round((stamp - whole) * 1e6)
    wall = _EPOCH + dt.timedelta(seconds=whole + shift, microseconds=micro)
    suffix = offset_text(shift) if given else "Z"
    return wall.isoformat() + suffix


def format_number(value: float) -> str:
    """A number in the shortest text that reads back as the same float (``-0.0`` as ``0.0``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return repr(float(value) + 0.0)
