"""The relay calendar: relay days in one reference zone, their numbers, and published numberings.

Relay days are counted in one reference zone, :attr:`Relay.timezone
<torchrelay.Relay.timezone>`, from the date the relay calls day 1,
:attr:`Relay.day_one <torchrelay.Relay.day_one>`. The same instant can fall on
different dates in different zones (the Soyuz launch was on 6 November in New
York and on 7 November in Moscow), so a day number is only meaningful with its
zone. A leg's time is the half-open interval [departs, arrives): a leg that
arrives at midnight ends on the day before (:func:`end_of`, the one
end-of-day rule). Published numberings are claims beside the computed one;
where they differ, :meth:`Relay.compare_days <torchrelay.Relay.compare_days>`
shows both.

The functions here take a :class:`Calendar` (the zone and day one, worked out
once by :func:`calendar_of`) and legs, not a relay, so that the relay can ask
them without this module knowing the relay.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

import attrs
import pendulum

from ._claims import Claim, Source
from ._convert import Choice, date_only, of_type, optional_text, to_tuple, tuple_of
from ._geo import Place
from ._legs import Leg
from ._time import to_instant, zone_name
from .exceptions import InvalidTypeError, InvalidValueError

__all__ = [
    "Calendar",
    "DayComparison",
    "DayStatus",
    "RelayDay",
    "RestDay",
    "calendar_of",
    "compare_days",
    "days_inclusive",
    "end_of",
    "last_date",
    "length_in_days",
    "local_date",
    "relay_days",
]


def days_inclusive(first: dt.date, last: dt.date) -> int:
    """The number of *last* when *first* is day 1: day numbers and spans, counted one way."""
    return (last - first).days + 1


def local_date(value: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.date:
    """The date of an aware instant in *zone*.

    Raises:
        InvalidValueError: If the date falls outside years 1 to 9999 there.
    """
    # Through a POSIX timestamp: a stdlib date, and about ten times faster
    # than pendulum's own conversion.
    try:
        return dt.datetime.fromtimestamp(value.timestamp(), zone).date()
    except (OverflowError, ValueError) as error:
        # An instant in the first or last hours of the calendar can fall on
        # a date before 0001-01-01 or after 9999-12-31 in the reference zone.
        msg = (
            f"{value.isoformat()} falls on a date outside years 1 to 9999 "
            f"in the reference zone {zone.key!r}"
        )
        raise InvalidValueError(msg) from error


def end_of(leg: Leg) -> pendulum.DateTime | None:
    """The last instant of a scheduled leg under the half-open rule [departs, arrives).

    A leg arriving at midnight ends the microsecond before, on the day before;
    a leg of no duration ends when it departs. ``None`` for an unscheduled leg.
    """
    if leg.arrives is None or leg.departs is None:
        return None
    return leg.arrives if leg.arrives == leg.departs else leg.arrives.subtract(microseconds=1)


@attrs.frozen
class Calendar:
    """The reference zone of a relay's days and the date of day 1.

    Args:
        name: The relay's name, for messages.
        zone_name: The IANA zone days are counted in.
        day_one: The date of day 1 where it is given.
        first_departure: The first scheduled main-line departure, whose date
            is day 1 where none is given.
    """

    name: str
    zone_name: str
    day_one: dt.date | None
    first_departure: dt.datetime | None
    zone: zoneinfo.ZoneInfo = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "zone", zoneinfo.ZoneInfo(self.zone_name))

    @property
    def first(self) -> dt.date | None:
        """The date of day 1, or ``None`` where the relay has none.

        Raises:
            InvalidValueError: If the first departure's date is outside years 1 to 9999.
        """
        if self.day_one is not None:
            return self.day_one
        if self.first_departure is None:
            return None
        return self.date_of(self.first_departure)

    def date_of(self, instant: dt.datetime) -> dt.date:
        """The date of an aware instant in the reference zone."""
        return local_date(instant, self.zone)

    def require_first(self) -> dt.date:
        """The date of day 1.

        Raises:
            InvalidValueError: If the relay has no day one.
        """
        first = self.first
        if first is None:
            msg = (
                f"relay {self.name!r} has no day one: give 'day_one' or at least one "
                "scheduled main-line leg"
            )
            raise InvalidValueError(msg)
        return first

    def number(self, at: dt.datetime | dt.date) -> int:
        """The relay day of an instant, or of a date in the reference zone.

        Raises:
            InvalidValueError: If the relay has no day one.
            NaiveDatetimeError: If *at* is a datetime without a zone.
        """
        first = self.require_first()
        if isinstance(at, dt.datetime):
            date = self.date_of(to_instant(at, name="at"))
        elif isinstance(at, dt.date):
            date = at
        else:  # not unreachable for callers without type checks
            msg = f"'at' must be a datetime or a date (got {type(at).__name__}: {at!r})"  # type: ignore[unreachable]
            raise InvalidValueError(msg)
        return days_inclusive(first, date)

    def numbers(self, instants: Iterable[dt.datetime]) -> list[int]:
        """The relay days of many aware instants."""
        first = self.require_first()
        return [days_inclusive(first, self.date_of(t)) for t in instants]

    def number_or_none(self, date: dt.date) -> int | None:
        """The number of *date*, or ``None`` where the relay has no day one."""
        first = self.first
        return None if first is None else days_inclusive(first, date)


def calendar_of(
    name: str, timezone: str | None, day_one: dt.date | None, legs: Sequence[Leg]
) -> Calendar:
    """A relay's calendar from its fields and its main line.

    The zone is *timezone*; else the zone of the first scheduled leg's origin
    (or of its departure time); else UTC. Day 1 is *day_one*; else the date of
    the first scheduled leg's departure in that zone.
    """
    scheduled = next((leg for leg in legs if leg.departs is not None), None)
    departs = None if scheduled is None else scheduled.departs
    zone = timezone
    if zone is None:
        zone = "UTC"
        if scheduled is not None and departs is not None:
            zone = scheduled.origin.timezone or zone_name(departs) or "UTC"
    return Calendar(name, zone, day_one, departs)


def _day_number(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"'day_number' must be a whole number or None, not {type(value).__name__}"
        raise InvalidTypeError(msg)
    if not 1 <= value <= 100_000:
        msg = f"'day_number' must be between 1 and 100000 (got {value!r})"
        raise InvalidValueError(msg)


@attrs.frozen
class RestDay:
    """A day on which the relay did not travel.

    Args:
        date: The day, in the relay's reference zone.
        place: Where the flame stayed.
        note: Why, in a few words.
        sources: Where this is published.
        day_number: The day's number as the sources give it, kept beside the
            computed one (:meth:`Relay.compare_days`).

    .. versionadded:: 0.1.0
    """

    date: dt.date = attrs.field(validator=date_only)
    place: Place | None = attrs.field(
        default=None, validator=of_type(Place, optional=True), kw_only=True
    )
    note: str | None = attrs.field(default=None, validator=optional_text, kw_only=True)
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Source), kw_only=True
    )
    day_number: int | None = attrs.field(default=None, validator=_day_number, kw_only=True)


class DayStatus(Choice):
    """What a relay day was.

    .. versionadded:: 0.1.0
    """

    TRAVEL = "travel"
    """At least one leg departed that day."""
    REST = "rest"
    """A declared rest day."""
    NO_LEGS = "no_legs"
    """No leg departed and no rest day is declared: a gap in the data, or a quiet day."""


@attrs.frozen
class RelayDay:
    """One day of a relay, counted in its reference zone.

    Args:
        number: The day's number, 1 for :attr:`Relay.day_one`.
        date: The date in the reference zone.
        status: Whether the flame travelled, rested or neither.
        legs: The legs (main line and branches) that departed that day.
        rest_day: The declared rest day, if this is one.

    .. versionadded:: 0.1.0
    """

    number: int
    date: dt.date
    status: DayStatus
    legs: tuple[Leg, ...] = attrs.field(default=(), kw_only=True)
    rest_day: RestDay | None = attrs.field(default=None, kw_only=True)


class _RelayDays(Sequence[RelayDay]):
    """The days of a relay, each made when asked for.

    Holds the legs by departure date and the rest days by date, so its size
    grows with the relay's data, not with the span of its dates: ``len`` and
    indexing take constant time, even for a relay with rest days in year 1
    and year 9999. Slices are views of the same kind.
    """

    __slots__ = ("_by_date", "_first", "_offsets", "_rests", "_start")

    def __init__(
        self,
        first: dt.date,
        start: dt.date,
        offsets: range,
        by_date: dict[dt.date, tuple[Leg, ...]],
        rests: dict[dt.date, RestDay],
    ) -> None:
        self._first = first
        self._start = start
        self._offsets = offsets
        self._by_date = by_date
        self._rests = rests

    def __len__(self) -> int:
        return len(self._offsets)

    def _day(self, offset: int) -> RelayDay:
        date = self._start + dt.timedelta(days=offset)
        legs = self._by_date.get(date, ())
        rest = self._rests.get(date)
        if rest is not None:
            status = DayStatus.REST
        elif legs:
            status = DayStatus.TRAVEL
        else:
            status = DayStatus.NO_LEGS
        number = days_inclusive(self._first, date)
        return RelayDay(number, date, status, legs=legs, rest_day=rest)

    @overload
    def __getitem__(self, index: int) -> RelayDay: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[RelayDay]: ...

    def __getitem__(self, index: int | slice) -> RelayDay | Sequence[RelayDay]:
        if isinstance(index, slice):
            offsets = self._offsets[index]
            return _RelayDays(self._first, self._start, offsets, self._by_date, self._rests)
        return self._day(self._offsets[index])

    def __iter__(self) -> Iterator[RelayDay]:
        return map(self._day, self._offsets)

    def __reversed__(self) -> Iterator[RelayDay]:
        return map(self._day, reversed(self._offsets))

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, RelayDay):
            return False
        offset = (value.date - self._start).days
        return offset in self._offsets and self._day(offset) == value

    def index(self, value: object, start: int = 0, stop: int | None = None) -> int:
        """The position of the day *value*, found from its date in constant time.

        Raises:
            ValueError: If *value* is not one of these days.
        """
        n = len(self)
        # Negative bounds count from the end, as for a list (collections.abc.Sequence.index).
        if start < 0:
            start = max(n + start, 0)
        if stop is not None and stop < 0:
            stop += n
        if isinstance(value, RelayDay) and value in self:
            i = self._offsets.index((value.date - self._start).days)
            if start <= i < (n if stop is None else stop):
                return i
        msg = f"{value!r} is not one of these relay days"
        raise ValueError(msg)

    def count(self, value: object) -> int:
        """1 if *value* is one of these days, else 0."""
        return int(value in self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        if not self:
            return "<relay days: none>"
        first, last = self[0], self[-1]
        return (
            f"<relay days {first.date.isoformat()} to {last.date.isoformat()}, "
            f"days {first.number} to {last.number}: {len(self)} days>"
        )


def relay_days(
    calendar: Calendar, legs: Iterable[Leg], rest_days: Sequence[RestDay]
) -> Sequence[RelayDay]:
    """Every day from the relay's first to its last, numbered from day one.

    The first day is the earliest of day one, any leg's departure and any
    rest day; the last is the latest of day one, the day any leg ends on
    (:func:`end_of`) and any rest day. The days are made on demand, so that
    the result's size follows the relay's data, not its span of dates.
    """
    first = calendar.first
    if first is None:
        return ()
    by_date: dict[dt.date, list[Leg]] = {}
    scheduled = []
    for leg in legs:
        if leg.departs is None or leg.arrives is None:
            continue
        by_date.setdefault(calendar.date_of(leg.departs), []).append(leg)
        scheduled.append(leg)
    rests = {r.date: r for r in rest_days}
    end = last_date(scheduled, calendar.zone_name)
    start = min([first, *by_date, *rests])
    last = max([first, *rests, *(() if end is None else (end,))])
    offsets = range(days_inclusive(start, last))
    found = {date: tuple(group) for date, group in by_date.items()}
    return _RelayDays(first, start, offsets, found, rests)


def last_date(legs: Iterable[Leg], zone: str) -> dt.date | None:
    """The local date in *zone* on which the last of *legs* to arrive ends (:func:`end_of`).

    ``None`` if no leg has times.
    """
    ends = [end for end in map(end_of, legs) if end is not None]
    return local_date(max(ends), zoneinfo.ZoneInfo(zone)) if ends else None


def length_in_days(calendar: Calendar, main_line: Iterable[Leg]) -> int | None:
    """The number of the relay's last main-line day: day one to the last arrival, inclusive."""
    first = calendar.first
    last = last_date(main_line, calendar.zone_name)
    if first is None or last is None:
        return None
    return days_inclusive(first, last)


@attrs.frozen
class DayComparison:
    """A published day figure beside the one torchrelay computes.

    Args:
        subject: What is counted: ``days`` for the relay's length, or a date
            in ISO form for the number of that day.
        claimed: The number a source gives.
        computed: The number torchrelay computes, or ``None`` if it cannot.
        source: Where the claimed number is published, if known.

    .. versionadded:: 0.1.0
    """

    subject: str
    claimed: int
    computed: int | None
    source: Source | None = attrs.field(default=None, kw_only=True)

    @property
    def agrees(self) -> bool:
        """Whether the published and computed numbers are the same."""
        return self.claimed == self.computed


def compare_days(
    calendar: Calendar,
    main_line: Iterable[Leg],
    day_claims: Iterable[Claim],
    rest_days: Iterable[RestDay],
) -> tuple[DayComparison, ...]:
    """Published day figures beside the computed ones.

    Compares every claim of figure ``days`` with :func:`length_in_days`, and
    every rest day with a published :attr:`RestDay.day_number` with its
    computed number.
    """
    result = []
    length = length_in_days(calendar, main_line)
    for claim in day_claims:
        if isinstance(claim.value, str):
            continue
        result.append(DayComparison("days", int(claim.value), length, source=claim.source))
    for rest in rest_days:
        if rest.day_number is None:
            continue
        computed = calendar.number_or_none(rest.date)
        source = rest.sources[0] if rest.sources else None
        result.append(
            DayComparison(rest.date.isoformat(), rest.day_number, computed, source=source)
        )
    return tuple(result)
