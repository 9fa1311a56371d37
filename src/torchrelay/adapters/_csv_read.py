"""Reading CSV: the legs layout, the points layout, and GPS loggers' tracks, told from the header.

Every problem names its line (the first line of the record, for fields with
line breaks) and the column, and all of them are collected before a
:class:`~torchrelay.exceptions.ParseError`.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import operator
import os
import re
from collections.abc import Callable, Sequence
from typing import IO, Any

import numpy as np

from .._columns import NO_OFFSET
from .._geo import Place
from .._legs import Leg
from .._path import Path
from .._relay import Relay
from ..exceptions import (
    InvalidTypeError,
    InvalidValueError,
    Location,
    ParseError,
    Problem,
    TorchRelayError,
)
from ._csv_columns import ByteColumns, RowColumns, byte_columns, row_columns
from ._csv_legs import LEG_COLUMNS, Problems, Trim, legs_relay
from ._zones import zone_at

__all__ = ["LEG_COLUMNS", "MAX_BYTES", "NEUTRALISED_MARKER", "POINT_COLUMNS", "loads", "sniff"]

MAX_BYTES = 1024 * 1024 * 1024
"""The largest file :func:`loads` reads unless its ``max_bytes`` allows more.

.. versionadded:: 0.1.0
"""

POINT_COLUMNS = ("leg_id", "index", "latitude", "longitude", "altitude", "time")
"""The first columns of the points layout; per-point columns follow, by name.

.. versionadded:: 0.1.0
"""

NEUTRALISED_MARKER = "torchrelay:neutralised"
"""The last header cell of a file whose risky text cells the writer put behind an apostrophe.

.. versionadded:: 0.1.0
"""

Columns = ByteColumns | RowColumns

_LAT = ("lat", "latitude", "y")
_LON = ("lon", "lng", "long", "longitude", "x")
_ALT = ("ele", "alt", "altitude", "elevation")
_TIME = ("time", "timestamp")
_SPACE = re.compile(r"\s+")
_POINT = re.compile(r"'(latitudes|longitudes|altitudes|times)\[(\d+)\]'")


def _text(data: object, encoding: str | None, max_bytes: int) -> str:
    if type(max_bytes) is not int or max_bytes < 0:
        msg = f"'max_bytes' must be a whole number of bytes, 0 or more (got {max_bytes!r})"
        raise InvalidTypeError(msg)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except (LookupError, TypeError):
            msg = f"'encoding' must name a text encoding such as 'cp1251' (got {encoding!r})"
            raise InvalidValueError(msg) from None
    if hasattr(data, "read") and not isinstance(data, str | bytes):
        data = data.read(max_bytes + 1)
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, str | bytes):
        msg = f"loads() takes text, bytes or a binary file object (got {type(data).__name__})"
        raise InvalidTypeError(msg)
    if len(data) > max_bytes:
        msg = f"the file is larger than {max_bytes:,} bytes; pass a larger max_bytes= to read it"
        raise ParseError([Problem(Location(), msg)])
    if isinstance(data, bytes):
        try:
            text = data.decode(encoding or "utf-8-sig")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            name = encoding or "UTF-8"
            msg = (
                f"not {name} text ({error.reason}); if the file is in another encoding, "
                "pass it, such as encoding='cp1251'"
            )
            raise ParseError([Problem(Location(line=line), msg)]) from None
    else:
        text = data
    text = text.removeprefix("\ufeff")
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        msg = "a NUL character, which CSV text cannot hold"
        raise ParseError([Problem(Location(line=line), msg)])
    return text


def sniff(head: bytes) -> bool:
    """Whether a document's first bytes look like CSV: a header of separated names."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not text or text[:1] in b"{[<":
        return False
    first = text.split(b"\n", 1)[0]
    return b"," in first or b";" in first


def _floats(
    columns: Columns, j: int, name: str, problems: Problems, *, comma: bool, missing: bool
) -> Any:
    """Column *j* as numbers; an empty cell is NaN where *missing*, else a problem."""
    found = columns.floats(j, comma=comma, missing=missing)
    if found is not None:
        return found
    values = columns.texts(j)
    out = np.empty(len(values))
    for i, v in enumerate(values):
        try:
            out[i] = float(v.replace(",", ".") if comma else v) if v or not missing else np.nan
        except ValueError:
            problems.add(columns.line(i), name, f"must be a number (got {v!r})")
            return None
    return out  # pragma: no cover - the bulk read fails only where a cell does


_SUFFIX = re.compile(r"(?:Z|[+-]\d\d:\d\d)\Z")


def _one_suffix(column: Sequence[str]) -> tuple[Any, Any] | None:
    """Times that all end with one offset (``Z`` or ``+04:00``), parsed in bulk; else None."""
    first = column[0] if column else ""
    found = _SUFFIX.search(first)
    if found is None or "T" not in first:
        return None
    suffix = found.group()
    k = len(suffix)
    if not all(map(operator.methodcaller("endswith", suffix), column)):
        return None
    try:
        wall = np.array([v[:-k] for v in column], dtype="datetime64[us]")
    except ValueError:
        return None
    return _stamped(wall, suffix, len(column))


def _fixed_times(cells: Any) -> tuple[Any, Any] | None:
    """Times of one width that all end with one offset, read from a matrix of their bytes."""
    if cells is None or len(cells) == 0:
        return None
    width = cells.shape[1]
    head = cells[0].tobytes().decode("ascii", "replace")
    found = _SUFFIX.search(head)
    if found is None or "T" not in head:
        return None
    k = len(found.group())
    if not (cells[:, width - k :] == cells[0, width - k :]).all():
        return None
    try:
        wall = np.ascontiguousarray(cells[:, : width - k]).view(f"S{width - k}").ravel()
        stamps = wall.astype("datetime64[us]")
    except ValueError:
        return None
    return _stamped(stamps, found.group(), len(cells))


def _stamped(wall: Any, suffix: str, n: int) -> tuple[Any, Any] | None:
    """POSIX seconds and offsets of wall times that all carry *suffix*; ``None`` for a NaT."""
    if np.isnat(wall).any():
        return None
    stamps = wall.astype(np.int64) / 1e6
    if suffix == "Z":
        return stamps, np.full(n, NO_OFFSET, dtype=np.int32)
    sign = -1 if suffix[0] == "-" else 1
    offset = sign * (int(suffix[1:3]) * 3600 + int(suffix[4:6]) * 60)
    return stamps - offset, np.full(n, offset, dtype=np.int32)


def _times(columns: Columns, j: int, name: str, problems: Problems) -> tuple[Any, Any]:
    bulk = _fixed_times(columns.fixed(j))
    if bulk is not None:
        return bulk
    column = columns.texts(j)
    bulk = _one_suffix(column)
    if bulk is not None:
        return bulk
    stamps, offsets = [], []
    none, utc = int(NO_OFFSET), dt.UTC
    parse = dt.datetime.fromisoformat
    for i, value in enumerate(column):
        if not value:
            stamps.append(float("nan"))
            offsets.append(none)
            continue
        try:
            t = parse(value)
        except ValueError:
            try:
                stamps.append(float(value))
            except ValueError:
                problems.add(
                    columns.line(i),
                    name,
                    f"must be an ISO 8601 time or POSIX seconds (got {value!r})",
                )
                return [], []
            offsets.append(none)
            continue
        offset = t.utcoffset()
        if offset is None:
            t = t.replace(tzinfo=utc)  # a logger's time without an offset: UTC
        stamps.append(t.timestamp())
        offsets.append(none if offset is None or value[-1] in "Zz" else int(offset.total_seconds()))
    return stamps, offsets


def _find(header: list[str], names: Sequence[str]) -> int | None:
    lower = [h.strip().lower() for h in header]
    return next((lower.index(n) for n in names if n in lower), None)


def _per_point(values: Sequence[str], problems: Problems, unescape: Callable[[str], str]) -> Any:
    try:
        return np.array([v or "nan" for v in values], dtype=np.float64)
    except ValueError:
        return np.array([unescape(v) if v else None for v in values], dtype=object)


def _positions(
    columns: Columns,
    header: list[str],
    at: tuple[int, int, int | None],
    problems: Problems,
    *,
    comma: bool,
) -> tuple[Any, Any, Any]:
    """Latitudes, longitudes and altitudes (``None`` without), in one pass if side by side."""
    lat_at, lon_at, alt_at = at
    if alt_at is not None and lon_at == lat_at + 1 and alt_at == lon_at + 1:
        block = columns.block(lat_at, 3, comma=comma)
        if block is not None:
            return block[:, 0], block[:, 1], block[:, 2]
    lat = _floats(columns, lat_at, header[lat_at], problems, comma=comma, missing=False)
    lon = _floats(columns, lon_at, header[lon_at], problems, comma=comma, missing=False)
    if alt_at is None:
        return lat, lon, None
    return lat, lon, _floats(columns, alt_at, header[alt_at], problems, comma=comma, missing=True)


def _track(
    header: list[str],
    columns: Columns,
    name: str,
    unescape: Callable[[str], str],
    *,
    comma: bool,
    ours: bool,
) -> Relay:
    problems = Problems(header)
    wrong = columns.wrong_width(len(header))
    if wrong is not None:
        row, width = wrong
        problems.add(columns.line(row), None, f"has {width} fields; the header has {len(header)}")
        raise ParseError(problems.problems)
    lat_at, lon_at = _find(header, _LAT), _find(header, _LON)
    if lat_at is None or lon_at is None:
        found = ", ".join(repr(h) for h in header[:12])
        msg = (
            f"no latitude and longitude columns (such as lat and lon) in the header; found {found}"
        )
        raise ParseError([Problem(Location(line=1), msg)])
    if not columns.rows:
        raise ParseError([Problem(Location(line=2), "no rows: a track needs at least one point")])
    alt_at, time_at = _find(header, _ALT), _find(header, _TIME)
    lat, lon, alt = _positions(columns, header, (lat_at, lon_at, alt_at), problems, comma=comma)
    stamps, offsets = (
        (None, None) if time_at is None else _times(columns, time_at, header[time_at], problems)
    )
    if problems.problems:
        raise ParseError(problems.problems)
    used = {i for i in (lat_at, lon_at, alt_at, time_at) if i is not None}
    skip = {0, 1} if ours else set()
    extra = {
        (h if ours else f"csv:{_SPACE.sub('_', h.strip()) or i}"): _per_point(
            columns.texts(i), problems, unescape
        )
        for i, h in enumerate(header)
        if i not in used | skip
    }
    changes = columns.changes(0).tolist() if ours else []
    starts = [0, *changes, columns.rows]
    labels = columns.cells(0, starts[:-1]) if ours else [name] * (len(starts) - 1)
    legs = []
    fields = {"latitudes": lat_at, "longitudes": lon_at, "altitudes": alt_at, "times": time_at}
    for (s, e), cell in zip(itertools.pairwise(starts), labels, strict=True):
        try:
            path = Path.from_arrays(
                lat[s:e],
                lon[s:e],
                None if alt is None else alt[s:e],
                None if stamps is None else stamps[s:e],
                offsets=None if offsets is None else offsets[s:e],
                columns={k: v[s:e] for k, v in extra.items()},
            )
        except TorchRelayError as error:
            where = _POINT.search(str(error))
            row, field = s, None
            if where is not None and fields.get(where.group(1)) is not None:
                row, field = s + int(where.group(2)), header[fields[where.group(1)]]  # type: ignore[index]
            problems.add(columns.line(row), field, str(error))
            raise ParseError(problems.problems) from None
        label = unescape(cell) if ours else name
        first, last = path[0], path[-1]
        origin = Place(f"{label} (start)", first, timezone=zone_at(first.latitude, first.longitude))
        destination = Place(f"{label} (end)", last, timezone=zone_at(last.latitude, last.longitude))
        leg_id = label if ours else None
        legs.append(
            Leg(origin, destination, None, None, "unknown", "unknown", path=path, id=leg_id)
        )
    try:
        return Relay(name, None, legs)
    except TorchRelayError as error:
        path_of: tuple[str | int, ...] = getattr(error, "path", ())
        if len(path_of) >= 2 and path_of[0] == "legs" and isinstance(path_of[1], int):
            problems.add(columns.line(starts[path_of[1]]), header[0], str(error))
            raise ParseError(problems.problems) from None
        raise ParseError([Problem(Location(), str(error))]) from None  # pragma: no cover


def loads(
    data: str | bytes | IO[bytes],
    *,
    source: str | None = None,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Relay:
    """Read a relay from CSV text, bytes or a binary file object, in either layout or a logger's.

    Args:
        data: The document, or a binary file object to read it from.
        source: A name for the input (a file name) to put in error messages.
        encoding: The text encoding of bytes, such as ``"cp1251"``; UTF-8
            (with or without a byte order mark) by default.
        max_bytes: The largest file to read.

    Raises:
        ParseError: If the file cannot be read as CSV of positions or legs,
            naming the line of every problem; a file that is not UTF-8
            suggests ``encoding=``.
        InvalidTypeError: If *data* is neither text, bytes nor a file object.
        InvalidValueError: For an unknown encoding.

    .. versionadded:: 0.1.0
    """
    try:
        text = _text(data, encoding, max_bytes)
        end = text.find("\n")
        head = text if end < 0 else text[:end]
        delimiter = ";" if head.count(";") > head.count(",") else ","
        # A header of one line without quotes, ended by a line feed, is cut here, and
        # the body after it may be cut in bulk; anything else goes through the csv module.
        plain = '"' not in head and "\r" not in head.removesuffix("\r")
        reader = _LazyReader(text, delimiter)
        try:
            if plain:
                cells = head.removesuffix("\r").split(delimiter) if head.strip("\r") else []
            else:
                cells = next(reader, [])
            header = [h.strip() for h in cells]
            if not header:
                msg = "the file is empty: a CSV needs a header"
                raise ParseError([Problem(Location(line=1), msg)])
            marked = header[-1] == NEUTRALISED_MARKER

            def unescape(cell: str) -> str:
                return cell[1:] if marked and cell.startswith("'") else cell

            name = os.path.basename(source) if source else "CSV import"
            comma = delimiter == ";"
            if marked:
                header = header[:-1]
            if {"origin", "destination", "mode"} <= set(header):
                reader.skip(header=plain)
                return legs_relay(header, Trim(reader, marked), name, unescape, comma=comma)
            columns: Columns | None = None
            if plain:
                columns = byte_columns(text, delimiter, len(header) + marked)
            if columns is None:
                reader.skip(header=plain)
                columns = row_columns(reader, text, delimiter, marked=marked)
            ours = header[:2] == ["leg_id", "index"]
            return _track(header, columns, name, unescape, comma=comma, ours=ours)
        except csv.Error as error:
            where = Location(line=reader.line_num)
            raise ParseError([Problem(where, f"not CSV: {error}")]) from None
    except ParseError as error:
        raise ParseError(error.problems, source) from None


class _LazyReader:
    """A csv.reader over *text*, made when first asked for a row: the bulk path needs none."""

    def __init__(self, text: str, delimiter: str) -> None:
        self._text, self._delimiter = text, delimiter
        self._reader: Any = None

    def _made(self) -> Any:
        if self._reader is None:
            stream = io.StringIO(self._text, newline="")
            self._reader = csv.reader(stream, delimiter=self._delimiter, strict=True)
        return self._reader

    @property
    def line_num(self) -> int:
        return 0 if self._reader is None else int(self._reader.line_num)

    def skip(self, *, header: bool) -> None:
        """Pass over the header's line, where it was read without the csv module."""
        if header:
            next(self._made())

    def __iter__(self) -> _LazyReader:
        return self

    def __next__(self) -> list[str]:
        row: list[str] = next(self._made())
        return row
