"""The numbers validation judges by, which organisers and users may change."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from .._convert import non_negative
from .._modes import Medium
from ..exceptions import InvalidValueError

__all__ = ["Policy"]


def _whole_number(instance: Any, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 200:
        msg = f"'{attribute.name}' must be a whole number from 0 to 200 (got {value!r})"
        raise InvalidValueError(msg)


def _non_negative(instance: Any, attribute: attrs.Attribute[Any], value: float) -> None:
    non_negative(attribute.name, value, infinite=True)


def _tolerances(value: Mapping[Medium, float] | None) -> Mapping[Medium, float]:
    merged = dict(_DEFAULT_TOLERANCE_KM)
    for key, km in (value or {}).items():
        medium = Medium(key)
        merged[medium] = non_negative(f"continuity_tolerance_km[{medium.value}]", km, infinite=True)
    return MappingProxyType(merged)


def _dates(value: tuple[dt.date, dt.date] | None) -> tuple[dt.date, dt.date] | None:
    if value is None:
        return None
    first, last = value
    if last < first:
        msg = f"'dates' must run forwards (got {first.isoformat()} to {last.isoformat()})"
        raise InvalidValueError(msg)
    return (first, last)


# Airports lie tens of kilometres outside the cities they serve (Vnukovo is
# 28 km from Red Square); a runner's stage starts a street or two from where
# the convoy stopped. Space legs have no meaningful ground position.
_DEFAULT_TOLERANCE_KM: dict[Medium, float] = {
    Medium.GROUND: 5.0,
    Medium.WATER: 20.0,
    Medium.UNDERWATER: 5.0,
    Medium.AIR: 60.0,
    Medium.SPACE: math.inf,
}


@attrs.frozen
class Policy:
    """The thresholds that validation rules read.

    Every field has a default with its reason; change them with
    :func:`attrs.evolve` or keyword arguments:

    >>> Policy(min_torchbearer_age=16).min_torchbearer_age
    16

    Args:
        min_torchbearer_age: The youngest a torchbearer may be on the day.
            Sochi 2014 took applicants "over 14 years of age".
        continuity_tolerance_km: How far apart, by medium, the end of one leg
            and the start of the next may be; the larger of the two legs'
            values applies. Media not given keep their defaults: ground 5 km,
            water 20 km, under water 5 km, air 60 km (airports lie outside
            cities), space unlimited.
        time_tolerance_s: How much two times may overlap, or a point's time
            fall outside its leg, before it counts: clocks disagree by seconds.
        max_time_gap_h: Gaps between consecutive legs longer than this are
            reported (as information: the flame rests in a lantern overnight).
        declared_distance_tolerance: How far, as a fraction, a declared
            distance may be from the measured one. Against a straight line,
            only a declared distance shorter than the straight line is wrong.
        orbital_speed_kmh: The speed of a low Earth orbit (about 7.9 km/s);
            nothing that is not a spacecraft goes this fast.
        max_ground_altitude_m: The highest a leg on the ground or on water can
            be: just above Everest's summit (8,849 m).
        max_air_altitude_m: The highest a leg in the air can be: above the
            record for a crewed balloon (41 km), below space.
        max_dive_depth_m: The deepest a diver can carry a flare: the record for
            a scuba dive is about 332 m.
        surface_tolerance_m: How far above a water surface a point under water
            may be given, for rounding.
        dates: The first and last day of the relay in its reference zone;
            ``None`` takes the main line's span.
        path_place_tolerance_km: How far a leg's path may start from its
            origin, or end from its destination: 50 km, enough for a track
            that starts when a device is switched on, not for another city's.

    .. versionadded:: 0.1.0
    """

    min_torchbearer_age: int = attrs.field(default=14, validator=_whole_number, kw_only=True)
    continuity_tolerance_km: Mapping[Medium, float] = attrs.field(
        factory=dict, converter=_tolerances, hash=False, kw_only=True
    )
    time_tolerance_s: float = attrs.field(default=60.0, validator=_non_negative, kw_only=True)
    max_time_gap_h: float = attrs.field(default=24.0, validator=_non_negative, kw_only=True)
    declared_distance_tolerance: float = attrs.field(
        default=0.5, validator=_non_negative, kw_only=True
    )
    orbital_speed_kmh: float = attrs.field(default=28_440.0, validator=_non_negative, kw_only=True)
    max_ground_altitude_m: float = attrs.field(
        default=8_900.0, validator=_non_negative, kw_only=True
    )
    max_air_altitude_m: float = attrs.field(default=50_000.0, validator=_non_negative, kw_only=True)
    max_dive_depth_m: float = attrs.field(default=350.0, validator=_non_negative, kw_only=True)
    surface_tolerance_m: float = attrs.field(default=1.0, validator=_non_negative, kw_only=True)
    dates: tuple[dt.date, dt.date] | None = attrs.field(
        default=None, converter=_dates, kw_only=True
    )
    path_place_tolerance_km: float = attrs.field(
        default=50.0, validator=_non_negative, kw_only=True
    )

    def tolerance_km(self, *media: Medium) -> float:
        """The continuity tolerance between legs in these media: the largest of theirs.

        .. versionadded:: 0.1.0
        """
        return max(self.continuity_tolerance_km[m] for m in media)
