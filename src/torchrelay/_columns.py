"""Checked, read-only numpy columns: the storage of a path's points.

A path keeps one column a quantity (latitude, longitude, altitude, time,
offset, and any per-point values a format carries), checked in bulk so that a
million points cost no Python object each. Missing values are NaN in number
columns, ``None`` in text columns and :data:`NO_OFFSET` in the offset column.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ._convert import check_text, namespaced_items
from .exceptions import InvalidTypeError, InvalidValueError, NaiveDatetimeError

__all__ = [
    "NO_OFFSET",
    "Columns",
    "FloatArray",
    "OffsetArray",
    "checked_lonlat",
    "columns_equal",
    "first_bad",
    "float_column",
    "offsets_column",
    "read_only",
    "segment_starts_of",
    "times_and_offsets",
]

FloatArray = npt.NDArray[np.float64]
OffsetArray = npt.NDArray[np.int32]

NO_OFFSET = np.int32(np.iinfo(np.int32).min)
"""The offset column's value for a point whose time came without a UTC offset.

Distinct from ``0`` (``+00:00``): RFC 9557 writes such a time with ``Z``.

.. versionadded:: 0.1.0
"""

_MAX_OFFSET = 26 * 3600
_FIRST_SECOND = -62_135_596_800.0  # 0001-01-01T00:00:00Z
_LAST_SECOND = (
    253_402_300_799.0  # 9999-12-31T23:59:59Z  # the widest offsets ever used are under 16 hours
)


def first_bad(mask: npt.NDArray[np.bool_]) -> int:
    """The index of the first true value of *mask*."""
    return int(np.flatnonzero(mask)[0])


def read_only(column: Any) -> Any:
    """A read-only copy of a column whose memory cannot be made writable again.

    A numpy flag alone can be set back; an array over an immutable ``bytes``
    buffer cannot. Text columns hold Python objects and can only be flagged.
    ``None`` passes through.
    """
    if column is None:
        return None
    if column.dtype == object:
        column.flags.writeable = False
        return column
    return np.frombuffer(column.tobytes(), dtype=column.dtype)


def float_column(
    values: Sequence[float | None] | FloatArray, name: str, *, missing: bool = True
) -> FloatArray:
    """A fresh float64 copy of *values*, flat, infinite values refused, ``-0.0`` made ``0.0``.

    ``None`` becomes NaN, which stands for a missing value; with *missing*
    false, NaN and infinities are left for the caller to refuse. The copy is the caller's to
    mark read-only.
    """
    # Before the try: the handler below would take this TypeError for a bad value.
    if isinstance(values, np.ndarray) and values.dtype.kind not in "fiub":
        msg = f"'{name}' must be numbers (got an array of {values.dtype})"
        raise InvalidTypeError(msg)
    try:
        if isinstance(values, np.ndarray):
            column = np.array(values, dtype=np.float64, copy=True)
        else:
            try:
                column = np.fromiter(values, dtype=np.float64, count=len(values))
            except (TypeError, ValueError, OverflowError):
                column = np.array([math.nan if v is None else v for v in values], dtype=np.float64)
    except (TypeError, ValueError, OverflowError) as error:
        msg = f"'{name}' must be a sequence of numbers ({error})"
        raise InvalidValueError(msg) from None
    if column.ndim != 1:
        msg = f"'{name}' must be a flat sequence of numbers (got shape {column.shape})"
        raise InvalidValueError(msg)
    if missing:
        bad = np.isinf(column)
        if bad.any():
            i = first_bad(bad)
            msg = f"'{name}[{i}]' must be a finite number or NaN where unknown (got {column[i]})"
            raise InvalidValueError(msg)
    column += 0.0  # -0.0 + 0.0 is 0.0: equal values write the same text
    return column


def offsets_column(values: Sequence[int | None] | npt.NDArray[Any], n: int) -> OffsetArray:
    """A fresh int32 column of UTC offsets in seconds; ``None`` is :data:`NO_OFFSET`."""
    if isinstance(values, np.ndarray):
        if values.dtype.kind not in "iu":
            msg = f"'offsets' must be whole seconds (got an array of {values.dtype})"
            raise InvalidTypeError(msg)
        wide = values.astype(np.int64)
    else:
        items = list(values)
        for i, v in enumerate(items):
            if v is not None and (isinstance(v, bool) or not isinstance(v, int)):
                msg = f"'offsets[{i}]' must be whole seconds or None (got {v!r})"
                raise InvalidTypeError(msg)
        wide = np.array(
            [int(NO_OFFSET) if v is None else max(min(v, 2**40), -(2**40)) for v in items],
            dtype=np.int64,
        )
    if len(wide) != n:
        msg = f"'offsets' has {len(wide)} values but 'latitudes' has {n}"
        raise InvalidValueError(msg)
    given = wide != int(NO_OFFSET)
    bad = given & (np.abs(wide) > _MAX_OFFSET)
    if bad.any():
        i = first_bad(bad)
        msg = f"'offsets[{i}]' must be within ±26 hours, in seconds (got {int(wide[i])})"
        raise InvalidValueError(msg)
    return wide.astype(np.int32)


def times_and_offsets(
    times: Sequence[dt.datetime | None] | Sequence[float | None] | FloatArray,
) -> tuple[FloatArray, OffsetArray | None]:
    """POSIX seconds from datetimes (with their offsets) or from numbers (without).

    ``None`` or NaN marks a point without a time.
    """
    if isinstance(times, np.ndarray) or not isinstance(
        next((t for t in times if t is not None), None), dt.datetime
    ):
        stamps = float_column(times, "times")  # type: ignore[arg-type]
        bad = (stamps < _FIRST_SECOND) | (stamps > _LAST_SECOND)
        if bad.any():
            i = first_bad(bad)
            msg = f"'times[{i}]' must fall within the years 1 to 9999 (got {stamps[i]} seconds)"
            raise InvalidValueError(msg)
        return stamps, None
    first: dt.datetime = next(t for t in times if t is not None)  # type: ignore[assignment]
    fast = _one_offset(times, first) or _bulk(times)
    if fast is not None:
        return _in_years(fast, times)
    stamps = np.empty(len(times), dtype=np.float64)
    offsets = np.full(len(times), NO_OFFSET, dtype=np.int32)
    for i, item in enumerate(times):
        if item is None:
            stamps[i] = math.nan
            continue
        if not isinstance(item, dt.datetime):
            msg = f"'times[{i}]' must be a datetime like the others, or None (got {item!r})"
            raise InvalidTypeError(msg)
        offset = item.utcoffset()
        if offset is None:
            msg = f"'times[{i}]' must be timezone-aware (got naive {item.isoformat()})"
            raise NaiveDatetimeError(msg)
        if offset.microseconds:
            msg = f"'times[{i}]' has an offset with a fraction of a second ({offset})"
            raise InvalidValueError(msg)
        try:
            stamps[i] = item.timestamp()
        except (OverflowError, ValueError):  # pragma: no cover - aware timestamps do not overflow
            msg = f"'times[{i}]' {item.isoformat()} is out of range"
            raise InvalidValueError(msg) from None
        offsets[i] = int(offset.total_seconds())
    return _in_years((stamps + 0.0, offsets), times)


def _in_years(
    columns: tuple[FloatArray, OffsetArray], times: Sequence[Any]
) -> tuple[FloatArray, OffsetArray]:
    """*columns* if every instant falls in the years 1 to 9999 in UTC, as for numbers above.

    An aware datetime in year 1 or 9999 can lie outside them once its offset is
    taken away; pendulum, and every reader of the times, refuses such instants.
    """
    stamps = columns[0]
    bad = (stamps < _FIRST_SECOND) | (stamps > _LAST_SECOND)
    if bad.any():
        i = first_bad(bad)
        msg = (
            f"'times[{i}]' {times[i].isoformat()} is out of range: "
            "its instant in UTC must fall within the years 1 to 9999"
        )
        raise InvalidValueError(msg)
    return columns


_TZINFO = operator.attrgetter("tzinfo")


def _one_offset(times: Sequence[Any], first: dt.datetime) -> tuple[FloatArray, OffsetArray] | None:
    """The columns in bulk when every time shares one fixed-offset zone object (UTC, +04:00)."""
    tz = first.tzinfo
    offset = first.utcoffset()
    fixed = isinstance(tz, dt.timezone) or getattr(tz, "key", None) == "UTC"
    if not fixed or offset is None or offset.microseconds:
        return None
    try:
        if set(map(_TZINFO, times)) != {tz}:
            return None
        stamps = np.fromiter(map(dt.datetime.timestamp, times), dtype=np.float64, count=len(times))
    except (AttributeError, TypeError, OverflowError, ValueError):
        return None  # the loop names what is wrong
    return stamps + 0.0, np.full(len(times), int(offset.total_seconds()), dtype=np.int32)


def _offset_seconds(value: dt.datetime) -> float:
    return value.utcoffset().total_seconds()  # type: ignore[union-attr]


def _bulk(times: Sequence[Any]) -> tuple[FloatArray, OffsetArray] | None:
    """The columns in bulk for aware datetimes in whole-second offsets, or None to check each."""
    n = len(times)
    try:
        offsets = np.fromiter(map(_offset_seconds, times), dtype=np.float64, count=n)
        stamps = np.fromiter(map(dt.datetime.timestamp, times), dtype=np.float64, count=n)
    except (AttributeError, TypeError, OverflowError, ValueError):
        return None
    if (offsets != np.round(offsets)).any():
        return None
    return stamps + 0.0, offsets.astype(np.int32)


def _text_column(values: Sequence[object], name: str) -> npt.NDArray[np.object_]:
    column = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        column[i] = None if value is None else check_text(f"{name}[{i}]", value)
    return column


def _named_column(values: Any, name: str) -> npt.NDArray[Any]:
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiub":
        return float_column(values, name)
    if isinstance(values, np.ndarray) and values.dtype == object and values.ndim == 1:
        return _text_column(values.tolist(), name)  # a text column stays one, all None or not
    items = list(values)
    if any(isinstance(v, str) for v in items):
        return _text_column(items, name)
    for i, v in enumerate(items):
        if v is not None and (isinstance(v, bool) or not isinstance(v, int | float)):
            msg = f"'{name}[{i}]' must be a number, a text or None (got {v!r})"
            raise InvalidTypeError(msg)
    return float_column(items, name)


class Columns(Mapping[str, npt.NDArray[Any]]):
    """A read-only mapping of per-point columns, by namespaced name.

    Each column holds one value a point: float64 with NaN where a point has
    none, or texts (an object array) with ``None`` where a point has none.
    Names are namespaced, ``gpxtpx:hr``, ``gpx:hdop``, ``kml:gx:angles``.

    .. versionadded:: 0.1.0
    """

    __slots__ = ("_data",)

    _data: dict[str, npt.NDArray[Any]]

    def __init__(self, columns: Mapping[str, Any] | object = None, *, length: int = 0) -> None:
        data: dict[str, npt.NDArray[Any]] = {}
        if columns is not None:
            for name, values in namespaced_items("columns", columns):
                where = f"columns[{name!r}]"
                column = _named_column(values, where)
                if len(column) != length:
                    msg = f"'{where}' has {len(column)} values but the path has {length} points"
                    raise InvalidValueError(msg)
                data[name] = read_only(column)
        self._data = data

    def __getitem__(self, key: str) -> npt.NDArray[Any]:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Columns):
            return NotImplemented
        return columns_equal(self, other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        kinds = ", ".join(
            f"{k}: {'text' if v.dtype == object else 'number'}" for k, v in self._data.items()
        )
        return f"Columns({{{kinds}}})"

    def select(self, index: Any) -> Columns:
        """The same columns for the points *index* (a slice or an index array) picks."""
        out = Columns()
        out._data = {k: read_only(v[index].copy()) for k, v in self._data.items()}
        return out


def _column_equal(a: npt.NDArray[Any], b: npt.NDArray[Any]) -> bool:
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype == object:
        return bool(all(x == y for x, y in zip(a.tolist(), b.tolist(), strict=True)))
    return bool(np.array_equal(a, b, equal_nan=True))


def columns_equal(a: Mapping[str, npt.NDArray[Any]], b: Mapping[str, npt.NDArray[Any]]) -> bool:
    """Whether two sets of columns hold the same names and values (NaN equal to NaN)."""
    return a.keys() == b.keys() and all(_column_equal(a[k], b[k]) for k in a)


def checked_lonlat(lat: FloatArray, lon: FloatArray) -> FloatArray:
    """Check latitudes; normalise longitudes into [-180, 180), and to 0 at the poles."""
    bad = ~(np.abs(lat) <= 90.0)
    if bad.any():
        i = first_bad(bad)
        msg = f"'latitudes[{i}]' must be a finite number in [-90, 90] (got {lat[i]})"
        raise InvalidValueError(msg)
    if not (lon.min() >= -180.0 and lon.max() < 180.0):
        bad = ~np.isfinite(lon)
        if bad.any():
            i = first_bad(bad)
            msg = f"'longitudes[{i}]' must be a finite number (got {lon[i]})"
            raise InvalidValueError(msg)
        # Only the values outside the range, as Coordinate does: adding and
        # subtracting 180 would round tiny in-range longitudes to 0.
        out = (lon < -180.0) | (lon >= 180.0)
        lon[out] = np.mod(lon[out] + 180.0, 360.0) - 180.0
        lon[lon >= 180.0] = -180.0
        lon += 0.0
    poles = np.abs(lat) == 90.0
    if poles.any():
        lon[poles] = 0.0
    return lon


def segment_starts_of(values: Sequence[int] | npt.NDArray[Any], n: int) -> tuple[int, ...]:
    starts = []
    for i, value in enumerate(values):
        if isinstance(value, bool) or not isinstance(value, int | np.integer):
            msg = f"'segment_starts[{i}]' must be a point index (got {value!r})"
            raise InvalidTypeError(msg)
        starts.append(int(value))
    for i, value in enumerate(starts):
        if not 0 < value < n or (i and value <= starts[i - 1]):
            msg = (
                f"'segment_starts' must be increasing point indices in 1..{n - 1}, "
                f"where a new segment starts (got {starts!r})"
            )
            raise InvalidValueError(msg)
    return tuple(starts)
