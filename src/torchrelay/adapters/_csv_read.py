"""Reading CSV: the legs layout, the points layout, and GPS loggers' tracks, told from the header.

Every problem names its line (the first line of the record, for fields with
line breaks) and the column, and all of them are collected before a
:class:`~torchrelay.exceptions.ParseError`.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gc
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
from ..exceptions import InvalidTypeError, InvalidValueError, ParseError, Problem, TorchRelayError
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

_LAT = ("lat", "latitude", "y")
_LON = ("lon", "lng", "long", "longitude", "x")
_ALT = ("ele", "alt", "altitude", "elevation")
_TIME = ("time", "timestamp")
_SPACE = re.compile(r"\s+")


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
        raise ParseError([Problem("", msg)])
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
            raise ParseError([Problem(f"line {line}", msg)]) from None
    else:
        text = data
    text = text.removeprefix("\ufeff")
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise ParseError([Problem(f"line {line}", "a NUL character, which CSV text cannot hold")])
    return text


def sniff(head: bytes) -> bool:
    """Whether a document's first bytes look like CSV: a header of separated names."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if not text or text[:1] in b"{[<":
        return False
    first = text.split(b"\n", 1)[0]
    return b"," in first or b";" in first


def _floats(
    column: Sequence[str], name: str, problems: Problems, *, comma: bool, missing: bool
) -> Any:
    values: Any = [v.replace(",", ".") for v in column] if comma else column
    try:
        return np.fromiter(map(float, values), dtype=np.float64, count=len(values))
    except ValueError:
        pass
    out = np.empty(len(values))
    for i, v in enumerate(values):
        try:
            out[i] = float(v) if v or not missing else np.nan
        except ValueError:
            problems.add(i + 2, name, f"must be a number (got {v!r})")
            return None
    return out


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
    if np.isnat(wall).any():
        return None
    stamps = wall.astype(np.int64) / 1e6
    if suffix == "Z":
        return stamps, np.full(len(column), NO_OFFSET, dtype=np.int32)
    sign = -1 if suffix[0] == "-" else 1
    offset = sign * (int(suffix[1:3]) * 3600 + int(suffix[4:6]) * 60)
    return stamps - offset, np.full(len(column), offset, dtype=np.int32)


def _times(column: Sequence[str], name: str, problems: Problems) -> tuple[Any, Any]:
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
                    i + 2, name, f"must be an ISO 8601 time or POSIX seconds (got {value!r})"
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


def _track(
    header: list[str],
    rows: list[list[str]],
    name: str,
    unescape: Callable[[str], str],
    *,
    comma: bool,
    ours: bool,
) -> Relay:
    problems = Problems()
    if set(map(len, rows)) - {len(header)}:
        i = next(i for i, row in enumerate(rows) if len(row) != len(header))
        problems.add(i + 2, None, f"has {len(rows[i])} fields; the header has {len(header)}")
        raise ParseError(problems.problems)
    lat_at, lon_at = _find(header, _LAT), _find(header, _LON)
    if lat_at is None or lon_at is None:
        found = ", ".join(repr(h) for h in header[:12])
        msg = (
            f"no latitude and longitude columns (such as lat and lon) in the header; found {found}"
        )
        raise ParseError([Problem("line 1", msg)])
    if not rows:
        raise ParseError([Problem("line 2", "no rows: a track needs at least one point")])
    alt_at, time_at = _find(header, _ALT), _find(header, _TIME)
    columns = [list(map(operator.itemgetter(i), rows)) for i in range(len(header))]
    lat = _floats(columns[lat_at], header[lat_at], problems, comma=comma, missing=False)
    lon = _floats(columns[lon_at], header[lon_at], problems, comma=comma, missing=False)
    alt = (
        None
        if alt_at is None
        else _floats(columns[alt_at], header[alt_at], problems, comma=comma, missing=True)
    )
    stamps, offsets = (
        (None, None) if time_at is None else _times(columns[time_at], header[time_at], problems)
    )
    if problems.problems:
        raise ParseError(problems.problems)
    used = {i for i in (lat_at, lon_at, alt_at, time_at) if i is not None}
    skip = {0, 1} if ours else set()
    extra = {
        (h if ours else f"csv:{_SPACE.sub('_', h.strip()) or i}"): _per_point(
            columns[i], problems, unescape
        )
        for i, h in enumerate(header)
        if i not in used | skip
    }
    ids = columns[0] if ours else ("",) * len(rows)
    marks = np.array(ids, dtype=object)
    starts = [0, *(np.flatnonzero(marks[1:] != marks[:-1]) + 1).tolist(), len(rows)]
    legs = []
    for s, e in itertools.pairwise(starts):
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
            raise ParseError([Problem(f"lines {s + 2} to {e + 1}", str(error))]) from None
        label = unescape(ids[s]) if ours else name
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
        raise ParseError([Problem("", str(error))]) from None


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
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        try:
            header = [h.strip() for h in next(reader, [])]
            if not header:
                raise ParseError([Problem("line 1", "the file is empty: a CSV needs a header")])
            marked = header[-1] == NEUTRALISED_MARKER

            def unescape(cell: str) -> str:
                return cell[1:] if marked and cell.startswith("'") else cell

            name = os.path.basename(source) if source else "CSV import"
            comma = delimiter == ";"
            if marked:
                header = header[:-1]
            if {"origin", "destination", "mode"} <= set(header):
                return legs_relay(header, Trim(reader, marked), name, unescape, comma=comma)
            rows = _rows(reader)
            if marked:
                rows = [r[:-1] for r in rows]
            ours = header[:2] == ["leg_id", "index"]
            return _track(header, rows, name, unescape, comma=comma, ours=ours)
        except csv.Error as error:
            raise ParseError([Problem(f"line {reader.line_num}", f"not CSV: {error}")]) from None
    except ParseError as error:
        raise ParseError(error.problems, source) from None


def _rows(reader: Any) -> list[list[str]]:
    """Every row, with the cycle collector paused: a million fresh lists hold no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return list(reader)
    finally:
        if enabled:
            gc.enable()
