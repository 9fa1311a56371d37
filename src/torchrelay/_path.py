"""The geometry of a leg: a compact track of points with optional times.

Real GPS tracks have millions of points, and an attrs object a point would cost
5.6 µs and over 100 bytes, so a :class:`Path` keeps read-only numpy columns
(latitude, longitude, altitude, POSIX time, the UTC offset each time was
written with) and hands out :class:`~torchrelay.Coordinate` objects on demand.
Points may lack a time, a path may break into segments (GPX ``trkseg``), and
it may carry per-point values such as heart rate.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

import attrs
import numpy as np
import numpy.typing as npt
import pendulum

from ._along import check_fraction, line_point
from ._bounds import BoundingBox, columns_box
from ._columns import (
    NO_OFFSET,
    Columns,
    FloatArray,
    OffsetArray,
    checked_lonlat,
    columns_equal,
    first_bad,
    float_column,
    offsets_column,
    read_only,
    segment_starts_of,
    times_and_offsets,
)
from ._geo import AltitudeReference, Coordinate
from ._geodesy import line_length, point_at_distance, point_at_fraction
from ._geodesy import segment_lengths as _segment_lengths
from ._geometry import heights, line
from ._time import check_timezone, optional_timezone, zone_name
from ._units import Distance, DistanceBasis, meters_of
from .exceptions import InvalidValueError

__all__ = ["NO_OFFSET", "Path"]


def _array_eq(a: FloatArray | None, b: FloatArray | None) -> bool:
    if a is None or b is None:
        return a is b
    return bool(np.array_equal(a, b, equal_nan=True))


_eq = attrs.cmp_using(eq=_array_eq)
_columns_eq = attrs.cmp_using(eq=columns_equal)
_NO_COLUMNS = Columns()


@attrs.frozen(repr=False)
class Path:
    """A leg's geometry: points in order, each with an optional altitude and time.

    Build one with :meth:`from_arrays` or :meth:`from_coordinates`; iterate it
    for :class:`~torchrelay.Coordinate` objects, or read the columns
    :attr:`latitudes`, :attr:`longitudes`, :attr:`altitudes`, :attr:`times`
    and :attr:`offsets` as read-only numpy arrays.

    Longitudes are normalised into [-180, 180) and set to 0 at the poles, as in
    :class:`~torchrelay.Coordinate`. Altitudes are NaN where a point has none,
    and so are times: a track may have points without a time. Each time keeps
    the UTC offset it was written with, or :data:`~torchrelay.NO_OFFSET` where it came
    without one (as a POSIX number, or RFC 9557's ``Z``), so a format that
    writes text gives back ``+04:00`` as ``+04:00`` and ``Z`` as ``Z``.

    A path may break into segments (:attr:`segment_starts`), as a GPX track's
    ``trkseg`` elements or a gap in the signal do. Its :meth:`length` bridges
    each break by the geodesic from one segment's last point to the next one's
    first: the flame went on across the gap, and the geodesic is the shortest
    way it can have gone. ``length(bridge=False)`` sums the segments alone.

    Attributes:
        latitudes: Degrees north, one a point.
        longitudes: Degrees east, one a point, in [-180, 180).
        altitudes: Metres from :attr:`altitude_reference`, NaN where a point
            has none; ``None`` if no point has one.
        times: POSIX seconds, one a point, NaN where a point has none;
            ``None`` if no point has one.
        offsets: The UTC offset, in seconds, that each time was given with,
            :data:`~torchrelay.NO_OFFSET` where none was; ``None`` if no time had one.
        segment_starts: The indices of the points that start a new segment,
            after the first (which starts at 0); empty for one segment.
        columns: Per-point values by namespaced name, such as ``gpxtpx:hr``.
        altitude_reference: What the altitudes are measured from.
        timezone: The IANA zone to show times in; ``None`` for UTC.

    >>> p = Path.from_arrays([55.75, 55.76], [37.62, 37.64])
    >>> len(p), p[1]
    (2, Coordinate(latitude=55.76, longitude=37.64, altitude=None, altitude_reference=<AltitudeReference.MEAN_SEA_LEVEL: 'mean_sea_level'>))

    .. versionadded:: 0.1.0
    """  # noqa: E501

    latitudes: FloatArray = attrs.field(eq=_eq)
    longitudes: FloatArray = attrs.field(eq=_eq)
    altitudes: FloatArray | None = attrs.field(eq=_eq)
    times: FloatArray | None = attrs.field(eq=_eq)
    altitude_reference: AltitudeReference = attrs.field(
        default=AltitudeReference.MEAN_SEA_LEVEL, converter=AltitudeReference, kw_only=True
    )
    timezone: str | None = attrs.field(default=None, converter=optional_timezone, kw_only=True)
    offsets: OffsetArray | None = attrs.field(default=None, eq=_eq, kw_only=True)
    segment_starts: tuple[int, ...] = attrs.field(default=(), kw_only=True)
    columns: Columns = attrs.field(default=_NO_COLUMNS, eq=_columns_eq, kw_only=True)

    def __attrs_post_init__(self) -> None:
        # Paths are built by from_arrays and from_coordinates, which check every
        # point; a direct call gets these cheap checks of the invariants only.
        n = len(self.latitudes) if isinstance(self.latitudes, np.ndarray) else -1

        def frozen(column: object, dtype: type) -> bool:
            return column is None or (
                isinstance(column, np.ndarray)
                and column.dtype == dtype
                and column.shape == (n,)
                and not column.flags.writeable
            )

        floats = (self.latitudes, self.longitudes, self.altitudes, self.times)
        good = (
            n > 0
            and all(frozen(c, np.float64) for c in floats)
            and frozen(self.offsets, np.int32)
            and isinstance(self.columns, Columns)
            and isinstance(self.segment_starts, tuple)
        )
        if not good:
            msg = (
                "build a Path with Path.from_arrays() or Path.from_coordinates(), "
                "which check and copy its columns"
            )
            raise InvalidValueError(msg)

    @classmethod
    def from_arrays(  # noqa: PLR0912
        cls,
        latitudes: Sequence[float] | FloatArray,
        longitudes: Sequence[float] | FloatArray,
        altitudes: Sequence[float | None] | FloatArray | None = None,
        times: Sequence[dt.datetime | None] | Sequence[float | None] | FloatArray | None = None,
        *,
        offsets: Sequence[int | None] | npt.NDArray[Any] | None = None,
        segment_starts: Sequence[int] | npt.NDArray[Any] = (),
        columns: Mapping[str, Any] | None = None,
        altitude_reference: AltitudeReference = AltitudeReference.MEAN_SEA_LEVEL,
        timezone: str | None = None,
    ) -> Path:
        """Build a path from columns, without a Python object a point.

        The path keeps its own read-only copies; changing the inputs later does
        not change it.

        Args:
            latitudes: Degrees north, each in [-90, 90].
            longitudes: Degrees east, any finite value.
            altitudes: Metres from *altitude_reference*; NaN or ``None`` where unknown.
            times: Aware datetimes, or POSIX seconds, one a point; ``None``
                (or NaN) for a point without a time. Datetimes give their
                offsets to :attr:`offsets`.
            offsets: The UTC offset of each time in seconds, ``None`` where
                none was given; for times given as numbers.
            segment_starts: Indices of the points that start a new segment.
            columns: Per-point values by namespaced name: numbers (NaN or
                ``None`` where missing) or texts (``None`` where missing).
            altitude_reference: What the altitudes are measured from.
            timezone: The IANA zone to show times in; taken from the first
                time when it is a named zone and this is not given.

        Raises:
            InvalidValueError: For columns of different lengths, no points, a
                latitude out of range, an infinite value, an offset without a
                time, or segment starts out of order (the message names the
                first bad index).
            NaiveDatetimeError: For a time without a zone.

        .. versionadded:: 0.1.0
        """
        lat = float_column(latitudes, "latitudes", missing=False)
        lon = float_column(longitudes, "longitudes", missing=False)
        n = len(lat)
        if n == 0:
            msg = "a path needs at least one point; use path=None for a leg without geometry"
            raise InvalidValueError(msg)
        checked = {"longitudes": lon}
        alt = None if altitudes is None else float_column(altitudes, "altitudes")
        if alt is not None:
            checked["altitudes"] = alt
        stamps, given_offsets = (None, None) if times is None else times_and_offsets(times)
        if stamps is not None:
            checked["times"] = stamps
        for name, column in checked.items():
            if len(column) != n:
                msg = f"'{name}' has {len(column)} values but 'latitudes' has {n}"
                raise InvalidValueError(msg)
        lon = checked_lonlat(lat, lon)
        if offsets is not None:
            if given_offsets is not None:
                msg = "'offsets' cannot be given with datetimes, which carry their own"
                raise InvalidValueError(msg)
            given_offsets = offsets_column(offsets, n)
        if given_offsets is not None:
            has = given_offsets != NO_OFFSET
            untimed = has & (np.isnan(stamps) if stamps is not None else True)
            if untimed.any():
                i = first_bad(np.atleast_1d(untimed))
                msg = f"'offsets[{i}]' is given for a point without a time"
                raise InvalidValueError(msg)
            if not has.any():
                given_offsets = None
        if alt is not None and np.isnan(alt).all():
            alt = None
        if stamps is not None and np.isnan(stamps).all():
            stamps = None
        if timezone is None and times is not None and len(times):
            first = next((v for v in times if v is not None), None)
            timezone = zone_name(first) if isinstance(first, dt.datetime) else None
        if timezone is not None:
            check_timezone(timezone)
        return cls(
            read_only(lat),
            read_only(lon),
            read_only(alt),
            read_only(stamps),
            altitude_reference=AltitudeReference(altitude_reference),
            timezone=timezone,
            offsets=read_only(given_offsets),
            segment_starts=segment_starts_of(segment_starts, n),
            columns=Columns(columns, length=n) if columns else _NO_COLUMNS,
        )

    @classmethod
    def from_coordinates(
        cls,
        coordinates: Sequence[Coordinate],
        times: Sequence[dt.datetime | None] | Sequence[float | None] | None = None,
        *,
        timezone: str | None = None,
        segment_starts: Sequence[int] = (),
        columns: Mapping[str, Any] | None = None,
    ) -> Path:
        """Build a path from coordinates, which must share one altitude reference.

        A coordinate without altitude becomes NaN in the altitude column; a path
        with no altitudes at all has none.

        Raises:
            InvalidValueError: If the coordinates mix altitude references.

        .. versionadded:: 0.1.0
        """
        with_alt = [c for c in coordinates if c.altitude is not None]
        refs = {c.altitude_reference for c in with_alt}
        if len(refs) > 1:
            names = sorted(r.value for r in refs)
            msg = f"a path's altitudes must share one reference (got {', '.join(names)})"
            raise InvalidValueError(msg)
        ref = refs.pop() if refs else AltitudeReference.MEAN_SEA_LEVEL
        alts = [math.nan if c.altitude is None else c.altitude for c in coordinates]
        return cls.from_arrays(
            [c.latitude for c in coordinates],
            [c.longitude for c in coordinates],
            alts if with_alt else None,
            times,
            altitude_reference=ref,
            timezone=timezone,
            segment_starts=segment_starts,
            columns=columns,
        )

    def __len__(self) -> int:
        return len(self.latitudes)

    def _coordinate(self, i: int) -> Coordinate:
        alt = None
        if self.altitudes is not None and not math.isnan(self.altitudes[i]):
            alt = float(self.altitudes[i])
        return Coordinate(
            float(self.latitudes[i]),
            float(self.longitudes[i]),
            altitude=alt,
            altitude_reference=self.altitude_reference,
        )

    def __iter__(self) -> Iterator[Coordinate]:
        return map(self._coordinate, range(len(self)))

    @overload
    def __getitem__(self, index: int) -> Coordinate: ...
    @overload
    def __getitem__(self, index: slice) -> Path: ...
    def __getitem__(self, index: int | slice) -> Coordinate | Path:
        if isinstance(index, slice):
            return self._select(index)
        n = len(self)
        if not -n <= index < n:
            msg = f"path index {index} out of range for {n} points"
            raise IndexError(msg)
        return self._coordinate(index % n)

    def _select(self, index: slice) -> Path:
        """The points *index* picks, keeping each break between segments it crosses."""
        picked = np.arange(len(self))[index]
        if len(picked) == 0:
            msg = f"the slice {index} picks no points; a path needs at least one"
            raise IndexError(msg)
        starts: list[int] = []
        if self.segment_starts:
            marks = np.zeros(len(self), dtype=np.int64)
            marks[list(self.segment_starts)] = 1
            count = np.cumsum(marks)  # count[i]: the breaks at or before point i
            lo = np.minimum(picked[:-1], picked[1:])
            hi = np.maximum(picked[:-1], picked[1:])
            starts = (np.flatnonzero(count[hi] - count[lo] > 0) + 1).tolist()
        return Path.from_arrays(
            self.latitudes[index],
            self.longitudes[index],
            None if self.altitudes is None else self.altitudes[index],
            None if self.times is None else self.times[index],
            offsets=None if self.offsets is None else self.offsets[index],
            segment_starts=starts,
            columns=self.columns.select(index),
            altitude_reference=self.altitude_reference,
            timezone=self.timezone,
        )

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The path as GeoJSON: a LineString, cut at 180°; ellipsoid heights in positions.

        .. versionadded:: 0.1.0
        """
        up = heights(self.altitudes, self.altitude_reference.value)
        return line(self.latitudes, self.longitudes, up)[0]

    def __hash__(self) -> int:
        # Equal paths have equal ends and lengths; hashing every point costs a copy.
        return hash((len(self), self[0], self[-1], self.timezone, self.segment_starts))

    def __repr__(self) -> str:
        times = "with times" if self.times is not None else "without times"
        parts = f", {len(self.segment_starts) + 1} segments" if self.segment_starts else ""
        return f"<Path of {len(self)} points {times}{parts}, from {self[0]} to {self[-1]}>"

    @property
    def first(self) -> Coordinate:
        """The first point."""
        return self[0]

    @property
    def last(self) -> Coordinate:
        """The last point."""
        return self[-1]

    @property
    def has_times(self) -> bool:
        """Whether every point has a time."""
        return self.times is not None and not bool(np.isnan(self.times).any())

    def untimed(self) -> npt.NDArray[np.intp]:
        """The indices of the points without a time, in order: what a timed calculation lacks.

        >>> Path.from_arrays([0, 0, 0], [0, 1, 2], times=[0.0, None, 60.0]).untimed().tolist()
        [1]

        .. versionadded:: 0.1.0
        """
        if self.times is None:
            return np.arange(len(self))
        return np.flatnonzero(np.isnan(self.times))

    def time_at(self, index: int) -> pendulum.DateTime | None:
        """The time of point *index*; ``None`` where the point has none.

        A time given with a UTC offset comes back with that offset: in
        :attr:`timezone` where the zone had that offset at that instant, else
        at the fixed offset. A time given without one comes back in
        :attr:`timezone`, or UTC.

        >>> import pendulum
        >>> t = pendulum.datetime(2013, 10, 7, 12, tz="Europe/Moscow")
        >>> p = Path.from_arrays([55.75], [37.62], times=[t])
        >>> p.time_at(0).isoformat(), p.timezone
        ('2013-10-07T12:00:00+04:00', 'Europe/Moscow')

        .. versionadded:: 0.1.0
        """
        if self.times is None:
            return None
        stamp = float(self.times[index])
        if math.isnan(stamp):
            return None
        zoned = pendulum.from_timestamp(stamp, tz=self.timezone or "UTC")
        if self.offsets is None or self.offsets[index] == NO_OFFSET:
            return zoned
        offset = int(self.offsets[index])
        if self.timezone is not None and zoned.utcoffset() == dt.timedelta(seconds=offset):
            return zoned
        return pendulum.from_timestamp(stamp, tz="UTC").in_tz(pendulum.FixedTimezone(offset))

    def segments(self) -> tuple[Path, ...]:
        """The path's segments, each a path of its own, in order.

        >>> p = Path.from_arrays([0, 0, 1, 1], [0, 1, 1, 2], segment_starts=[2])
        >>> [len(s) for s in p.segments()]
        [2, 2]

        .. versionadded:: 0.1.0
        """
        bounds = [0, *self.segment_starts, len(self)]
        return tuple(self[a:b] for a, b in itertools.pairwise(bounds))

    def segment_lengths(self) -> FloatArray:
        """The geodesic length of each segment on WGS84, in metres, ignoring altitude.

        Computed in bulk with GeographicLib (through pyproj).

        .. versionadded:: 0.1.0
        """
        return _segment_lengths(self.latitudes, self.longitudes)

    def length(self, *, bridge: bool = True) -> Distance:
        """The geodesic length along the path on WGS84, ignoring altitude.

        Args:
            bridge: Count the geodesic across each break between segments (the
                default: the flame went on across the gap); ``False`` sums
                the segments alone.

        >>> round(Path.from_arrays([0, 0], [0, 1]).length().km, 3)
        111.319
        >>> p = Path.from_arrays([0, 0, 0], [0, 1, 2], segment_starts=[2])
        >>> round(p.length().km), round(p.length(bridge=False).km)
        (223, 111)

        .. versionadded:: 0.1.0
        """
        total = line_length(self.latitudes, self.longitudes)
        if not bridge and self.segment_starts:
            gaps = self.segment_lengths()[np.asarray(self.segment_starts) - 1]
            total = max(total - float(gaps.sum()), 0.0)
        return Distance(total, basis=DistanceBasis.PATH)

    def bounds(self) -> BoundingBox:
        """The smallest box around the path and its geodesic segments (RFC 7946 §5.2, §5.3).

        >>> Path.from_arrays([64.73, 64.50], [177.51, -165.41]).bounds().crosses_antimeridian
        True

        .. versionadded:: 0.1.0
        """
        return columns_box(self.latitudes, self.longitudes, line=True)

    def point_at_distance(self, distance: Distance | float) -> Coordinate:
        """The point *distance* (a :class:`Distance` or metres) along the path.

        Geodesic interpolation within the segment it falls in; altitude, where
        both ends have one, is interpolated linearly. Distances past the end
        give the last point.

        >>> p = Path.from_arrays([0, 0], [0, 2])
        >>> round(p.point_at_distance(Distance.from_km(111.31949)).longitude, 6)
        1.0

        Raises:
            InvalidValueError: For a negative or non-finite distance.

        .. versionadded:: 0.1.0
        """
        lat, lon, i, along = point_at_distance(
            self.latitudes, self.longitudes, meters_of("distance", distance)
        )
        return line_point(self.altitudes, self.altitude_reference, lat, lon, i, along)

    def point_at_fraction(self, fraction: float) -> Coordinate:
        """The point *fraction* (0 to 1) of the way along the path, by geodesic length.

        Raises:
            InvalidValueError: For a fraction outside [0, 1].

        .. versionadded:: 0.1.0
        """
        lat, lon, i, along = point_at_fraction(
            self.latitudes, self.longitudes, check_fraction(fraction)
        )
        return line_point(self.altitudes, self.altitude_reference, lat, lon, i, along)
