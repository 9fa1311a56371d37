"""The body of a points CSV as columns: cut in bulk from the bytes where it can be, else by rows.

A GPS log or a points layout of a million rows is read a column at a time. A
body without quotes (no ``"`` anywhere) and with one kind of line end has
one record a line, so numpy finds every separator at once, checks that each
line has the header's number of fields, and converts whole columns: numbers
through ``numpy.fromstring`` on the column's cells, times of one width and
one offset through numpy's ISO 8601 parser, text only where asked for.
Anything else (quotes, a stray carriage return, a row of the wrong width, a
cell that is not a plain number) goes the careful way, row by row with the
``csv`` module, which names the line of each problem. The two ways give the
same columns.
"""

from __future__ import annotations

import csv
import gc
import io
import operator
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["ByteColumns", "RowColumns", "byte_columns", "row_columns"]

IntArray = npt.NDArray[np.int64]

# The bytes a plain number may hold; anything else goes through float() cell by cell.
_NUMBER_BYTES = np.zeros(256, dtype=np.bool_)
_NUMBER_BYTES[np.frombuffer(b"0123456789.+-eEnaNAifIF", dtype=np.uint8)] = True
_LF, _CR, _COMMA, _DOT, _SEMICOLON = 10, 13, 44, 46, 59


def _parse_numbers(text: bytes, count: int) -> Any:
    """*count* numbers separated by commas, or ``None`` where the text is not just that."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        try:
            found = np.fromstring(text, dtype=np.float64, sep=",")
        except (ValueError, DeprecationWarning):
            return None
    return found if len(found) == count else None


class ByteColumns:
    """The cells of a body without quotes, one record a line, by their byte ranges."""

    def __init__(self, data: npt.NDArray[np.uint8], starts: IntArray, ends: IntArray) -> None:
        self._data, self._starts, self._ends = data, starts, ends
        self.rows = len(starts)

    def line(self, row: int) -> int:
        """The line of the file a row is on: the header is line 1."""
        return row + 2

    def _gather(self, j: int, fill: int, last: int | None = None) -> tuple[Any, IntArray]:
        """Column *j*'s cells (to column *last*'s) one after the other, each followed by *fill*.

        Each cell is taken with the byte that ends it (a separator or a line
        end), through a mask of the spans: no index a byte.
        """
        s, e = self._starts[:, j], self._ends[:, j if last is None else last]
        marks = np.zeros(len(self._data) + 1, dtype=np.int8)
        marks[s] = 1
        marks[e + 1] -= 1
        inside = np.cumsum(marks[:-1], dtype=np.int8).view(np.bool_)
        out = self._data[inside]
        lens = e - s
        out[np.cumsum(lens + 1) - 1] = fill
        return out, lens

    def wrong_width(self, width: int) -> None:
        """No row of another width: every line was checked when the body was cut."""
        return

    def cells(self, j: int, rows: Sequence[int]) -> list[str]:
        """The text of column *j* in each of *rows*."""
        data, s, e = self._data, self._starts[:, j], self._ends[:, j]
        return [data[s[r] : e[r]].tobytes().decode("utf-8", "surrogatepass") for r in rows]

    def texts(self, j: int) -> list[str]:
        """Column *j* as text, a cell a row."""
        out, _ = self._gather(j, _LF)
        texts: list[str] = out.tobytes().decode("utf-8", "surrogatepass").split("\n")[:-1]
        return texts

    def floats(self, j: int, *, comma: bool, missing: bool) -> Any:
        """Column *j* as numbers, empty cells NaN where *missing*; ``None``: look closer."""
        out, lens = self._gather(j, _COMMA)
        cells = np.ones(len(out), dtype=np.bool_)
        cells[np.cumsum(lens + 1) - 1] = False
        if comma:
            out[cells & (out == _COMMA)] = _DOT
        empty = lens == 0
        if not _NUMBER_BYTES[out[cells]].all() or (empty.any() and not missing):
            return None
        values = np.full(self.rows, np.nan)
        if empty.all():
            return values
        if empty.any():
            out = out[np.repeat(~empty, lens + 1)]
        found = _parse_numbers(out[:-1].tobytes(), int(np.count_nonzero(~empty)))
        if found is None or not empty.any():
            return found
        values[~empty] = found
        return values

    def block(self, j: int, count: int, *, comma: bool) -> Any:
        """Columns *j* to *j* + *count* - 1 as a matrix of numbers, a row a row; ``None``: not so.

        Neighbouring number columns (a point's latitude, longitude and
        altitude) are read in one pass; an empty cell sends them one by one.
        """
        if self.rows == 0 or (self._ends[:, j : j + count] == self._starts[:, j : j + count]).any():
            return None
        out, lens = self._gather(j, _COMMA, j + count - 1)
        cells = np.ones(len(out), dtype=np.bool_)
        cells[np.cumsum(lens + 1) - 1] = False
        if comma:
            out[cells & (out == _COMMA)] = _DOT
            out[out == _SEMICOLON] = _COMMA
        if not _NUMBER_BYTES[out[cells & (out != _COMMA)]].all():
            return None
        found = _parse_numbers(out[:-1].tobytes(), self.rows * count)
        return None if found is None else found.reshape(self.rows, count)

    def fixed(self, j: int) -> npt.NDArray[np.uint8] | None:
        """Column *j* as a matrix of bytes, a row a cell, where every cell has one width."""
        s, e = self._starts[:, j], self._ends[:, j]
        width = int(e[0] - s[0]) if self.rows else 0
        if width == 0 or not (e - s == width).all():
            return None
        cells: npt.NDArray[np.uint8] = self._data[s[:, None] + np.arange(width)]
        return cells

    def changes(self, j: int) -> IntArray:
        """The rows where column *j*'s cell differs from the row before's."""
        s, e = self._starts[:, j], self._ends[:, j]
        lens = e - s
        width = int(lens.max(initial=0))
        if width > 64:  # a long id: compare the texts
            marks = np.array(self.texts(j), dtype=object)
            return np.flatnonzero(marks[1:] != marks[:-1]) + 1
        index = s[:, None] + np.arange(width)
        inside = index < e[:, None]
        cells = np.where(inside, self._data[np.where(inside, index, 0)], 0)
        differ = (cells[1:] != cells[:-1]).any(axis=1) | (lens[1:] != lens[:-1])
        return np.flatnonzero(differ) + 1


def byte_columns(text: str, delimiter: str, width: int) -> ByteColumns | None:
    """The cells of the body after the header line, or ``None`` where it needs the csv module.

    *width* is the header's number of fields.
    """
    if '"' in text:
        return None
    raw = text.encode("utf-8", "surrogatepass")
    first = raw.find(b"\n")
    if first < 0 or first == len(raw) - 1:
        return None
    data = np.frombuffer(raw, dtype=np.uint8)[first + 1 :]
    if data[-1] != _LF:
        data = np.append(data, np.uint8(_LF))
    found = np.flatnonzero((data == ord(delimiter)) | (data == _LF))
    if len(found) % width:
        return None
    seps = found.reshape(-1, width)
    if (data[seps[:, :-1]] != ord(delimiter)).any() or (data[seps[:, -1]] != _LF).any():
        return None
    starts = np.empty_like(seps)
    starts[:, 0] = np.concatenate(([0], seps[:-1, -1] + 1))
    starts[:, 1:] = seps[:, :-1] + 1
    ends = seps.copy()
    line_ends = seps[:, -1]
    crlf = data[np.maximum(line_ends - 1, 0)] == _CR
    carriage_returns = int(np.count_nonzero(data == _CR))
    if carriage_returns:
        if carriage_returns != int(crlf.sum()):
            return None  # a bare carriage return ends a line too
        ends[:, -1] -= crlf
    return ByteColumns(data, starts, ends)


class RowColumns:
    """The cells of a body read row by row with the ``csv`` module, which handles quotes."""

    def __init__(self, rows: list[list[str]], text: str, delimiter: str) -> None:
        self._rows, self._text, self._delimiter = rows, text, delimiter
        self.rows = len(rows)

    def line(self, row: int) -> int:
        """The line of the file a row starts on, counting a quoted line break as a line."""
        reader = csv.reader(io.StringIO(self._text, newline=""), delimiter=self._delimiter)
        start = 1
        for i, _ in enumerate(reader):
            if i == row + 1:  # row 0 is the header's record
                return start
            start = reader.line_num + 1
        return start  # pragma: no cover - the row was read from this text

    def wrong_width(self, width: int) -> tuple[int, int] | None:
        """The first row that has not *width* fields, and how many it has."""
        if not set(map(len, self._rows)) - {width}:
            return None
        row = next(i for i, cells in enumerate(self._rows) if len(cells) != width)
        return row, len(self._rows[row])

    def cells(self, j: int, rows: Sequence[int]) -> list[str]:
        """The text of column *j* in each of *rows*."""
        return [self._rows[r][j] for r in rows]

    def texts(self, j: int) -> list[str]:
        """Column *j* as text, a cell a row."""
        return list(map(operator.itemgetter(j), self._rows))

    def floats(self, j: int, *, comma: bool, missing: bool) -> Any:
        """Column *j* as numbers, empty cells NaN where *missing*; ``None``: look closer."""
        values: Sequence[str] = self.texts(j)
        if comma:
            values = [v.replace(",", ".") for v in values]
        if missing:
            values = [v or "nan" for v in values]
        try:
            return np.fromiter(map(float, values), dtype=np.float64, count=len(values))
        except ValueError:
            return None

    def fixed(self, j: int) -> None:
        """No matrix of bytes: the times are read from their texts."""
        return

    def block(self, j: int, count: int, *, comma: bool) -> None:
        """No matrix of numbers: each column is read on its own."""
        return

    def changes(self, j: int) -> IntArray:
        """The rows where column *j*'s cell differs from the row before's."""
        marks = np.array(self.texts(j), dtype=object)
        return np.flatnonzero(marks[1:] != marks[:-1]) + 1


def row_columns(reader: Any, text: str, delimiter: str, *, marked: bool) -> RowColumns:
    """Every row of *reader*, with the cycle collector paused: fresh lists hold no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        rows = list(reader)
    finally:
        if enabled:
            gc.enable()
    if marked:
        rows = [r[:-1] for r in rows]
    return RowColumns(rows, text, delimiter)
