"""A relay's legs as columns, built once per relay and shared by its sums and by validation.

Asking a relay of 14,000 legs for its distance, then its distance by mode, then
validating it, would measure every path three times if each asked the legs.
:func:`table_of` builds one :class:`LegTable` per relay (kept while the relay
lives) holding each leg's ends, times, mode, medium and distance as numpy
columns, and every path point in one set of :class:`Points` whose segments are
measured in a single GeographicLib call. :meth:`Relay.distance()
<torchrelay.Relay.distance>` and its siblings sum its columns; validation's
:class:`~torchrelay.validation.Context` reads the same table.
"""

from __future__ import annotations

import functools
import math
import weakref
from collections.abc import Hashable, Sequence
from typing import Protocol, TypeVar

import attrs
import numpy as np
import numpy.typing as npt

from ._geodesy import FloatArray, distances, segment_lengths
from ._legdistance import BASES, ON_PATH, CodeArray, ground_distance, leg_distance
from ._legs import Leg, LegStatus
from ._modes import Medium, TransportMode
from ._path import Path
from ._units import Distance, DistanceBasis, Speed

__all__ = ["Ends", "LegTable", "Lines", "Points", "table_of"]

K = TypeVar("K", bound=Hashable)
BoolArray = npt.NDArray[np.bool_]
IndexArray = npt.NDArray[np.intp]


class _Line(Protocol):
    @property
    def legs(self) -> tuple[Leg, ...]: ...


class Lines(Protocol):
    """What a table is built from: a main line of legs and branches with legs (a Relay)."""

    @property
    def legs(self) -> tuple[Leg, ...]: ...

    @property
    def branches(self) -> Sequence[_Line]: ...


@attrs.frozen
class Ends:
    """Where each leg starts and ends, as four named columns of degrees.

    Args:
        start_latitude: Each leg's first latitude.
        start_longitude: Each leg's first longitude.
        end_latitude: Each leg's last latitude.
        end_longitude: Each leg's last longitude.

    .. versionadded:: 0.1.0
    """

    start_latitude: FloatArray
    start_longitude: FloatArray
    end_latitude: FloatArray
    end_longitude: FloatArray

    def take(self, positions: Sequence[int] | IndexArray) -> Ends:
        """The rows of the legs at *positions*, in that order."""
        at = np.asarray(positions, dtype=np.intp)
        return Ends(
            self.start_latitude[at],
            self.start_longitude[at],
            self.end_latitude[at],
            self.end_longitude[at],
        )


class Points:
    """All path points of all legs as columns, with each leg's slice of them.

    Attributes:
        lat: Latitudes.
        lon: Longitudes.
        starts: Each leg's first point's index (legs without a path: size 0).
        sizes: Each leg's number of points.
        segments: Each point's geodesic distance to the next point of the same
            path, in metres; NaN for a path's last point.
        any_altitude: Whether any path has altitudes.
        any_time: Whether any path has times.

    .. versionadded:: 0.1.0
    """

    def __init__(self, paths: Sequence[Path | None]) -> None:
        """Gather *paths* (one a leg, ``None`` for a leg without one) and measure every segment."""
        self._paths = paths
        sizes = np.fromiter((0 if p is None else len(p) for p in paths), np.intp, len(paths))
        self.sizes: IndexArray = sizes
        self.starts: IndexArray = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.intp)
        present = [p for p in paths if p is not None]
        self.any_altitude = any(p.altitudes is not None for p in present)
        self.any_time = any(p.times is not None for p in present)
        lat = np.concatenate([p.latitudes for p in present]) if present else np.zeros(0)
        lon = np.concatenate([p.longitudes for p in present]) if present else np.zeros(0)
        segments = np.full(len(lat), np.nan)
        if len(lat):
            segments[:-1] = segment_lengths(lat, lon)
            segments[(self.starts + sizes - 1)[sizes > 0]] = np.nan
        self.lat: FloatArray = lat
        self.lon: FloatArray = lon
        self.segments: FloatArray = segments

    def _gather(self, column: str, *, present: bool) -> FloatArray:
        out = np.full(len(self.lat), np.nan)
        if not present:
            return out
        for k, path in enumerate(self._paths):
            values = None if path is None else getattr(path, column)
            if values is not None:
                out[self.starts[k] : self.starts[k] + self.sizes[k]] = values
        return out

    @functools.cached_property
    def alt(self) -> FloatArray:
        """Altitudes, NaN where unknown."""
        return self._gather("altitudes", present=self.any_altitude)

    @functools.cached_property
    def time(self) -> FloatArray:
        """POSIX seconds, NaN where unknown."""
        return self._gather("times", present=self.any_time)

    def leg_lengths(self) -> FloatArray:
        """Each leg's length along its path (0 for fewer than two points)."""
        seg = np.nan_to_num(self.segments, nan=0.0)
        csum = np.concatenate(([0.0], np.cumsum(seg)))
        last = np.maximum(self.starts + self.sizes - 1, self.starts)
        return np.where(self.sizes >= 2, csum[last] - csum[self.starts], 0.0)

    def owner(self) -> IndexArray:
        """The leg (its position) that each point belongs to."""
        return np.repeat(np.arange(len(self.sizes), dtype=np.intp), self.sizes)


def _sum(meters: FloatArray, codes: CodeArray) -> Distance | None:
    total = 0.0
    basis: DistanceBasis | None = None
    first = True
    for value, code in zip(meters.tolist(), codes.tolist(), strict=True):
        total += value
        b = BASES[code]
        if first:
            basis, first = b, False
        elif basis is not b:
            basis = DistanceBasis.MIXED
    return None if first else Distance(total, basis=basis)


def _groups(keys: Sequence[K], picked: BoolArray) -> dict[K, list[int]]:
    groups: dict[K, list[int]] = {}
    for i in np.flatnonzero(picked).tolist():
        groups.setdefault(keys[i], []).append(i)
    return groups


class LegTable:
    """Every leg of a relay, main line first then each branch's, as columns.

    Build it with :func:`table_of`, which keeps one a relay. Columns are
    computed when first read.
    """

    def __init__(self, relay: Lines) -> None:
        lines = [relay.legs, *(b.legs for b in relay.branches)]
        self.legs: tuple[Leg, ...] = tuple(leg for line in lines for leg in line)
        self.line: IndexArray = np.repeat(np.arange(len(lines)), [len(x) for x in lines])
        self.index: IndexArray = np.concatenate(
            [np.arange(len(x), dtype=np.intp) for x in lines]
        ).astype(np.intp)
        self.main: BoolArray = self.line == 0

    def __len__(self) -> int:
        return len(self.legs)

    @functools.cached_property
    def modes(self) -> tuple[TransportMode, ...]:
        """Each leg's mode."""
        return tuple(leg.mode for leg in self.legs)

    @functools.cached_property
    def media(self) -> tuple[Medium, ...]:
        """Each leg's medium."""
        return tuple(mode.medium for mode in self.modes)

    @functools.cached_property
    def in_space(self) -> BoolArray:
        """Whether each leg is in space (:attr:`TransportMode.in_space`)."""
        return np.fromiter((m.in_space for m in self.modes), np.bool_, len(self))

    @functools.cached_property
    def on_foot(self) -> BoolArray:
        """Whether each leg is carried on foot (:attr:`TransportMode.on_foot`)."""
        return np.fromiter((m.on_foot for m in self.modes), np.bool_, len(self))

    @functools.cached_property
    def cancelled(self) -> BoolArray:
        """Whether each leg was called off."""
        cancelled = LegStatus.CANCELLED
        return np.fromiter((leg.status is cancelled for leg in self.legs), np.bool_, len(self))

    @functools.cached_property
    def burning(self) -> BoolArray:
        """Whether each leg carries a burning flame: its state burns and it was not called off."""
        states = np.fromiter((leg.flame.burning for leg in self.legs), np.bool_, len(self))
        return states & ~self.cancelled

    @functools.cached_property
    def departs(self) -> FloatArray:
        """Each leg's departure in POSIX seconds; NaN for unscheduled legs."""
        return np.array(
            [math.nan if leg.departs is None else leg.departs.timestamp() for leg in self.legs],
            dtype=np.float64,
        )

    @functools.cached_property
    def arrives(self) -> FloatArray:
        """Each leg's arrival in POSIX seconds; NaN for unscheduled legs."""
        return np.array(
            [math.nan if leg.arrives is None else leg.arrives.timestamp() for leg in self.legs],
            dtype=np.float64,
        )

    @functools.cached_property
    def points(self) -> Points:
        """Every path point of every leg in one set of columns."""
        return Points([leg.path for leg in self.legs])

    @functools.cached_property
    def places(self) -> Ends:
        """Each leg's origin and destination."""
        rows = np.array(
            [
                (
                    leg.origin.coordinate.latitude,
                    leg.origin.coordinate.longitude,
                    leg.destination.coordinate.latitude,
                    leg.destination.coordinate.longitude,
                )
                for leg in self.legs
            ],
            dtype=np.float64,
        ).reshape(len(self), 4)
        return Ends(rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3])

    @functools.cached_property
    def ends(self) -> Ends:
        """Each leg's first and last point: of its path, else its origin and destination."""
        pts, places = self.points, self.places
        has = pts.sizes > 0
        first, last = pts.starts[has], (pts.starts + pts.sizes - 1)[has]
        start_lat, start_lon = places.start_latitude.copy(), places.start_longitude.copy()
        end_lat, end_lon = places.end_latitude.copy(), places.end_longitude.copy()
        start_lat[has], start_lon[has] = pts.lat[first], pts.lon[first]
        end_lat[has], end_lon[has] = pts.lat[last], pts.lon[last]
        return Ends(start_lat, start_lon, end_lat, end_lon)

    @functools.cached_property
    def _ground(self) -> tuple[FloatArray, CodeArray]:
        pts = self.points
        path_m = np.where(pts.sizes >= 2, pts.leg_lengths(), np.nan)
        straight = np.full(len(self), np.nan)
        need = np.flatnonzero(pts.sizes < 2)
        if len(need):
            p = self.places.take(need)
            straight[need] = distances(
                p.start_latitude, p.start_longitude, p.end_latitude, p.end_longitude
            )
        return ground_distance(path_m, straight)

    @property
    def ground_meters(self) -> FloatArray:
        """Each leg's length on the ground (:meth:`Leg.measured_distance`), in metres."""
        return self._ground[0]

    @property
    def on_path(self) -> BoolArray:
        """Whether each leg's ground length was measured along its path."""
        on_path: BoolArray = self._ground[1] == ON_PATH
        return on_path

    @functools.cached_property
    def _distance(self) -> tuple[FloatArray, CodeArray]:
        declared = np.array(
            [
                math.nan if leg.declared_distance is None else leg.declared_distance.meters
                for leg in self.legs
            ],
            dtype=np.float64,
        )
        return leg_distance(self.in_space, declared, *self._ground)

    @property
    def distance_meters(self) -> FloatArray:
        """Each leg's :meth:`Leg.distance` in metres; NaN where it has none."""
        return self._distance[0]

    @property
    def bases(self) -> tuple[DistanceBasis | None, ...]:
        """How each leg's distance was found: its :attr:`Distance.basis`."""
        return tuple(BASES[code] for code in self._distance[1].tolist())

    def _picked(self, *, branches: bool, include_space: bool) -> BoolArray:
        picked = ~np.isnan(self.distance_meters)
        if not branches:
            picked &= self.main
        if not include_space:
            picked &= ~self.in_space
        return picked

    def total(self, picked: BoolArray) -> Distance | None:
        """The sum of the picked legs' distances, with their shared basis; ``None`` for none."""
        meters, codes = self._distance
        return _sum(meters[picked], codes[picked])

    def distance(
        self,
        *,
        branches: bool = True,
        include_space: bool = False,
        only_space: bool = False,
        mask: BoolArray | None = None,
    ) -> Distance:
        """The legs' distances summed; space legs left out unless asked (or asked for alone)."""
        picked = self._picked(branches=branches, include_space=include_space or only_space)
        if only_space:
            picked &= self.in_space
        if mask is not None:
            picked &= mask
        result = self.total(picked)
        if result is None:
            return Distance(0.0, basis=DistanceBasis.DECLARED if only_space else None)
        return result

    def distance_by(
        self,
        keys: Sequence[K],
        *,
        branches: bool = True,
        include_space: bool = False,
        mask: BoolArray | None = None,
    ) -> dict[K, Distance]:
        """The legs' distances summed by their *keys* (one a leg of the table), in order of first appearance."""  # noqa: E501
        picked = self._picked(branches=branches, include_space=include_space)
        if mask is not None:
            picked &= mask
        meters, codes = self._distance
        result: dict[K, Distance] = {}
        for key, rows in _groups(keys, picked).items():
            total = _sum(meters[rows], codes[rows])
            if total is not None:
                result[key] = total
        return result

    @functools.cached_property
    def seconds(self) -> FloatArray:
        """Each leg's duration in seconds, arrival less departure; NaN for unscheduled legs."""
        return self.arrives - self.departs

    def duration_by(self, keys: Sequence[K], *, branches: bool = True) -> dict[K, float]:
        """The scheduled legs' durations in seconds, summed by *keys*, in order of first appearance."""  # noqa: E501
        picked = ~np.isnan(self.seconds)
        if not branches:
            picked &= self.main
        seconds = self.seconds
        return {key: _plain_sum(seconds[rows]) for key, rows in _groups(keys, picked).items()}

    def speed_by(self, keys: Sequence[K], *, branches: bool = True) -> dict[K, Speed]:
        """Average speeds by *keys*: distance over time of the legs that have both, space left out."""  # noqa: E501
        picked = self._picked(branches=branches, include_space=False) & ~np.isnan(self.seconds)
        meters, seconds = self.distance_meters, self.seconds
        result: dict[K, Speed] = {}
        for key, rows in _groups(keys, picked).items():
            time = _plain_sum(seconds[rows])
            if time > 0.0:
                result[key] = Speed(_plain_sum(meters[rows]) / time)
        return result


def _plain_sum(values: FloatArray) -> float:
    total = 0.0
    for value in values.tolist():
        total += value
    return total


_TABLES: dict[int, tuple[weakref.ref[Lines], LegTable]] = {}


def table_of(relay: Lines) -> LegTable:
    """The column view of *relay*, built on first use and kept while the relay lives.

    Relays are frozen, so the view never goes stale. It is keyed by identity,
    not equality: hashing a relay would cost as much as building the view.
    """
    key = id(relay)
    hit = _TABLES.get(key)
    if hit is not None and hit[0]() is relay:
        return hit[1]
    table = LegTable(relay)

    def forget(_: object, key: int = key) -> None:
        _TABLES.pop(key, None)

    _TABLES[key] = (weakref.ref(relay, forget), table)
    return table
