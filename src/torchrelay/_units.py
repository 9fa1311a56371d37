"""Units: lengths, speeds and durations, and every constant that converts between them.

A figure in the public API is a :class:`Distance` or a :class:`Speed`, or says
its unit in its name (``tolerance_km``, ``max_speed_kmh``, ``time_tolerance_s``).
Both classes hold SI units (metres, metres a second) and convert on the way in
and out; the constants below are the only conversion factors in the package.
Durations are instants subtracted: :func:`seconds_between` gives the seconds
from one aware instant to another, whatever zones they were written in.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pendulum

from ._convert import Choice, finite_number, non_negative
from .exceptions import InvalidTypeError

__all__ = [
    "KMH_PER_MPS",
    "METERS_PER_KM",
    "METERS_PER_MILE",
    "METERS_PER_NAUTICAL_MILE",
    "MPS_PER_KNOT",
    "MPS_PER_MPH",
    "SECONDS_PER_HOUR",
    "Distance",
    "DistanceBasis",
    "Speed",
    "as_duration",
    "meters_of",
    "seconds_between",
]

METERS_PER_KM = 1000.0
METERS_PER_MILE = 1609.344
"""The international mile (1959)."""
METERS_PER_NAUTICAL_MILE = 1852.0
"""The international nautical mile (1929)."""
SECONDS_PER_HOUR = 3600.0
KMH_PER_MPS = 3.6
"""Kilometres an hour in one metre a second."""
MPS_PER_KNOT = METERS_PER_NAUTICAL_MILE / SECONDS_PER_HOUR
MPS_PER_MPH = METERS_PER_MILE / SECONDS_PER_HOUR


# -- Durations ------------------------------------------------------------------------


def seconds_between(start: dt.datetime | None, end: dt.datetime | None) -> float | None:
    """The seconds from *start* to *end*, two aware instants; ``None`` if either is missing.

    Through POSIX timestamps, so that the difference is between instants, not
    wall clocks (inside a daylight-saving fold the wall clock runs backwards).
    """
    if start is None or end is None:
        return None
    return end.timestamp() - start.timestamp()


def as_duration(delta: dt.timedelta) -> pendulum.Duration:
    """A :class:`datetime.timedelta` as a :class:`pendulum.Duration` of the same length."""
    return pendulum.duration(
        days=delta.days, seconds=delta.seconds, microseconds=delta.microseconds
    )


# -- Distances --------------------------------------------------------------------------


class DistanceBasis(Choice):
    """Where a distance figure comes from.

    .. versionadded:: 0.1.0
    """

    PATH = "path"
    """Measured along a leg's path, point to point."""
    STRAIGHT_LINE = "straight_line"
    """Measured along the geodesic between a leg's ends: a lower bound of the route."""
    DECLARED = "declared"
    """Given by a source, not measured."""
    MIXED = "mixed"
    """A sum of figures with different bases."""


def _combine_basis(a: DistanceBasis | None, b: DistanceBasis | None) -> DistanceBasis | None:
    if a is b:
        return a
    return DistanceBasis.MIXED


def _to_meters(value: float) -> float:
    return non_negative("meters", value)


@attrs.frozen(order=True, repr=False)
class Distance:
    """A length, held in metres, with where it comes from.

    Distances add and compare; their repr shows every digit of the metres,
    and ``str`` rounds to kilometres:

    >>> Distance.from_km(2) + Distance(500.25)
    Distance(2500.25 m)
    >>> str(Distance(1234.5678)), repr(Distance(1234.5678))
    ('1.2 km', 'Distance(1234.5678 m)')
    >>> Distance.from_nautical_miles(1395).km > 2500
    True

    The :attr:`basis` says how a figure was obtained. It takes no part in
    equality or ordering, which compare metres; a sum keeps a basis its parts
    share and is :attr:`DistanceBasis.MIXED` otherwise:

    >>> a = Distance(100, basis=DistanceBasis.PATH)
    >>> a == Distance(100), (a + Distance(5, basis=DistanceBasis.DECLARED)).basis
    (True, <DistanceBasis.MIXED: 'mixed'>)

    Args:
        meters: The length in metres; not negative.
        basis: Where the figure comes from; ``None`` where not stated.

    .. versionadded:: 0.1.0
    """

    meters: float = attrs.field(converter=_to_meters)
    basis: DistanceBasis | None = attrs.field(
        default=None,
        kw_only=True,
        eq=False,
        order=False,
        converter=attrs.converters.optional(DistanceBasis),
    )

    @classmethod
    def from_km(cls, km: float, *, basis: DistanceBasis | None = None) -> Distance:
        """A distance given in kilometres."""
        return cls(finite_number("km", km) * METERS_PER_KM, basis=basis)

    @classmethod
    def from_miles(cls, miles: float, *, basis: DistanceBasis | None = None) -> Distance:
        """A distance given in international miles."""
        return cls(finite_number("miles", miles) * METERS_PER_MILE, basis=basis)

    @classmethod
    def from_nautical_miles(
        cls, nautical_miles: float, *, basis: DistanceBasis | None = None
    ) -> Distance:
        """A distance given in nautical miles."""
        return cls(
            finite_number("nautical_miles", nautical_miles) * METERS_PER_NAUTICAL_MILE, basis=basis
        )

    @property
    def km(self) -> float:
        """The length in kilometres."""
        return self.meters / METERS_PER_KM

    @property
    def miles(self) -> float:
        """The length in international miles."""
        return self.meters / METERS_PER_MILE

    @property
    def nautical_miles(self) -> float:
        """The length in nautical miles."""
        return self.meters / METERS_PER_NAUTICAL_MILE

    def __add__(self, other: object) -> Distance:
        if not isinstance(other, Distance):
            return NotImplemented
        return Distance(self.meters + other.meters, basis=_combine_basis(self.basis, other.basis))

    def __radd__(self, other: object) -> Distance:
        # Lets sum() start from its default 0.
        if other == 0:
            return self
        return NotImplemented

    def __repr__(self) -> str:
        # Every digit of the metres, so that a repr shows the exact value;
        # str() rounds for reading.
        basis = "" if self.basis is None else f", {self.basis.value}"
        meters = repr(self.meters).removesuffix(".0")
        return f"Distance({meters} m{basis})"

    def __str__(self) -> str:
        if self.meters < METERS_PER_KM:
            return f"{self.meters:,.0f} m"
        return f"{self.km:,.1f} km"


def meters_of(name: str, value: Distance | float) -> float:
    """A length given as a :class:`Distance` or as metres, in metres, checked."""
    if isinstance(value, Distance):
        return value.meters
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"'{name}' must be a Distance or metres (got {value!r})"
        raise InvalidTypeError(msg)
    return non_negative(name, value)


# -- Speeds ---------------------------------------------------------------------------------


def _to_mps(value: float) -> float:
    return non_negative("meters_per_second", value)


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
        return cls(finite_number("kmh", kmh) / KMH_PER_MPS)

    @classmethod
    def from_knots(cls, knots: float) -> Speed:
        """A speed given in knots (nautical miles an hour)."""
        return cls(finite_number("knots", knots) * MPS_PER_KNOT)

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
        return self.meters_per_second * KMH_PER_MPS

    @property
    def knots(self) -> float:
        """The speed in knots."""
        return self.meters_per_second / MPS_PER_KNOT

    @property
    def mph(self) -> float:
        """The speed in international miles an hour."""
        return self.meters_per_second / MPS_PER_MPH

    def __repr__(self) -> str:
        return f"Speed({self.kmh:.3g} km/h)" if self.kmh < 1000 else f"Speed({self.kmh:,.0f} km/h)"

    def __str__(self) -> str:
        return f"{self.kmh:,.1f} km/h"
