"""Point times and decimals as GPX and KML write them, exact to the last bit, fast in bulk.

A path point's time is POSIX seconds (a float) with the offset it was given.
Written, it is ``xsd:dateTime`` text with every digit of the fraction that the
float holds (``2013-10-07T12:00:00.25+04:00``), so reading it back gives the
same float; ``Z`` where no offset was given. Read, a column of times in the
common shape ``YYYY-MM-DDTHH:MM:SSZ`` is converted in one numpy call; any
other shape one at a time.

Coordinates are ``xsd:decimal``: no exponent, so ``1e-05`` is written
``0.00001``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import warnings
from collections.abc import Sequence

import numpy as np

from .._columns import NO_OFFSET
from .._time import offset_text
from ._timetext import _offset_seconds  # one reading of '+04:00' for every format

__all__ = ["decimal", "parse_times", "time_text"]

_EPOCH = dt.datetime(1970, 1, 1)
_SECOND = dt.timedelta(seconds=1)
_TIME = re.compile(r"\s*(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?\s*\Z")


def decimal(value: float) -> str:
    """*value* as the shortest ``xsd:decimal`` text that reads back as the same float."""
    text = repr(value + 0.0)
    if "e" in text:
        text = np.format_float_positional(value, unique=True, trim="-")
    return text


def _fraction(value: float, whole: int) -> str:
    """The fraction's digits: milli- or microseconds where they read back exactly, else all."""
    for digits in (3, 6):
        short = f"{value:.{digits}f}"
        if short.startswith("0.") and whole + float(short) == whole + value:
            return short[1:].rstrip("0") or ""
    text = repr(value)
    if "e" in text:
        text = np.format_float_positional(value, unique=True, trim="-")
    return text[1:]  # "0.25" -> ".25"


def time_text(stamp: float, offset: int) -> str:
    """POSIX seconds as ``xsd:dateTime`` text at *offset* seconds, or ``Z`` for none."""
    whole = math.floor(stamp)
    given = offset != NO_OFFSET
    wall = _EPOCH + dt.timedelta(seconds=whole + (offset if given else 0))
    part = stamp - whole
    fraction = _fraction(part, whole) if part else ""
    suffix = offset_text(offset) if given else "Z"
    return f"{wall.isoformat()}{fraction}{suffix}"


def parse_time(text: str) -> tuple[float, int]:
    """One time's POSIX seconds and offset (:data:`NO_OFFSET` for ``Z`` or none).

    Raises:
        ValueError: With a message, for text that is not an ``xsd:dateTime``.
    """
    match = _TIME.match(text)
    if match is None:
        msg = f"not a date and time such as 2013-10-07T12:00:00Z (got {text!r})"
        raise ValueError(msg)
    try:
        wall = dt.datetime.fromisoformat(match.group(1))
    except ValueError:
        msg = f"not a date and time on the calendar (got {text!r})"
        raise ValueError(msg) from None
    zone = match.group(3)
    offset = 0 if zone is None or zone == "Z" else _offset_seconds(zone)
    seconds = (wall - _EPOCH) // _SECOND - offset
    digits = match.group(2)
    stamp = seconds + float("0." + digits) if digits else float(seconds)
    return stamp, offset if zone not in (None, "Z") else int(NO_OFFSET)


_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 23, 24]


def _bulk(  # noqa: PLR0911
    texts: Sequence[str | None], n: int
) -> tuple[np.ndarray, np.ndarray | None] | None:
    """Times all of one plain shape read in one numpy pass, or ``None`` to read them one by one.

    The shapes: ``2013-10-07T12:00:00Z`` (what the one-by-one fast path
    below takes), and ``2013-10-07T12:00:00+04:00`` with the same offset rules
    and results as :func:`parse_time`; no fractions.
    """
    try:
        joined = "".join(texts)  # type: ignore[arg-type]
    except TypeError:  # a None: some points have no time
        return None
    width = len(joined) // n if n else 0
    if width not in (20, 25) or not joined.isascii() or set(map(len, texts)) != {width}:  # type: ignore[arg-type]
        return None
    codes = np.frombuffer(joined.encode("ascii"), dtype=np.uint8).reshape(n, width)
    if not (codes[:, 10] == ord("T")).all():
        return None
    walls = np.ascontiguousarray(codes[:, :19]).view("S19").ravel()
    wall_digits = codes[:, _DIGITS[:14]]
    if (
        not ((wall_digits >= ord("0")) & (wall_digits <= ord("9"))).all()
        or not (codes[:, [4, 7]] == ord("-")).all()
        or not (codes[:, [13, 16]] == ord(":")).all()
    ):
        return None  # numpy would warn on some of these before refusing them
    if width == 20:
        if not (codes[:, 19] == ord("Z")).all():
            return None
        try:
            return walls.astype("datetime64[s]").astype(np.int64).astype(np.float64), None
        except ValueError:
            return None
    digits = codes[:, _DIGITS[14:]]
    if (
        not ((digits >= ord("0")) & (digits <= ord("9"))).all()
        or not (codes[:, 22] == ord(":")).all()
        or not np.isin(codes[:, 19], (ord("+"), ord("-"))).all()
        or (codes[:, :4] == ord("0")).all(axis=1).any()  # year 0: not on datetime's calendar
    ):
        return None
    try:
        seconds = walls.astype("datetime64[s]").astype(np.int64)
    except ValueError:
        return None
    zones, which = np.unique(
        np.ascontiguousarray(codes[:, 19:]).view("S6").ravel(), return_inverse=True
    )
    try:
        shifts = np.array([_offset_seconds(z.decode("ascii")) for z in zones], dtype=np.int64)
    except ValueError:
        return None
    offsets = shifts[which.ravel()]
    return (seconds - offsets).astype(np.float64), offsets.astype(np.int32)


def parse_times(
    texts: Sequence[str | None],
) -> tuple[np.ndarray, np.ndarray | None, int | None]:
    """A column of times: POSIX seconds (NaN for ``None``), offsets, and the first bad index.

    Returns ``(stamps, offsets or None, bad)`` where *bad* is the index of the
    first text that is not a time (the caller reports it), else ``None``.
    """
    n = len(texts)
    bulk = _bulk(texts, n)
    if bulk is not None:
        return bulk[0], bulk[1], None
    if n and all(t is not None and len(t) == 20 and t[19] == "Z" for t in texts):
        try:
            with warnings.catch_warnings():  # numpy warns before refusing "12 29:33"
                warnings.simplefilter("error")
                days = np.array([t[:19] for t in texts], dtype="datetime64[s]")  # type: ignore[index]
        except (ValueError, UserWarning):
            pass
        else:
            if all(t[10] == "T" for t in texts):  # type: ignore[index]
                return days.astype(np.int64).astype(np.float64), None, None
    stamps = np.full(n, math.nan)
    offsets = np.full(n, NO_OFFSET, dtype=np.int32)
    for i, text in enumerate(texts):
        if text is None:
            continue
        try:
            stamps[i], offsets[i] = parse_time(text)
        except (ValueError, OverflowError):
            return stamps, None, i
    has = offsets != NO_OFFSET
    return stamps, (offsets if has.any() else None), None
