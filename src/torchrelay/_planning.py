"""Rough schedules for a relay that is still a plan.

Given where a relay starts and when, and an ordered list of stops with the
mode that reaches each and how long the flame stays there, :func:`plan_legs`
estimates every departure and arrival from typical cruising speeds
(:data:`CRUISING_SPEEDS_KMH`) over the geodesic between stops. The result is a
tuple of ordinary :class:`~torchrelay.Leg` objects marked
:attr:`TimePrecision.APPROXIMATE`, for a user to adjust with
:func:`attrs.evolve`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from ._convert import of_type, optional_id, to_tuple
from ._geo import Place
from ._legs import Leg
from ._modes import FlameState, TransportMode
from ._time import TimePrecision, to_instant
from .exceptions import InvalidValueError

__all__ = ["CRUISING_SPEEDS_KMH", "Stop", "plan_legs"]

# Typical average speeds over a whole leg, stops included, in km/h: a relay
# runner jogs about 10 km/h for a few hundred metres; the icebreaker 50 Let
# Pobedy averaged 15.3 kn (28 km/h) to the North Pole; an airliner's block speed
# over a domestic flight is nearer 700 km/h than its cruise of 900. Each value
# lies inside the mode's plausible range in MODE_TABLE (a test checks). Space
# modes and the catch-all modes have none: give their legs a duration.
_SPEEDS: dict[TransportMode, float | None] = {
    TransportMode.WALKING: 5.0,
    TransportMode.RUNNING: 10.0,
    TransportMode.CANICROSS: 12.0,
    TransportMode.HORSE: 12.0,
    TransportMode.TROIKA: 15.0,
    TransportMode.REINDEER_SLEIGH: 12.0,
    TransportMode.DOG_SLED: 15.0,
    TransportMode.CAMEL: 6.0,
    TransportMode.SNOWMOBILE: 40.0,
    TransportMode.BICYCLE: 20.0,
    TransportMode.SKIS: 10.0,
    TransportMode.ROLLER_SKIS: 15.0,
    TransportMode.SNOWBOARD: 20.0,
    TransportMode.CLIMBING: 1.0,
    TransportMode.CAR: 60.0,
    TransportMode.BUS: 50.0,
    TransportMode.ALL_TERRAIN_VEHICLE: 25.0,
    TransportMode.TRAIN: 80.0,
    TransportMode.PLANE: 700.0,
    TransportMode.HELICOPTER: 200.0,
    TransportMode.BOAT: 30.0,
    TransportMode.SHIP: 30.0,
    TransportMode.ICEBREAKER: 28.0,
    TransportMode.DIVING: 1.0,
    TransportMode.JETPACK: 30.0,
    TransportMode.BALLOON: 20.0,
    TransportMode.CABLE_CAR: 15.0,
    TransportMode.FUNICULAR: 10.0,
    TransportMode.SPACECRAFT: None,
    TransportMode.SPACEWALK: None,
    TransportMode.OTHER: None,
    TransportMode.UNKNOWN: None,
}
CRUISING_SPEEDS_KMH: Mapping[TransportMode, float | None] = MappingProxyType(_SPEEDS)
"""A typical average speed for each :class:`TransportMode` in km/h, or ``None``.

Used by :func:`plan_legs` to estimate how long a leg takes; ``None`` where no
typical speed means anything (spacecraft, spacewalks, other and unknown modes).

.. versionadded:: 0.1.0
"""


def _timedelta(value: object) -> dt.timedelta:
    if not isinstance(value, dt.timedelta):
        msg = f"must be a timedelta (got {type(value).__name__}: {value!r})"
        raise InvalidValueError(msg)
    return value


def _check_not_negative(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, dt.timedelta) and value < dt.timedelta(0):
        msg = f"'{attribute.name}' must not be negative (got {value})"
        raise InvalidValueError(msg)


def _check_speed(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"'speed_kmh' must be a number (got {value!r})"
        raise InvalidValueError(msg)
    if not (math.isfinite(value) and value > 0.0):
        msg = f"'speed_kmh' must be a positive finite number (got {value!r})"
        raise InvalidValueError(msg)


@attrs.frozen
class Stop:
    """One stop of a planned relay: where, reached how, and how long the flame stays.

    Args:
        place: Where the leg to this stop ends.
        mode: How the flame travels to this stop.
        dwell: How long the flame stays here before the next leg departs.
        flame: What carries the flame on the way; by default a lit torch where
            an open flame can travel this way, else a lantern (an unlit torch
            in space).
        duration: How long the leg takes, overriding the estimate; needed for
            modes without a cruising speed.
        speed_kmh: The average speed to estimate with, overriding
            :data:`CRUISING_SPEEDS_KMH`.
        id: The id to give the leg.

    .. versionadded:: 0.1.0
    """

    place: Place = attrs.field(validator=of_type(Place))
    mode: TransportMode = attrs.field(converter=TransportMode)
    dwell: dt.timedelta = attrs.field(
        default=dt.timedelta(0), converter=_timedelta, validator=_check_not_negative, kw_only=True
    )
    flame: FlameState | None = attrs.field(
        default=None, converter=attrs.converters.optional(FlameState), kw_only=True
    )
    duration: dt.timedelta | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(_timedelta),
        validator=_check_not_negative,
        kw_only=True,
    )
    speed_kmh: float | None = attrs.field(default=None, validator=_check_speed, kw_only=True)
    id: str | None = attrs.field(default=None, validator=optional_id, kw_only=True)


def _default_flame(mode: TransportMode) -> FlameState:
    if mode in (TransportMode.SPACECRAFT, TransportMode.SPACEWALK):
        return FlameState.UNLIT
    return FlameState.LIT_TORCH if mode.open_flame else FlameState.LANTERN


def plan_legs(origin: Place, departs: dt.datetime, stops: Sequence[Stop] | Stop) -> tuple[Leg, ...]:
    """Estimate a schedule: one leg to each stop, timed from typical speeds.

    Each leg departs when the flame's stay at the previous stop ends, and takes
    the geodesic distance between the places at the stop's speed (or its given
    duration). Departures are shown in the origin's zone and arrivals in the
    destination's, as each zone was on the date; places without a zone use UTC.

    >>> moscow = Place("Moscow", Coordinate(55.7539, 37.6208), timezone="Europe/Moscow")
    >>> tver = Place("Tver", Coordinate(56.8587, 35.9176), timezone="Europe/Moscow")
    >>> start = local_datetime(2013, 10, 7, 9, tz="Europe/Moscow")
    >>> (leg,) = plan_legs(moscow, start, [Stop(tver, TransportMode.CAR)])
    >>> leg.arrives.isoformat(timespec="minutes"), leg.precision.value
    ('2013-10-07T11:42+04:00', 'approximate')

    Args:
        origin: Where the first leg departs.
        departs: When it departs, timezone-aware.
        stops: The stops in order.

    Returns:
        One :class:`Leg` a stop, with :attr:`TimePrecision.APPROXIMATE`.

    Raises:
        NaiveDatetimeError: If *departs* has no zone.
        InvalidValueError: If a stop's mode has no cruising speed and the stop
            gives neither a speed nor a duration.

    .. versionadded:: 0.1.0
    """
    clock = to_instant(departs, name="departs")
    here = origin
    legs = []
    for i, stop in enumerate(to_tuple([stops] if isinstance(stops, Stop) else stops)):
        if not isinstance(stop, Stop):
            msg = f"'stops[{i}]' must be a Stop (got {type(stop).__name__}: {stop!r})"
            raise InvalidValueError(msg)
        probe = Leg(here, stop.place, None, None, stop.mode, FlameState.LANTERN)
        duration = stop.duration
        if duration is None:
            speed = stop.speed_kmh if stop.speed_kmh is not None else _SPEEDS[stop.mode]
            if speed is None:
                msg = (
                    f"'stops[{i}]': {stop.mode.value} has no typical speed; "
                    "give the stop a 'duration' or a 'speed_kmh'"
                )
                raise InvalidValueError(msg)
            hours = probe.measured_distance().km / speed
            duration = dt.timedelta(seconds=round(hours * 3600.0))
        start = clock.in_tz(here.timezone or "UTC")
        # Arithmetic in UTC: adding to a wall clock inside a DST fold lands an hour off.
        end = (start.in_tz("UTC") + duration).in_tz(stop.place.timezone or "UTC")
        legs.append(
            Leg(
                here,
                stop.place,
                start,
                end,
                stop.mode,
                stop.flame if stop.flame is not None else _default_flame(stop.mode),
                id=stop.id,
                precision=TimePrecision.APPROXIMATE,
            )
        )
        clock = (end.in_tz("UTC") + stop.dwell).in_tz(end.timezone_name or "UTC")
        here = stop.place
    return tuple(legs)
