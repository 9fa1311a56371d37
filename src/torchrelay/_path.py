"""The geometry of a leg: a compact sequence of points with optional times.

A relay with real GPS tracks has millions of points. One attrs object a point
would cost about 5.6 µs and well over 100 bytes, so a :class:`Path` keeps its
points as read-only numpy columns (latitude, longitude, altitude and time in
POSIX seconds) and hands out :class:`~torchrelay.Coordinate` objects only when
asked.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from typing import Any, overload

import attrs
import numpy as np
import numpy.typing as npt
import pendulum
from pyproj import Geod

from ._bounds import BoundingBox, path_bounds
from ._geo import AltitudeReference, Coordinate, Distance, DistanceBasis
from ._measure import path_point_at_distance, path_point_at_fraction
from ._time import check_timezone
from .exceptions import InvalidValueError, NaiveDatetimeError

__all__ = ["Path"]

FloatArray = npt.NDArray[np.float64]

_WGS84 = Geod(ellps="WGS84")


def _column(values: Sequence[float] | FloatArray, name: str) -> FloatArray:
    try:
        if isinstance(values, np.ndarray):
            column = np.array(values, dtype=np.float64, copy=True)
        else:
            try:
                column = np.fromiter(values, dtype=np.float64, count=len(values))
            except (TypeError, ValueError):
                column = np.array(values, dtype=np.float64)
    except (TypeError, ValueError) as error:
        msg = f"'{name}' must be a sequence of numbers ({error})"
        raise InvalidValueError(msg) from None
    if column.ndim != 1:
        msg = f"'{name}' must be a flat sequence of numbers (got shape {column.shape})"
        raise InvalidValueError(msg)
    return column


def _first_bad(mask: npt.NDArray[np.bool_]) -> int:
    return int(np.flatnonzero(mask)[0])


def _times_column(times: Sequence[dt.datetime] | Sequence[float] | FloatArray) -> FloatArray:
    if isinstance(times, np.ndarray) or not len(times) or not isinstance(times[0], dt.datetime):
        column = _column(times, "times")  # type: ignore[arg-type]
        bad = ~np.isfinite(column)
        if bad.any():
            i = _first_bad(bad)
            msg = f"'times[{i}]' must be a finite number of seconds (got {column[i]!r})"
            raise InvalidValueError(msg)
        return column
    stamps: Sequence[dt.datetime] = times  # type: ignore[assignment]
    try:
        # The fast check; the loop below runs only to name what is wrong.
        clean = not any(d.tzinfo is None for d in stamps)
    except AttributeError:
        clean = False
    if clean:
        try:
            return np.fromiter(
                map(dt.datetime.timestamp, stamps), dtype=np.float64, count=len(stamps)
            )
        except TypeError:
            pass
    items: Sequence[object] = stamps
    for i, item in enumerate(items):
        if not isinstance(item, dt.datetime):
            msg = f"'times[{i}]' must be a datetime like the first time (got {item!r})"
            raise InvalidValueError(msg)
        if item.tzinfo is None:
            msg = f"'times[{i}]' must be timezone-aware (got naive {item.isoformat()})"
            raise NaiveDatetimeError(msg)
    return np.fromiter(map(dt.datetime.timestamp, stamps), dtype=np.float64, count=len(stamps))


def _checked_lonlat(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """Check latitudes; normalise longitudes into [-180, 180), and to 0 at the poles."""
    bad = ~(np.abs(lat) <= 90.0)
    if bad.any():
        i = _first_bad(bad)
        msg = f"'latitudes[{i}]' must be a finite number in [-90, 90] (got {lat[i]!r})"
        raise InvalidValueError(msg)
    if not (lon.min() >= -180.0 and lon.max() < 180.0):
        bad = ~np.isfinite(lon)
        if bad.any():
            i = _first_bad(bad)
            msg = f"'longitudes[{i}]' must be a finite number (got {lon[i]!r})"
            raise InvalidValueError(msg)
        # Only the values outside the range, as Coordinate does: adding and
        # subtracting 180 would round tiny in-range longitudes to 0.
        out = (lon < -180.0) | (lon >= 180.0)
        lon[out] = np.mod(lon[out] + 180.0, 360.0) - 180.0
        lon[lon >= 180.0] = -180.0
    poles = np.abs(lat) == 90.0
    if poles.any():
        lon[poles] = 0.0
    return lon


def _zone_of(value: Any) -> str | None:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        key = getattr(value.tzinfo, "key", None) or getattr(value.tzinfo, "name", None)
        if isinstance(key, str) and ("/" in key or key == "UTC"):
            return str(key)
    return None


def _read_only(column: FloatArray | None) -> FloatArray | None:
    if column is not None:
        column.flags.writeable = False
    return column


def _array_eq(a: FloatArray | None, b: FloatArray | None) -> bool:
    if a is None or b is None:
        return a is b
    return bool(np.array_equal(a, b, equal_nan=True))


_eq = attrs.cmp_using(eq=_array_eq)


@attrs.frozen(repr=False)
class Path:
    """A leg's geometry: points in order, each with an optional altitude and time.

    Build one with :meth:`from_arrays` or :meth:`from_coordinates`; iterate it
    for :class:`~torchrelay.Coordinate` objects, or read the columns
    :attr:`latitudes`, :attr:`longitudes`, :attr:`altitudes` and :attr:`times`
    as read-only numpy arrays.

    Longitudes are normalised into [-180, 180) and set to 0 at the poles, as in
    :class:`~torchrelay.Coordinate`. Altitudes may be NaN where a point has
    none. Times are POSIX seconds; :meth:`time_at` gives them as pendulum
    datetimes in :attr:`timezone`.

    Attributes:
        latitudes: Degrees north, one a point.
        longitudes: Degrees east, one a point, in [-180, 180).
        altitudes: Metres from :attr:`altitude_reference`, NaN where a point
            has none; ``None`` if no point has one.
        times: POSIX seconds, one a point; ``None`` for a path without times.
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
    altitude_reference: AltitudeReference = AltitudeReference.MEAN_SEA_LEVEL
    timezone: str | None = None

    @classmethod
    def from_arrays(
        cls,
        latitudes: Sequence[float] | FloatArray,
        longitudes: Sequence[float] | FloatArray,
        altitudes: Sequence[float] | FloatArray | None = None,
        times: Sequence[dt.datetime] | Sequence[float] | FloatArray | None = None,
        *,
        altitude_reference: AltitudeReference = AltitudeReference.MEAN_SEA_LEVEL,
        timezone: str | None = None,
    ) -> Path:
        """Build a path from columns, without a Python object a point.

        The path keeps its own read-only copies; changing the inputs later does
        not change it.

        Args:
            latitudes: Degrees north, each in [-90, 90].
            longitudes: Degrees east, any finite value.
            altitudes: Metres from *altitude_reference*; NaN where unknown.
            times: Aware datetimes, or POSIX seconds, one a point.
            altitude_reference: What the altitudes are measured from.
            timezone: The IANA zone to show times in; taken from the first
                time when it is a named zone and this is not given.

        Raises:
            InvalidValueError: For columns of different lengths, no points, a
                latitude out of range, or a NaN or infinite value (the message
                names the first bad index).
            NaiveDatetimeError: For a time without a zone.

        .. versionadded:: 0.1.0
        """
        lat = _column(latitudes, "latitudes")
        lon = _column(longitudes, "longitudes")
        n = len(lat)
        if n == 0:
            msg = "a path needs at least one point; use path=None for a leg without geometry"
            raise InvalidValueError(msg)
        columns = {"longitudes": lon}
        alt = None if altitudes is None else _column(altitudes, "altitudes")
        if alt is not None:
            columns["altitudes"] = alt
        stamps = None if times is None else _times_column(times)
        if stamps is not None:
            columns["times"] = stamps
        for name, column in columns.items():
            if len(column) != n:
                msg = f"'{name}' has {len(column)} values but 'latitudes' has {n}"
                raise InvalidValueError(msg)
        lon = _checked_lonlat(lat, lon)
        if alt is not None:
            bad = np.isinf(alt)
            if bad.any():
                i = _first_bad(bad)
                msg = f"'altitudes[{i}]' must be finite or NaN for unknown (got {alt[i]!r})"
                raise InvalidValueError(msg)
        if timezone is None and times is not None and len(times):
            timezone = _zone_of(times[0])
        if timezone is not None:
            check_timezone(timezone)
        return cls(
            _read_only(lat),  # type: ignore[arg-type]
            _read_only(lon),  # type: ignore[arg-type]
            _read_only(alt),
            _read_only(stamps),
            AltitudeReference(altitude_reference),
            timezone,
        )

    @classmethod
    def from_coordinates(
        cls,
        coordinates: Sequence[Coordinate],
        times: Sequence[dt.datetime] | Sequence[float] | None = None,
        *,
        timezone: str | None = None,
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
        alts = (
            [math.nan if c.altitude is None else c.altitude for c in coordinates]
            if with_alt
            else None
        )
        return cls.from_arrays(
            [c.latitude for c in coordinates],
            [c.longitude for c in coordinates],
            alts,
            times,
            altitude_reference=ref,
            timezone=timezone,
        )

    def __len__(self) -> int:
        return len(self.latitudes)

    def _coordinate(self, i: int) -> Coordinate:
        alt = None
        if self.altitudes is not None and not math.isnan(self.altitudes[i]):
            alt = float(self.altitudes[i])
        return Coordinate(
            float(self.latitudes[i]), float(self.longitudes[i]), alt, self.altitude_reference
        )

    def __iter__(self) -> Iterator[Coordinate]:
        return map(self._coordinate, range(len(self)))

    @overload
    def __getitem__(self, index: int) -> Coordinate: ...
    @overload
    def __getitem__(self, index: slice) -> Path: ...
    def __getitem__(self, index: int | slice) -> Coordinate | Path:
        if isinstance(index, slice):
            return Path.from_arrays(
                self.latitudes[index],
                self.longitudes[index],
                None if self.altitudes is None else self.altitudes[index],
                None if self.times is None else self.times[index],
                altitude_reference=self.altitude_reference,
                timezone=self.timezone,
            )
        n = len(self)
        if not -n <= index < n:
            msg = f"path index {index} out of range for {n} points"
            raise IndexError(msg)
        return self._coordinate(index % n)

    def __hash__(self) -> int:
        # Equal paths have equal ends and lengths; hashing every point would
        # cost as much as copying them.
        return hash((len(self), self[0], self[-1], self.timezone))

    def __repr__(self) -> str:
        times = "with times" if self.times is not None else "without times"
        return f"<Path of {len(self)} points {times}, from {self[0]} to {self[-1]}>"

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
        return self.times is not None

    def time_at(self, index: int) -> pendulum.DateTime | None:
        """The time of point *index* in :attr:`timezone` (UTC if none); ``None`` without times.

        .. versionadded:: 0.1.0
        """
        if self.times is None:
            return None
        return pendulum.from_timestamp(float(self.times[index]), tz=self.timezone or "UTC")

    def segment_lengths(self) -> FloatArray:
        """The geodesic length of each segment on WGS84, in metres, ignoring altitude.

        Computed in bulk with GeographicLib (through pyproj).

        .. versionadded:: 0.1.0
        """
        if len(self) < 2:
            return np.zeros(0)
        lon, lat = self.longitudes, self.latitudes
        _, _, dist = _WGS84.inv(lon[:-1], lat[:-1], lon[1:], lat[1:])
        return np.asarray(dist, dtype=np.float64)

    def length(self) -> Distance:
        """The geodesic length along the path on WGS84, ignoring altitude.

        >>> round(Path.from_arrays([0, 0], [0, 1]).length().km, 3)
        111.319

        .. versionadded:: 0.1.0
        """
        if len(self) < 2:
            return Distance(0.0, basis=DistanceBasis.PATH)
        return Distance(
            float(_WGS84.line_length(self.longitudes, self.latitudes)), basis=DistanceBasis.PATH
        )

    def bounds(self) -> BoundingBox:
        """The smallest box around the path and its geodesic segments (RFC 7946 §5.2, §5.3).

        >>> Path.from_arrays([64.73, 64.50], [177.51, -165.41]).bounds().crosses_antimeridian
        True

        .. versionadded:: 0.1.0
        """
        return path_bounds(self)

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
        return path_point_at_distance(self, distance)

    def point_at_fraction(self, fraction: float) -> Coordinate:
        """The point *fraction* (0 to 1) of the way along the path, by geodesic length.

        Raises:
            InvalidValueError: For a fraction outside [0, 1].

        .. versionadded:: 0.1.0
        """
        return path_point_at_fraction(self, fraction)
