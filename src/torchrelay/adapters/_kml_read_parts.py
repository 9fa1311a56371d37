"""The pieces of a KML Placemark as columns: coordinates, gx:Track points, times.

KML writes positions as text in two shapes: ``coordinates`` holds
``lon,lat[,alt]`` tuples separated by white space, and a ``gx:Track`` one
``gx:coord`` a point, ``lon lat [alt]``, beside one ``when`` a point. Both
are converted in bulk: the texts of a track are joined and read by numpy in
one call, and its times, where they all share the common shapes
``YYYY-MM-DDTHH:MM:SSZ`` or ``...+HH:MM``, by numpy's ``datetime64``; any
other shape is read one at a time, exactly as GPX reads it.

Times of a ``TimeStamp`` or ``TimeSpan`` may be coarser than a second: a year
alone (``2013``), a month (``2013-10``) or a day (``2013-10-07``). Such a time
reads as the first instant of its period, in UTC, with a
:class:`~torchrelay.TimePrecision` that says how much of it is known: a day
is ``day``, a month or a year ``approximate``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import warnings
from collections.abc import Sequence

import numpy as np
import pendulum

from .._columns import NO_OFFSET
from .._convert import NAMESPACED_PATTERN
from .._time import TimePrecision
from ._timetext import TimeTextError, _offset_seconds, parse_instant
from ._xmltime import parse_times

__all__ = [
    "CoordinateError",
    "Line",
    "coarsest",
    "column_key",
    "empty_line",
    "key_text",
    "kml_time",
    "parse_coordinates",
    "parse_track",
    "track_times",
]

_COMMA_SPACE = re.compile(r"\s*,\s*")
_KEY_UNSAFE = re.compile(r"[\s%\x00-\x1f]")
_NAMESPACED = re.compile(NAMESPACED_PATTERN)


def key_text(name: str) -> str:
    """A KML name (``Phone number``) as the last part of a key: spaces and ``%`` percent-encoded.

    Keys hold no spaces, and Google My Maps names its fields after column
    headings that do; ``Phone%20number`` is the same name, written so it
    can be read back.
    """
    return _KEY_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), name)


def column_key(name: str) -> str:
    """A ``gx:SimpleArrayData`` name as a column key: itself if namespaced, else ``kml:<name>``.

    torchrelay writes its columns' own keys (``gpxtpx:hr``); other writers use
    plain names (``heartrate``, as in Google's reference).
    """
    return name if _NAMESPACED.match(name) else f"kml:{key_text(name)}"


_YEAR = re.compile(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?\Z")
_MINUTES = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d)(Z|[+-]\d\d:\d\d)?\Z")
_ZONE = re.compile(r"[+-]\d\d:\d\d\Z")
_SECONDS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?\Z")
_COARSER = {
    TimePrecision.EXACT: 0,
    TimePrecision.MINUTE: 1,
    TimePrecision.DAY: 2,
    TimePrecision.APPROXIMATE: 3,
}


class CoordinateError(ValueError):
    """Coordinate text that cannot be read; *index* is the bad tuple's position (from 0)."""

    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.index = index


class Line:
    """The points of one LineString or gx:Track: longitudes, latitudes, altitudes, times.

    *times* holds the ``when`` texts of a track (``None`` for a LineString);
    *columns* a track's ``gx:SimpleArrayData`` values by name, one text a point.
    """

    __slots__ = ("alt", "columns", "lat", "lon", "times")

    def __init__(
        self,
        lon: np.ndarray,
        lat: np.ndarray,
        alt: np.ndarray,
        times: list[str | None] | None = None,
        columns: dict[str, list[str | None]] | None = None,
    ) -> None:
        self.lon = lon
        self.lat = lat
        self.alt = alt
        self.times = times
        self.columns = columns or {}

    def __len__(self) -> int:
        return len(self.lat)


def _checked(values: np.ndarray, dims: int, texts: Sequence[str]) -> np.ndarray:
    """The values as a (n, dims) array, checked: finite, latitudes and longitudes in range."""
    table = values.reshape(-1, dims)
    bad = ~np.isfinite(table[:, :2]).all(axis=1) | np.isinf(table[:, 2])  # NaN: no altitude
    bad |= np.abs(table[:, 1]) > 90.0
    bad |= np.abs(table[:, 0]) > 180.0
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        msg = (
            f"{texts[i]!r} is not a position: longitude from -180 to 180, "
            "latitude from -90 to 90, altitude finite"
        )
        raise CoordinateError(msg, i)
    return table


def _one(text: str, sep: str | None, i: int) -> tuple[float, float, float]:
    parts = text.split(sep)
    try:
        if len(parts) not in (2, 3) or "x" in text.lower():
            raise ValueError
        numbers = [float(p) for p in parts]
    except ValueError:
        what = "lon,lat[,alt]" if sep == "," else "lon lat [alt]"
        msg = f"{text!r} is not {what} numbers"
        raise CoordinateError(msg, i) from None
    if len(numbers) == 2:
        numbers.append(math.nan)
    table = _checked(np.array(numbers), 3, [text])
    return float(table[0, 0]), float(table[0, 1]), float(table[0, 2])


def _bulk(joined: str, count: int) -> np.ndarray | None:
    """*joined*'s numbers in one numpy call, or ``None`` when they are not 2 or 3 a point."""
    if "x" in joined or "X" in joined:  # strtod reads hexadecimal; KML numbers are decimal
        return None
    try:
        values = np.fromstring(joined, sep=" ")  # C speed; raises on text that is not numbers
    except ValueError:
        return None
    if len(values) == 3 * count:
        return values
    if len(values) == 2 * count:
        table = np.full((count, 3), math.nan)
        table[:, :2] = values.reshape(-1, 2)
        return table.reshape(-1)
    return None


def _columns(values: np.ndarray | None, texts: Sequence[str], sep: str | None) -> Line:
    if values is not None:
        table = _checked(values, 3, texts)
    else:  # mixed 2-D and 3-D points, or a bad one: one at a time, naming it
        table = np.array([_one(t, sep, i) for i, t in enumerate(texts)]).reshape(-1, 3)
    return Line(
        np.ascontiguousarray(table[:, 0]),
        np.ascontiguousarray(table[:, 1]),
        np.ascontiguousarray(table[:, 2]),
    )


def parse_coordinates(text: str | None) -> Line:
    """A ``coordinates`` element's ``lon,lat[,alt]`` tuples as columns (empty for no text).

    Raises:
        CoordinateError: For a tuple that is not two or three finite numbers,
            or a position out of range; its index names it.
    """
    if text is None:
        return parse_track([])
    if ", " in text or " ," in text or ",\t" in text or ",\n" in text:
        text = _COMMA_SPACE.sub(",", text)  # "lon, lat": lenient, as Google Earth is
    tuples = text.split()
    return _columns(_bulk(text.replace(",", " "), len(tuples)), tuples, ",")


def parse_track(coords: Sequence[str | None]) -> Line:
    """A ``gx:Track``'s ``gx:coord`` texts (``lon lat [alt]``) as columns.

    Raises:
        CoordinateError: For a text that is not two or three finite numbers,
            or a position out of range; its index names it.
    """
    texts = [c or "" for c in coords] if None in coords else coords
    if not texts:
        return empty_line()
    return _columns(_bulk(" ".join(texts), len(texts)), texts, None)  # type: ignore[arg-type]


def _stripped(texts: Sequence[str | None]) -> list[str | None]:
    out: list[str | None] = []
    for text in texts:
        if text is not None and (text[:1] <= " " or text[-1:] <= " "):
            out.append(text.strip() or None)
        else:
            out.append(text)
    return out


def _zones(suffixes: set[str]) -> dict[str, tuple[int, int]] | None:
    """Each zone suffix's shift in seconds and offset marker, or ``None`` if one is not a zone."""
    table = {}
    for suffix in suffixes:
        if suffix == "Z":
            table[suffix] = (0, int(NO_OFFSET))
        elif _ZONE.match(suffix):
            try:
                seconds = _offset_seconds(suffix)
            except ValueError:
                return None
            table[suffix] = (seconds, seconds)
        else:
            return None
    return table


def track_times(
    texts: Sequence[str | None],
) -> tuple[np.ndarray, np.ndarray | None, int | None]:
    """A track's ``when`` texts as POSIX seconds, offsets, and the first bad index (or ``None``).

    Where every text is ``YYYY-MM-DDTHH:MM:SS`` and a zone (``Z`` or
    ``±HH:MM``), the walls convert in one numpy call and the zones through a
    table of the few distinct ones; any other column is read as GPX reads
    its times, one at a time.
    """
    n = len(texts)
    if n and None not in texts:
        suffixes = {t[19:] for t in texts}  # type: ignore[index]
        table = _zones(suffixes) if len(suffixes) <= 64 else None
        if table is not None and all(t[10] == "T" for t in texts):  # type: ignore[index]
            try:
                with warnings.catch_warnings():  # numpy warns before refusing "12 29:33"
                    warnings.simplefilter("error")
                    walls = np.array([t[:19] for t in texts], dtype="datetime64[s]")  # type: ignore[index]
            except (ValueError, UserWarning):
                pass
            else:
                stamps = walls.astype(np.int64).astype(np.float64)
                if len(table) == 1:
                    shift, marker = table[next(iter(suffixes))]
                    if marker == NO_OFFSET:
                        return stamps, None, None
                    return stamps - shift, np.full(n, marker, dtype=np.int32), None
                pairs = np.array([table[t[19:]] for t in texts])  # type: ignore[index]
                return stamps - pairs[:, 0], pairs[:, 1].astype(np.int32), None
    return parse_times(_stripped(texts))


def _first(value: dt.datetime) -> pendulum.DateTime:
    return pendulum.instance(value.replace(tzinfo=dt.UTC)).in_tz("UTC")


def kml_time(text: str) -> tuple[pendulum.DateTime, TimePrecision]:
    """A ``when``, ``begin`` or ``end`` text as an instant and how precise it is.

    A year, a month or a day is the first instant of that period in UTC; a
    time without an offset is read in UTC too (KML gives it no other meaning
    a reader can know); a time to the minute has precision ``minute``.

    Raises:
        TimeTextError: For text that is none of KML's time shapes.
    """
    text = text.strip()
    year = _YEAR.match(text)
    try:
        if year is not None:
            month, day = year.group(2), year.group(3)
            value = dt.datetime(int(year.group(1)), int(month or 1), int(day or 1))
            coarse = TimePrecision.DAY if day else TimePrecision.APPROXIMATE
            return _first(value), coarse
        minutes = _MINUTES.match(text)
        if minutes is not None:
            zone = minutes.group(2) or "Z"
            return parse_instant(f"{minutes.group(1)}:00{zone}"), TimePrecision.MINUTE
        if _SECONDS.match(text):
            return _first(dt.datetime.fromisoformat(text)), TimePrecision.EXACT
        return parse_instant(text), TimePrecision.EXACT
    except ValueError as error:
        if isinstance(error, TimeTextError):
            raise
        msg = f"not a date and time on the calendar (got {text!r})"
        raise TimeTextError(msg) from None


def coarsest(*precisions: TimePrecision) -> TimePrecision:
    """The least precise of *precisions*."""
    return max(precisions, key=_COARSER.__getitem__)


def empty_line() -> Line:
    """A line of no points (an empty ``coordinates``, a track without points)."""
    empty = np.empty(0)
    return Line(empty, empty, empty)
