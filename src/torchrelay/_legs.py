"""A leg: the flame's journey from one place to the next by one mode."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs
import numpy as np
import pendulum

from ._along import check_fraction, line_point
from ._bounds import BoundingBox, columns_box
from ._claims import Source
from ._convert import Choice, of_type, optional_id, optional_text, to_tuple, tuple_of
from ._extras import Extras, to_extras
from ._geo import AltitudeReference, Coordinate, Place
from ._geodesy import FloatArray, point_at_fraction
from ._geodesy import distance as _geodesic
from ._geometry import leg_feature
from ._legdistance import distance_of, ground_distance, leg_distance
from ._measure import Bearing, Displacement, bearing, displacement, vertical_rise
from ._modes import FlameSource, FlameState, TransportMode
from ._path import Path
from ._people import Torchbearer
from ._time import TimePrecision, instant_key, to_instant, utc
from ._units import Distance, DistanceBasis, Speed, as_duration, seconds_between
from .exceptions import TimeOrderError

__all__ = ["Leg", "LegStatus", "Relight", "tuple_of"]


def _at(value: dt.datetime | None) -> pendulum.DateTime | None:
    return None if value is None else to_instant(value, name="at")


def _departs(value: dt.datetime | None) -> pendulum.DateTime | None:
    return None if value is None else to_instant(value, name="departs")


def _arrives(value: dt.datetime | None) -> pendulum.DateTime | None:
    return None if value is None else to_instant(value, name="arrives")


class LegStatus(Choice):
    """Whether a leg ran: planned, held, or cancelled.

    A cancelled stage (Paris 2024's in New Caledonia) stays in the relay,
    marked, so that its plan is not lost; validation leaves cancelled legs out
    of continuity and flame custody.

    .. versionadded:: 0.1.0
    """

    PLANNED = "planned"
    """Scheduled and not (yet) known to have run: a plan, or a relay under way."""
    HELD = "held"
    """It ran (the default)."""
    CANCELLED = "cancelled"
    """Planned, then called off."""


@attrs.frozen
class Relight:
    """A moment when the flame went out and was lit again.

    Args:
        source: What the flame was relit from: a lantern copy keeps it Olympic,
            a lighter does not.
        at: When it was relit, if a source says.
        note: What happened, briefly.

    >>> Relight(FlameSource.LIGHTER, note="relit by a guard").source.olympic
    False

    .. versionadded:: 0.1.0
    """

    source: FlameSource = attrs.field(converter=FlameSource)
    at: pendulum.DateTime | None = attrs.field(
        default=None, converter=_at, eq=instant_key, kw_only=True
    )
    note: str | None = attrs.field(default=None, validator=optional_text, kw_only=True)


@attrs.frozen
class Leg:
    """The flame's journey from one place to the next, by one mode, in one state.

    A leg is scheduled (both :attr:`departs` and :attr:`arrives` are aware
    datetimes, kept as :class:`pendulum.DateTime` in their own zones) or
    unscheduled (both ``None``: a plan, or an import without times). Its
    geometry, a :class:`Path`, is optional: flights have none.

    The constructor refuses what is meaningless: a naive time, one time without
    the other, an arrival before the departure. What is merely implausible, a
    runner at 300 km/h, is left to :func:`torchrelay.validate`.

    Args:
        origin: Where the leg starts.
        destination: Where it ends.
        departs: When it starts, timezone-aware; stdlib datetimes are converted.
        arrives: When it ends, timezone-aware, not before *departs*.
        mode: How the flame travels.
        flame: What carries the flame.
        torchbearers: Who carried it, in order.
        path: The route's geometry, if known.
        declared_distance: The length a source gives, kept beside any measured one.
        id: A stable identifier, unique in a relay, that branches and
            validation findings refer to.
        precision: How precisely the sources give the times.
        lit_from: Where this leg's flame came from; usually the leg before.
        relights: Each time the flame went out on this leg and was relit.
        name: A title for the leg, such as "Day 1: Moscow".
        sources: Where the leg's facts come from.
        status: Whether the leg was planned, held or cancelled.
        extras: What a format holds about the leg that the model has no
            field for, by namespaced key.

    Raises:
        NaiveDatetimeError: If a time has no zone.
        TimeOrderError: If only one time is given, or *arrives* is before *departs*.

    >>> import pendulum
    >>> moscow = Place("Moscow", Coordinate(55.7539, 37.6208), timezone="Europe/Moscow")
    >>> leg = Leg(moscow, moscow, pendulum.datetime(2013, 10, 7, 12, tz="Europe/Moscow"),
    ...           pendulum.datetime(2013, 10, 7, 20, tz="Europe/Moscow"),
    ...           TransportMode.RUNNING, FlameState.LIT_TORCH, id="day-001")
    >>> leg.duration().in_hours()
    8

    .. versionadded:: 0.1.0
    """

    origin: Place = attrs.field(validator=of_type(Place))
    destination: Place = attrs.field(validator=of_type(Place))
    departs: pendulum.DateTime | None = attrs.field(converter=_departs, eq=instant_key)
    arrives: pendulum.DateTime | None = attrs.field(converter=_arrives, eq=instant_key)
    mode: TransportMode = attrs.field(converter=TransportMode)
    flame: FlameState = attrs.field(converter=FlameState)
    torchbearers: tuple[Torchbearer, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Torchbearer), kw_only=True
    )
    path: Path | None = attrs.field(
        default=None, validator=of_type(Path, optional=True), kw_only=True
    )
    declared_distance: Distance | None = attrs.field(
        default=None,
        validator=of_type(Distance, optional=True),
        kw_only=True,
    )
    id: str | None = attrs.field(default=None, validator=optional_id, kw_only=True)
    precision: TimePrecision = attrs.field(
        default=TimePrecision.EXACT, converter=TimePrecision, kw_only=True
    )
    lit_from: FlameSource = attrs.field(
        default=FlameSource.PREVIOUS, converter=FlameSource, kw_only=True
    )
    relights: tuple[Relight, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Relight), kw_only=True
    )
    name: str | None = attrs.field(default=None, validator=optional_text, kw_only=True)
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Source), kw_only=True
    )
    status: LegStatus = attrs.field(default=LegStatus.HELD, converter=LegStatus, kw_only=True)
    extras: Extras = attrs.field(factory=Extras, converter=to_extras, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if (self.departs is None) != (self.arrives is None):
            given, missing = (
                ("departs", "arrives") if self.arrives is None else ("arrives", "departs")
            )
            msg = (
                f"'{given}' is set but '{missing}' is not: "
                "a leg has both times or neither (an unscheduled leg)"
            )
            raise TimeOrderError(msg)
        # Instants, not wall clocks: inside a DST fold 01:15 PST comes after 01:30 PDT.
        if (
            self.departs is not None
            and self.arrives is not None
            and utc(self.arrives) < utc(self.departs)
        ):
            msg = (
                f"'arrives' must not be before 'departs' "
                f"(got departs={self.departs.isoformat()}, arrives={self.arrives.isoformat()})"
            )
            raise TimeOrderError(msg)

    @property
    def scheduled(self) -> bool:
        """Whether the leg has times."""
        return self.departs is not None

    def duration(self) -> pendulum.Duration | None:
        """How long the leg took; ``None`` for an unscheduled leg.

        .. versionadded:: 0.1.0
        """
        if self.departs is None or self.arrives is None:
            return None
        return as_duration(utc(self.arrives) - utc(self.departs))

    def line(self) -> tuple[Coordinate, ...]:
        """The leg's geometry as coordinates: its path, or else origin and destination.

        .. versionadded:: 0.1.0
        """
        if self.path is not None:
            return tuple(self.path)
        return (self.origin.coordinate, self.destination.coordinate)

    def measured_distance(self) -> Distance:
        """The leg's length measured on the WGS84 ellipsoid, whatever a source declares.

        Along the :attr:`path` where there is one (basis
        :attr:`DistanceBasis.PATH`), else the geodesic between origin and
        destination (:attr:`DistanceBasis.STRAIGHT_LINE`). Altitude is ignored:
        see :meth:`displacement`. A :attr:`declared_distance` that disagrees is
        kept beside this, not overwritten.

        .. versionadded:: 0.1.0
        """
        meters, code = self._ground()
        result = distance_of(float(meters[0]), int(code[0]))
        assert result is not None  # a measured length always exists
        return result

    def _ground(self) -> tuple[FloatArray, np.ndarray]:
        path = self.path
        path_m = path.length().meters if path is not None and len(path) >= 2 else math.nan
        straight = math.nan
        if math.isnan(path_m):
            a, b = self.origin.coordinate, self.destination.coordinate
            straight = _geodesic(a.latitude, a.longitude, b.latitude, b.longitude)
        return ground_distance(np.array([path_m]), np.array([straight]))

    def distance(self) -> Distance | None:
        """The leg's distance, saying in :attr:`Distance.basis` where it comes from.

        For ground, water and air legs, :meth:`measured_distance`. A space leg
        (:attr:`Medium.SPACE`) has no meaningful ground distance, so its
        distance is its :attr:`declared_distance` (basis
        :attr:`DistanceBasis.DECLARED`), or ``None`` where none is declared.

        .. versionadded:: 0.1.0
        """
        declared = self.declared_distance
        meters, code = leg_distance(
            np.array([self.mode.in_space]),
            np.array([math.nan if declared is None else declared.meters]),
            *self._ground(),
        )
        return distance_of(float(meters[0]), int(code[0]))

    def displacement(self, *, strict: bool = False) -> Displacement:
        """The leg's horizontal, vertical and 3D extent, reported apart.

        Args:
            strict: Raise, rather than give a vertical of ``None``, when the
                two ends' altitudes have different references.

        Raises:
            IncompatibleAltitudeError: If *strict* and the references differ.

        .. versionadded:: 0.1.0
        """
        path = self.path
        a, b = self.origin.coordinate, self.destination.coordinate
        if path is None or len(path) < 2:
            return displacement(a, b, strict=strict)
        alts, ref = path.altitudes, path.altitude_reference
        first = None if alts is None or math.isnan(alts[0]) else float(alts[0])
        last = None if alts is None or math.isnan(alts[-1]) else float(alts[-1])
        if first is not None and last is not None:
            vertical, reason = vertical_rise(first, ref, last, ref, strict=strict)
        else:
            vertical, reason = vertical_rise(
                a.altitude, a.altitude_reference, b.altitude, b.altitude_reference, strict=strict
            )
        length = None
        if vertical is not None:
            if alts is not None and not np.isnan(alts).any():
                seg = path.segment_lengths()
                meters = float(np.hypot(seg, np.diff(alts)).sum())
                length = Distance(meters, basis=DistanceBasis.PATH)
            else:
                reason = "the path has points without altitude, so its 3D length is unknown"
        return Displacement(path.length(), vertical, length, reason=reason)

    def speed(self) -> Speed | None:
        """The average speed over :meth:`distance` and :meth:`duration`.

        ``None`` for an unscheduled leg, a leg of no duration, or a space leg
        without a declared distance.

        .. versionadded:: 0.1.0
        """
        seconds = seconds_between(self.departs, self.arrives)
        if seconds is None or seconds <= 0.0:
            return None
        distance = self.distance()
        return None if distance is None else Speed(distance.meters / seconds)

    def bearing(self) -> Bearing:
        """The initial and final bearings of the geodesic from origin to destination.

        .. versionadded:: 0.1.0
        """
        return bearing(self.origin.coordinate, self.destination.coordinate)

    def bounds(self) -> BoundingBox:
        """The smallest box around the leg's path, or its geodesic without one.

        .. versionadded:: 0.1.0
        """
        lats, lons, _, _ = self._columns()
        return columns_box(lats, lons, line=True)

    def _columns(self) -> tuple[FloatArray, FloatArray, FloatArray | None, AltitudeReference]:
        """The leg's line as columns: its path's, or its origin's and destination's."""
        if self.path is not None:
            p = self.path
            return p.latitudes, p.longitudes, p.altitudes, p.altitude_reference
        a, b = self.origin.coordinate, self.destination.coordinate
        ref = a.altitude_reference
        alts = None
        if a.altitude is not None and b.altitude is not None and ref is b.altitude_reference:
            alts = np.array([a.altitude, b.altitude])
        return np.array([a.latitude, b.latitude]), np.array([a.longitude, b.longitude]), alts, ref

    def point_at_fraction(self, fraction: float) -> Coordinate:
        """The point *fraction* (0 to 1) of the way along the leg, by geodesic length.

        Raises:
            InvalidValueError: For a fraction outside [0, 1].

        .. versionadded:: 0.1.0
        """
        lats, lons, alts, ref = self._columns()
        lat, lon, i, along = point_at_fraction(lats, lons, check_fraction(fraction))
        return line_point(alts, ref, lat, lon, i, along)

    def _properties(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "origin": self.origin.name,
            "destination": self.destination.name,
            "departs": None if self.departs is None else self.departs.isoformat(),
            "arrives": None if self.arrives is None else self.arrives.isoformat(),
            "mode": self.mode.value,
            "flame": self.flame.value,
            "torchbearers": len(self.torchbearers),
        }

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The leg as a GeoJSON-like Feature, for shapely, GeoPandas and friends.

        The geometry is a LineString in longitude, latitude order: the path, or
        without one the geodesic from origin to destination, densified so that
        no straight chord strays more than 100 m from it. It is cut into a
        MultiLineString where it crosses the antimeridian. A leg that stays at
        one position (a stage within a city, a path of one point) is a Point,
        since a LineString of one repeated position has no extent and
        GEOS-based tools call it invalid. The GeoJSON format draws the same.

        .. versionadded:: 0.1.0
        """
        p, o, d = self.path, self.origin.coordinate, self.destination.coordinate
        columns = (
            (p.latitudes, p.longitudes, p.altitudes, p.altitude_reference.value) if p else None
        )
        ends = (o.latitude, o.longitude, d.latitude, d.longitude)
        return leg_feature(columns, ends, self._properties(), id=self.id)
