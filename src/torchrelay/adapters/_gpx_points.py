"""GPX points as columns: the rows of texts the XML layer gathers, converted in bulk.

Expat hands over each point's ``lat`` and ``lon`` attributes and the texts of
its ``ele`` and ``time`` children (:class:`~torchrelay.adapters._xml.Records`);
this module turns a chunk of those rows into numbers at once (``float`` over
the column, then numpy), and only where a column holds something unusual
goes point by point, with the reader's own rules and messages:

- a latitude or longitude must be a number in range, else the point is refused;
- an elevation that is empty is NaN; one that is not a finite number is refused;
- a time is stripped, an empty one is none; a bad one is reported when its
  track ends (as GPX readers always have), the rest at the point.
"""

from __future__ import annotations

import contextlib
import math
from array import array
from collections.abc import Callable, Sequence

import numpy as np

from .._columns import NO_OFFSET
from ._xmltime import parse_times

__all__ = ["FIELDS", "PointRows", "clean_time", "elevation", "position_problem"]

FIELDS = 4
"""Each row's fields: latitude, longitude, elevation and time texts."""


def clean_time(text: str | None) -> str | None:
    """A time's text as the reader takes it: stripped, and ``None`` when empty."""
    if text is not None and (text[:1] <= " " or text[-1:] <= " "):
        return text.strip() or None
    return text


def position_problem(lat: str | None, lon: str | None) -> str | None:
    """What is wrong with a point's position, or ``None`` (NUL stands for the point's kind)."""
    for key, text, low, high in (("lat", lat, -90.0, 90.0), ("lon", lon, -180.0, 180.0)):
        if text is None:
            return f"<\x00> has no {key} attribute"
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not low <= value <= high:
            return f"<\x00> {key}={text!r} is not a number from {low:g} to {high:g}"
    return None


def elevation(text: str | None) -> float | str:
    """An elevation, or what is wrong with it."""
    if text is None:
        return math.nan
    try:
        value = float(text)
    except ValueError:
        pass
    else:
        if value - value == 0.0:
            return value
    text = text.strip()
    if not text:
        return math.nan  # <ele></ele>: OsmAnd writes these; no value
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        return f"<ele> {text!r} is not a finite number"
    return value


class PointRows:
    """The converted points not yet handed to a leg, and the first problem met.

    Rows are numbered through the document; :meth:`take` hands the rows of a
    track over and forgets them, so memory holds at most one chunk beyond it.
    """

    def __init__(self) -> None:
        self.base = 0  # the number of the first row held
        self.lat = array("d")
        self.lon = array("d")
        self.ele = array("d")
        self.stamps = array("d")
        self.offsets = array("i")
        self.problem: tuple[int, str] | None = None  # (row, message; NUL for the kind)
        self.bad_time: tuple[int, str] | None = None  # (row, text): reported at the track's end

    def add(self, first: int, values: Sequence[str | None]) -> None:
        """Convert the rows numbered from *first* (*values* holds :data:`FIELDS` a row)."""
        n = len(values) // FIELDS
        if not n:
            return
        lats, lons = values[0::FIELDS], values[1::FIELDS]
        eles, times = values[2::FIELDS], values[3::FIELDS]
        lat = lon = None
        try:
            lat = np.array(list(map(float, lats)))  # type: ignore[arg-type]
            lon = np.array(list(map(float, lons)))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            pass
        if (
            lat is None
            or lon is None
            or not ((lat >= -90.0) & (lat <= 90.0) & (lon >= -180.0) & (lon <= 180.0)).all()
        ):
            lat, lon = self._positions(first, lats, lons)
        ele = None
        with contextlib.suppress(TypeError, ValueError):
            ele = np.array(list(map(float, eles)))  # type: ignore[arg-type]
        if ele is None or not np.isfinite(ele).all():
            ele = self._elevations(first, eles)
        self.lat.frombytes(lat.tobytes())
        self.lon.frombytes(lon.tobytes())
        self.ele.frombytes(ele.tobytes())
        self._times(first, n, times)

    def _positions(
        self, first: int, lats: Sequence[str | None], lons: Sequence[str | None]
    ) -> tuple[np.ndarray, np.ndarray]:
        lat, lon = np.full(len(lats), math.nan), np.full(len(lats), math.nan)
        for i, (a, b) in enumerate(zip(lats, lons, strict=True)):
            wrong = position_problem(a, b)
            if wrong is not None:
                self._problem(first + i, wrong)
                break
            lat[i], lon[i] = float(a), float(b)  # type: ignore[arg-type]
        return lat, lon

    def _elevations(self, first: int, eles: Sequence[str | None]) -> np.ndarray:
        ele = np.full(len(eles), math.nan)
        for i, text in enumerate(eles):
            value = elevation(text)
            if isinstance(value, str):
                self._problem(first + i, value)
                break
            ele[i] = value
        return ele

    def _problem(self, row: int, message: str) -> None:
        if self.problem is None or row < self.problem[0]:
            self.problem = (row, message)

    def _times(self, first: int, n: int, texts: Sequence[str | None]) -> None:
        if self.bad_time is not None or texts.count(None) == n:
            self.stamps.frombytes(np.full(n, math.nan).tobytes())
            self.offsets.frombytes(np.full(n, NO_OFFSET, dtype=np.int32).tobytes())
            return
        stamps, offsets, bad = parse_times(texts)
        if bad is not None:
            cleaned = [clean_time(t) for t in texts]
            stamps, offsets, bad = parse_times(cleaned)
            if bad is not None:  # the rows before it keep their times; it fails its track
                self.bad_time = (first + bad, str(cleaned[bad]))
                stamps, offsets, _ = parse_times(cleaned[:bad])
                stamps = np.concatenate([stamps, np.full(n - bad, math.nan)])
                if offsets is not None:
                    offsets = np.concatenate([offsets, np.full(n - bad, NO_OFFSET, np.int32)])
        if offsets is None:
            offsets = np.full(n, NO_OFFSET, dtype=np.int32)
        self.stamps.frombytes(np.asarray(stamps, dtype=np.float64).tobytes())
        self.offsets.frombytes(np.asarray(offsets, dtype=np.int32).tobytes())

    def take(
        self, stop: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
        """The rows before *stop* not yet taken: latitudes, longitudes, elevations, times, offsets.

        Times are ``None`` where no row has one, offsets where none gives one.
        """
        k = stop - self.base
        out = []
        for column, dtype in (
            (self.lat, np.float64),
            (self.lon, np.float64),
            (self.ele, np.float64),
            (self.stamps, np.float64),
            (self.offsets, np.int32),
        ):
            out.append(np.frombuffer(column[:k], dtype=dtype))
            del column[:k]
        self.base = stop
        lat, lon, ele, stamps, offsets = out
        times = None if np.isnan(stamps).all() else stamps
        given = offsets if times is not None and (offsets != NO_OFFSET).any() else None
        return lat, lon, ele, times, given

    def raise_if_before(self, stop: int, fail: Callable[[int, str], Exception]) -> None:
        """Raise the first problem if it is in a row before *stop*."""
        if self.problem is not None and self.problem[0] < stop:
            raise fail(*self.problem)
