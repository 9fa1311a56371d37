"""Durations, speeds, relay days and where the flame was at any instant.

Times are instants. A leg's duration is the difference of two instants, so a
leg across a daylight-saving change lasts as long as it really did, not as long
as the wall clocks say. Local times are shown in the zone of their place as the
IANA database has it for the date: 2013-11-09T14:40Z is 18:40 in Moscow, which
was UTC+4 from 2011 to October 2014.

Relay days are counted in one reference zone, :attr:`Relay.timezone`, from the
date the relay calls day 1, :attr:`Relay.day_one`. The same instant can fall on
different dates in different zones (the Soyuz launch was on 6 November in New
York and on 7 November in Moscow), so a day number is only meaningful with its
zone. Published numberings are claims beside the computed one; where they
differ, :meth:`Relay.compare_days` shows both.
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar, overload

import attrs
import pendulum

from ._claims import Source
from ._convert import Choice, finite_number
from ._geo import Coordinate, Distance, Place
from ._measure import SPACE_MODES, leg_meters, leg_point_at_fraction, path_point_at_time
from ._modes import FlameState, Medium
from ._time import to_instant
from .exceptions import InvalidValueError

if TYPE_CHECKING:
    from ._legs import Leg
    from ._relay import Branch, Relay, RestDay

__all__ = [
    "DayComparison",
    "DayStatus",
    "RelayDay",
    "Speed",
    "WhereStatus",
    "Whereabouts",
]

K = TypeVar("K", bound=Hashable)

_KNOT = 1852.0 / 3600.0
_MPH = 1609.344 / 3600.0


# -- Speeds and durations -----------------------------------------------------------


def _to_mps(value: float) -> float:
    value = finite_number("meters_per_second", value)
    if value < 0.0:
        msg = f"'meters_per_second' must be finite and not negative (got {value!r})"
        raise InvalidValueError(msg)
    return value


@attrs.frozen(order=True, repr=False)
class Speed:
    """An average speed, held in metres per second.

    >>> Speed.from_knots(15.3)
    Speed(28.3 km/h)
    >>> round(Speed.from_kmh(28.3356).knots, 1)
    15.3

    Args:
        meters_per_second: The speed; not negative.

    .. versionadded:: 0.1.0
    """

    meters_per_second: float = attrs.field(converter=_to_mps)

    @classmethod
    def from_kmh(cls, kmh: float) -> Speed:
        """A speed given in kilometres an hour."""
        return cls(finite_number("kmh", kmh) / 3.6)

    @classmethod
    def from_knots(cls, knots: float) -> Speed:
        """A speed given in knots (nautical miles an hour)."""
        return cls(finite_number("knots", knots) * _KNOT)

    @classmethod
    def of(cls, distance: Distance, duration: dt.timedelta) -> Speed | None:
        """The average speed over *distance* in *duration*; ``None`` for no time.

        .. versionadded:: 0.1.0
        """
        seconds = duration.total_seconds()
        if seconds <= 0.0:
            return None
        return cls(distance.meters / seconds)

    @property
    def kmh(self) -> float:
        """The speed in kilometres an hour."""
        return self.meters_per_second * 3.6

    @property
    def knots(self) -> float:
        """The speed in knots."""
        return self.meters_per_second / _KNOT

    @property
    def mph(self) -> float:
        """The speed in international miles an hour."""
        return self.meters_per_second / _MPH

    def __repr__(self) -> str:
        return f"Speed({self.kmh:.3g} km/h)" if self.kmh < 1000 else f"Speed({self.kmh:,.0f} km/h)"

    def __str__(self) -> str:
        return f"{self.kmh:,.1f} km/h"


def _seconds(leg: Leg) -> float | None:
    if leg.departs is None or leg.arrives is None:
        return None
    return leg.arrives.timestamp() - leg.departs.timestamp()


def leg_speed(leg: Leg) -> Speed | None:
    """The leg's average speed over its distance; ``None`` without times, time or distance."""
    seconds = _seconds(leg)
    if seconds is None or seconds <= 0.0:
        return None
    distance = leg.distance()
    if distance is None:
        return None
    return Speed(distance.meters / seconds)


def duration_by(legs: Iterable[Leg], key: Callable[[Leg], K]) -> dict[K, dt.timedelta]:
    """The scheduled legs' durations summed by *key*, in order of first appearance."""
    totals: dict[K, float] = {}
    for leg in legs:
        seconds = _seconds(leg)
        if seconds is not None:
            k = key(leg)
            totals[k] = totals.get(k, 0.0) + seconds
    return {k: dt.timedelta(seconds=v) for k, v in totals.items()}


def speed_by(
    legs: Sequence[Leg], key: Callable[[Leg], K], *, include_space: bool = False
) -> dict[K, Speed]:
    """Average speeds by *key*: distance over time, of legs that have both."""
    meters, _ = leg_meters(legs)
    dist: dict[K, float] = {}
    time: dict[K, float] = {}
    for i, leg in enumerate(legs):
        seconds = _seconds(leg)
        value = float(meters[i])
        if seconds is None or math.isnan(value):
            continue
        if not include_space and leg.mode in SPACE_MODES:
            continue
        k = key(leg)
        dist[k] = dist.get(k, 0.0) + value
        time[k] = time.get(k, 0.0) + seconds
    return {k: Speed(dist[k] / time[k]) for k in dist if time[k] > 0.0}


# -- Relay days ---------------------------------------------------------------------


def reference_timezone(relay: Relay) -> str:
    """The zone relay days are counted in.

    :attr:`Relay.timezone`; else the zone of the first scheduled main-line
    leg's origin; else UTC.
    """
    if relay.timezone is not None:
        return relay.timezone
    for leg in relay.legs:
        if leg.departs is not None:
            return leg.origin.timezone or _zone_name(leg.departs) or "UTC"
    return "UTC"


def _zone_name(value: pendulum.DateTime) -> str | None:
    tz = value.tzinfo
    name = getattr(tz, "name", None) or getattr(tz, "key", None)
    return name if isinstance(name, str) and ("/" in name or name == "UTC") else None


def _local_date(value: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.date:
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


def day_numbers(relay: Relay, instants: Iterable[dt.datetime]) -> list[int]:
    """The relay days of many aware instants, in the reference zone."""
    first = _require_day_one(relay)
    zone = zoneinfo.ZoneInfo(reference_timezone(relay))
    return [(_local_date(t, zone) - first).days + 1 for t in instants]


def day_one(relay: Relay) -> dt.date | None:
    """The date of day 1: :attr:`Relay.day_one`, else the first main-line departure's date."""
    if relay.day_one is not None:
        return relay.day_one
    zone = zoneinfo.ZoneInfo(reference_timezone(relay))
    for leg in relay.legs:
        if leg.departs is not None:
            return _local_date(leg.departs, zone)
    return None


def _require_day_one(relay: Relay) -> dt.date:
    first = day_one(relay)
    if first is None:
        msg = (
            f"relay {relay.name!r} has no day one: give 'day_one' or at least one "
            "scheduled main-line leg"
        )
        raise InvalidValueError(msg)
    return first


def day_number(relay: Relay, at: dt.datetime | dt.date) -> int:
    """The relay day of an instant, or of a date in the reference zone.

    Day 1 is :func:`day_one`; the day before is day 0, and days before that are
    negative, as a relay's days in Greece are before its first day at home.

    Raises:
        InvalidValueError: If the relay has no day one.
        NaiveDatetimeError: If *at* is a datetime without a zone.
    """
    first = _require_day_one(relay)
    if isinstance(at, dt.datetime):
        instant = to_instant(at, name="at")
        date = _local_date(instant, zoneinfo.ZoneInfo(reference_timezone(relay)))
    elif isinstance(at, dt.date):
        date = at
    else:  # not unreachable for callers without type checks
        msg = f"'at' must be a datetime or a date (got {type(at).__name__}: {at!r})"  # type: ignore[unreachable]
        raise InvalidValueError(msg)
    return (date - first).days + 1


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
        return RelayDay((date - self._first).days + 1, date, status, legs=legs, rest_day=rest)

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


def relay_days(relay: Relay) -> Sequence[RelayDay]:
    """Every day from the relay's first to its last, numbered from day one.

    The first day is the earliest of day one, any leg's departure and any
    rest day; the last is the latest of day one, the day any leg ends on
    (:func:`last_date`: a leg arriving at midnight ends the day before) and
    any rest day. The days are made on demand, so that the result's size
    follows the relay's data, not its span of dates.
    """
    first = day_one(relay)
    if first is None:
        return ()
    zone_name = reference_timezone(relay)
    zone = zoneinfo.ZoneInfo(zone_name)
    by_date: dict[dt.date, list[Leg]] = {}
    scheduled = []
    for _, leg in relay.all_legs():
        if leg.departs is None or leg.arrives is None:
            continue
        by_date.setdefault(_local_date(leg.departs, zone), []).append(leg)
        scheduled.append(leg)
    rests = {r.date: r for r in relay.rest_days}
    end = last_date(scheduled, zone_name)
    start = min([first, *by_date, *rests])
    last = max([first, *rests, *(() if end is None else (end,))])
    offsets = range((last - start).days + 1)
    legs = {date: tuple(found) for date, found in by_date.items()}
    return _RelayDays(first, start, offsets, legs, rests)


def last_date(legs: Iterable[Leg], zone: str) -> dt.date | None:
    """The local date in *zone* on which the last of *legs* to arrive ends.

    A leg's time is the half-open interval [departs, arrives), so a leg that
    arrives at midnight ends on the day before. ``None`` if no leg has times.
    """
    ends = [
        leg.arrives if leg.arrives == leg.departs else leg.arrives.subtract(microseconds=1)
        for leg in legs
        if leg.arrives is not None and leg.departs is not None
    ]
    return _local_date(max(ends), zoneinfo.ZoneInfo(zone)) if ends else None


def length_in_days(relay: Relay) -> int | None:
    """The number of the relay's last main-line day: day one to the last arrival, inclusive."""
    first = day_one(relay)
    last = last_date(relay.legs, reference_timezone(relay))
    if first is None or last is None:
        return None
    return (last - first).days + 1


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


def compare_days(relay: Relay) -> tuple[DayComparison, ...]:
    """Published day figures beside the computed ones.

    Compares every claim of figure ``days`` with :func:`length_in_days`, and
    every rest day with a published :attr:`RestDay.day_number` with its
    computed number.
    """
    result = []
    length = length_in_days(relay)
    for claim in relay.claims_about("days"):
        if isinstance(claim.value, str):
            continue
        result.append(DayComparison("days", int(claim.value), length, source=claim.source))
    first = day_one(relay)
    for rest in relay.rest_days:
        if rest.day_number is None:
            continue
        computed = None if first is None else (rest.date - first).days + 1
        source = rest.sources[0] if rest.sources else None
        result.append(
            DayComparison(rest.date.isoformat(), rest.day_number, computed, source=source)
        )
    return tuple(result)


# -- Where the flame was ------------------------------------------------------------


class WhereStatus(Choice):
    """Where the flame was at an instant, in a word.

    .. versionadded:: 0.1.0
    """

    BEFORE_START = "before_start"
    """Before the first scheduled leg departed."""
    ON_LEG = "on_leg"
    """Travelling on a leg."""
    BETWEEN_LEGS = "between_legs"
    """Waiting between two legs, at the end of the earlier one."""
    REST_DAY = "rest_day"
    """Between legs on a declared rest day."""
    AFTER_END = "after_end"
    """After the last scheduled leg arrived."""
    UNSCHEDULED = "unscheduled"
    """The relay (or branch) has no scheduled legs to place the instant among."""


@attrs.frozen
class Whereabouts:
    """Where the flame was at an instant, and in what state.

    Args:
        at: The instant asked about, in UTC.
        status: What the flame was doing.
        leg: The leg it was on, or the last leg it finished (between legs and
            after the end); ``None`` before the start.
        branch: The branch of :attr:`leg`, ``None`` on the main line.
        position: Where the flame was: interpolated along the leg, or where it
            waits. ``None`` where it cannot be said (before the start; a space
            leg without a timed path, whose ground position means nothing).
        flame: The leg's flame state while on a leg, else ``None``.
        fraction: How far along the leg, by time, from 0 to 1; on a leg only.
        local_time: The instant in the zone of the place, as it was that date.
        day: The relay day in the reference zone, if the relay has a day one.
        rest_day: The declared rest day, on one.
        next_leg: The next leg to depart, between legs and before the start.
        elsewhere: Where the flame's copies were at the same instant, on branches.

    .. versionadded:: 0.1.0
    """

    at: pendulum.DateTime
    status: WhereStatus
    leg: Leg | None = attrs.field(default=None, kw_only=True)
    branch: str | None = attrs.field(default=None, kw_only=True)
    position: Coordinate | None = attrs.field(default=None, kw_only=True)
    flame: FlameState | None = attrs.field(default=None, kw_only=True)
    fraction: float | None = attrs.field(default=None, kw_only=True)
    local_time: pendulum.DateTime | None = attrs.field(default=None, kw_only=True)
    day: int | None = attrs.field(default=None, kw_only=True)
    rest_day: RestDay | None = attrs.field(default=None, kw_only=True)
    next_leg: Leg | None = attrs.field(default=None, kw_only=True)
    elsewhere: tuple[Whereabouts, ...] = attrs.field(default=(), kw_only=True)


def _local(instant: pendulum.DateTime, *zones: str | None) -> pendulum.DateTime | None:
    for zone in zones:
        if zone is not None:
            return instant.in_tz(zone)
    return None


def _position_on(leg: Leg, t: float, fraction: float) -> Coordinate | None:
    path = leg.path
    if path is not None and path.times is not None:
        return path_point_at_time(path, t)
    if leg.mode.medium is Medium.SPACE:
        return None
    return leg_point_at_fraction(leg, fraction)


def _on_leg(
    leg: Leg, branch: Branch | None, instant: pendulum.DateTime, t: float, day: int | None
) -> Whereabouts:
    assert leg.departs is not None  # callers pass scheduled legs
    assert leg.arrives is not None
    d, a = leg.departs.timestamp(), leg.arrives.timestamp()
    fraction = 1.0 if a <= d else min(1.0, max(0.0, (t - d) / (a - d)))
    zone = (leg.path.timezone if leg.path is not None else None) or leg.origin.timezone
    return Whereabouts(
        instant,
        WhereStatus.ON_LEG,
        leg=leg,
        branch=None if branch is None else branch.name,
        position=_position_on(leg, t, fraction),
        flame=leg.flame,
        fraction=fraction,
        local_time=_local(instant, zone, leg.destination.timezone, _zone_name(leg.departs)),
        day=day,
    )


def _active(legs: Sequence[Leg], t: float) -> int | None:
    """The index of the leg under way at *t*; of legs that meet, the one departing."""
    best: int | None = None
    best_departs = -math.inf
    for i, leg in enumerate(legs):
        if leg.departs is None or leg.arrives is None:
            continue
        d = leg.departs.timestamp()
        if d <= t <= leg.arrives.timestamp() and d >= best_departs:
            best, best_departs = i, d
    return best


def _place_of(rest: RestDay | None, fallback: Place) -> Place:
    return rest.place if rest is not None and rest.place is not None else fallback


def where(relay: Relay, at: dt.datetime) -> Whereabouts:
    """Where the relay's flame was at *at*, on the main line, with its branches' copies."""
    instant = to_instant(at, name="at").in_tz("UTC")
    t = instant.timestamp()
    first = day_one(relay)
    zone_name = reference_timezone(relay)
    zone = zoneinfo.ZoneInfo(zone_name)
    date = _local_date(instant, zone)
    day = None if first is None else (date - first).days + 1
    elsewhere = []
    for branch in relay.branches:
        i = _active(branch.legs, t)
        if i is not None:
            elsewhere.append(_on_leg(branch.legs[i], branch, instant, t, day))
    extra = tuple(elsewhere)
    legs = [leg for leg in relay.legs if leg.departs is not None]
    if not legs:
        return Whereabouts(instant, WhereStatus.UNSCHEDULED, day=day, elsewhere=extra)
    i = _active(legs, t)
    if i is not None:
        return attrs.evolve(_on_leg(legs[i], None, instant, t, day), elsewhere=extra)
    before = [leg for leg in legs if leg.arrives is not None and leg.arrives.timestamp() < t]
    after = [leg for leg in legs if leg.departs is not None and leg.departs.timestamp() > t]
    upcoming = min(after, key=lambda leg: leg.departs.timestamp()) if after else None  # type: ignore[union-attr]
    if not before:
        return Whereabouts(
            instant,
            WhereStatus.BEFORE_START,
            local_time=_local(instant, legs[0].origin.timezone, zone_name),
            day=day,
            next_leg=upcoming,
            elsewhere=extra,
        )
    previous = max(before, key=lambda leg: leg.arrives.timestamp())  # type: ignore[union-attr]
    rest = next((r for r in relay.rest_days if r.date == date), None)
    if upcoming is None:
        status = WhereStatus.AFTER_END
    elif rest is not None:
        status = WhereStatus.REST_DAY
    else:
        status = WhereStatus.BETWEEN_LEGS
    place = _place_of(rest, previous.destination)
    return Whereabouts(
        instant,
        status,
        leg=previous,
        branch=None,
        position=place.coordinate,
        flame=None,
        fraction=None,
        local_time=_local(instant, place.timezone, zone_name),
        day=day,
        rest_day=rest,
        next_leg=upcoming,
        elsewhere=extra,
    )
