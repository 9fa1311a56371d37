"""Where the flame was at an instant: on which leg, how far along, in what state.

Times are instants: a position is interpolated along a leg by the time it
has been under way, along the leg's timed path where it has one, else along
its geodesic. A space leg without a timed path has no ground position worth
giving. Copies of the flame on branches are reported beside the main line's.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import attrs
import pendulum

from ._along import point_at_time
from ._calendar import Calendar, RestDay
from ._convert import Choice
from ._geo import Coordinate, Place
from ._legs import Leg
from ._modes import FlameState
from ._time import to_instant, zone_name

__all__ = ["WhereStatus", "Whereabouts", "where"]


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
        return point_at_time(
            path.latitudes, path.longitudes, path.altitudes, path.altitude_reference, path.times, t
        )
    if leg.mode.in_space:
        return None
    return leg.point_at_fraction(fraction)


def _on_leg(
    leg: Leg, branch: str | None, instant: pendulum.DateTime, t: float, day: int | None
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
        branch=branch,
        position=_position_on(leg, t, fraction),
        flame=leg.flame,
        fraction=fraction,
        local_time=_local(instant, zone, leg.destination.timezone, zone_name(leg.departs)),
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


def where(
    at: dt.datetime,
    calendar: Calendar,
    main_line: Sequence[Leg],
    branches: Sequence[tuple[str, Sequence[Leg]]],
    rest_days: Sequence[RestDay],
) -> Whereabouts:
    """Where the flame was at *at*, on the main line, with its copies on the named branches."""
    instant = to_instant(at, name="at").in_tz("UTC")
    t = instant.timestamp()
    reference = calendar.zone_name
    date = calendar.date_of(instant)
    day = calendar.number_or_none(date)
    elsewhere = []
    for name, branch_legs in branches:
        i = _active(branch_legs, t)
        if i is not None:
            elsewhere.append(_on_leg(branch_legs[i], name, instant, t, day))
    extra = tuple(elsewhere)
    legs = [leg for leg in main_line if leg.departs is not None]
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
            local_time=_local(instant, legs[0].origin.timezone, reference),
            day=day,
            next_leg=upcoming,
            elsewhere=extra,
        )
    previous = max(before, key=lambda leg: leg.arrives.timestamp())  # type: ignore[union-attr]
    rest = next((r for r in rest_days if r.date == date), None)
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
        local_time=_local(instant, place.timezone, reference),
        day=day,
        rest_day=rest,
        next_leg=upcoming,
        elsewhere=extra,
    )
