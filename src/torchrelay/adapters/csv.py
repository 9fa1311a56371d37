r"""CSV: schedules as organisers keep them, and tracks as GPS loggers export them.

Two layouts, chosen on write with ``layout=`` and told from the header on read:

``layout="legs"`` (the default), one row a leg, in relay order (the main line,
then each branch's legs), with the columns ``LEG_COLUMNS``: ``order``
(from 1), ``branch`` (empty on the main line), ``id``, ``name``, ``status``;
``origin`` and ``destination`` with their ``_latitude``, ``_longitude``,
``_zone``, ``_region`` and ``_country``; ``departs`` and ``arrives`` as RFC 9557
text (``2013-10-07T12:00:00+04:00[Europe/Moscow]``); ``precision``, ``mode``,
``flame``, ``lit_from``, ``relights`` (as the native format's JSON),
``declared_distance_m``; ``torchbearers`` (their ids, separated by
``;``; left out with ``redact=True``) and ``sources`` (their addresses,
separated by spaces). Paths do not fit a row a leg: writing a relay with
paths in this layout warns with a :class:`~torchrelay.exceptions.LossWarning`;
use ``layout="points"`` for them.

``layout="points"``, one row a path point, with the columns
``POINT_COLUMNS`` (``leg_id``, ``index``, ``latitude``, ``longitude``,
``altitude``, ``time``) and then one a per-point column, by its name. Times are
RFC 3339 with the offset each was given with (``Z`` where none was).

Reading a CSV that is in neither layout (a GPS logger's) gives one leg with
that track: the columns named ``lat``/``latitude``/``y``,
``lon``/``lng``/``long``/``longitude``/``x``, ``ele``/``alt``/``altitude``/
``elevation`` and ``time``/``timestamp`` are found without regard to case,
and every other column becomes a per-point column ``csv:<name>``: numbers
where every value is one, text otherwise. A time without an offset is read as
UTC. With the ``tz`` extra, the track's places get their zone from their
coordinates.

Conventions:

- Written with the standard ``csv`` module: UTF-8 without a byte order
  mark, ``,`` separators, ``\r\n`` line ends, fields quoted where needed.
- Read: a UTF-8 byte order mark is skipped; ``;`` separators (told from the
  header) go with decimal commas; quoted fields may hold line breaks; another
  encoding is read with ``encoding=`` (``torchrelay.load(path,
  encoding="cp1251")``), and a file that is not UTF-8 without it is a
  :class:`~torchrelay.exceptions.ParseError` that suggests that option. Every
  problem names its line.
- **Formula injection.** A text cell that begins with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return would run as a formula in a spreadsheet;
  the writer neutralises it with a leading apostrophe (OWASP's advice), and
  marks the file by a last column named ``NEUTRALISED_MARKER`` (its cells
  empty). In a marked file, cells that begin with an apostrophe also get one
  more, so that the reader takes exactly one off every text cell that begins
  with an apostrophe, and our round trips stay lossless. Files without the
  marker are read as they are, their apostrophes kept. Number columns
  (negative longitudes, depths) are never touched.

>>> from torchrelay.adapters import csv
>>> from torchrelay.datasets import demo_relay
>>> text = csv.dumps(demo_relay())
>>> text.splitlines()[0][:40]
'order,branch,id,name,status,origin,origi'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import csv as _csv
import io
import json
import os
import warnings
from collections.abc import Iterable, Sequence
from typing import IO, Any

from .._columns import NO_OFFSET
from .._geo import Place
from .._legs import Leg
from .._redact import redact as _redact
from .._relay import Relay
from ..exceptions import InvalidTypeError, InvalidValueError, LossWarning
from ._csv_legs import RELIGHTS
from ._csv_read import (
    LEG_COLUMNS,
    MAX_BYTES,
    NEUTRALISED_MARKER,
    POINT_COLUMNS,
    loads,
    sniff,
)
from ._files import load_with, target_of, write_relay
from ._format import Feature, Format, Loss
from ._timetext import format_instant, format_number, format_point_time

__all__ = [
    "FORMAT",
    "LEG_COLUMNS",
    "MAX_BYTES",
    "NEUTRALISED_MARKER",
    "POINT_COLUMNS",
    "dump",
    "dumps",
    "load",
    "loads",
]

_RISKY = ("=", "+", "-", "@", "\t", "\r")


class _Text(str):
    """A cell of a text column: the kind of cell that neutralisation looks at."""

    __slots__ = ()


def _text(value: str | None) -> str:
    return _Text("") if value is None else _Text(value)


def _number(value: float | None) -> str:
    return "" if value is None else format_number(value)


def _place_cells(place: Place) -> list[str]:
    c = place.coordinate
    return [
        _text(place.name),
        _number(c.latitude),
        _number(c.longitude),
        _text(place.timezone),
        _text(place.region),
        _text(place.country),
    ]


def _leg_row(order: int, branch: str | None, leg: Leg, *, redact: bool) -> list[str]:
    declared = leg.declared_distance
    people = "" if redact else ";".join(t.id or "" for t in leg.torchbearers)
    return [
        str(order),
        _text(branch),
        _text(leg.id),
        _text(leg.name),
        leg.status.value,
        *_place_cells(leg.origin),
        *_place_cells(leg.destination),
        "" if leg.departs is None else _text(format_instant(leg.departs)),
        "" if leg.arrives is None else _text(format_instant(leg.arrives)),
        leg.precision.value,
        leg.mode.value,
        leg.flame.value,
        leg.lit_from.value,
        _text(json.dumps(RELIGHTS.write(leg.relights), ensure_ascii=False) if leg.relights else ""),
        _number(None if declared is None else declared.meters),
        _text(people),
        _text(" ".join(s.url for s in leg.sources)),
    ]


def _legs_rows(relay: Relay, *, redact: bool) -> Iterable[list[str]]:
    yield list(LEG_COLUMNS)
    for i, (branch, leg) in enumerate(relay.all_legs(), start=1):
        yield _leg_row(i, None if branch is None else branch.name, leg, redact=redact)


def _cell_texts(values: Sequence[Any], *, text: bool) -> list[str]:
    if text:
        return [_text(v) for v in values]
    return ["" if v != v else format_number(v) for v in values]  # noqa: PLR0124 (NaN)


def _points_rows(relay: Relay) -> Iterable[list[str]]:
    names = sorted({n for _, leg in relay.all_legs() if leg.path for n in leg.path.columns})
    yield [*POINT_COLUMNS, *names]
    for order, (_, leg) in enumerate(relay.all_legs(), start=1):
        path = leg.path
        if path is None:
            continue
        n = len(path)
        leg_id = _text(leg.id if leg.id is not None else f"leg-{order}")
        lat, lon = path.latitudes.tolist(), path.longitudes.tolist()
        alt = (
            _cell_texts(path.altitudes.tolist(), text=False)
            if path.altitudes is not None
            else [""] * n
        )
        if path.times is None:
            times = [""] * n
        else:
            offsets = path.offsets.tolist() if path.offsets is not None else [int(NO_OFFSET)] * n
            times = [
                "" if t != t else format_point_time(t, o)  # noqa: PLR0124 (NaN)
                for t, o in zip(path.times.tolist(), offsets, strict=True)
            ]
        extra = []
        for name in names:
            column = path.columns.get(name)
            if column is None:
                extra.append([""] * n)
            else:
                extra.append(_cell_texts(column.tolist(), text=column.dtype == object))
        for i in range(n):
            yield [
                leg_id,
                str(i),
                repr(lat[i]),
                repr(lon[i]),
                alt[i],
                times[i],
                *(c[i] for c in extra),
            ]


def _neutralised(rows: list[list[str]]) -> list[list[str]]:
    """The rows with risky text cells behind an apostrophe, and the marker column, if any was."""
    risky = any(
        isinstance(cell, _Text) and cell.startswith(_RISKY) for row in rows[1:] for cell in row
    )
    if not risky:
        return rows
    out = [[*rows[0], NEUTRALISED_MARKER]]
    for row in rows[1:]:
        cells = [
            "'" + cell if isinstance(cell, _Text) and cell.startswith((*_RISKY, "'")) else cell
            for cell in row
        ]
        out.append([*cells, ""])
    return out


def dumps(relay: object, *, redact: bool = False, layout: str = "legs") -> str:
    """Write *relay* as CSV text in one of the two layouts.

    Args:
        relay: The relay to write.
        redact: Leave out every field marked as personal data, and the
            torchbearers' ids.
        layout: ``"legs"`` (a row a leg) or ``"points"`` (a row a path point).

    Warns:
        LossWarning: For paths written in the legs layout, which has no place
            for them.

    Raises:
        InvalidTypeError: If *relay* is not a :class:`~torchrelay.Relay`.
        InvalidValueError: For an unknown layout.

    .. versionadded:: 0.1.0
    """
    if not isinstance(relay, Relay):
        msg = f"dumps() takes a Relay (got {type(relay).__name__})"
        raise InvalidTypeError(msg)
    if layout not in ("legs", "points"):
        msg = f"'layout' must be 'legs' or 'points' (got {layout!r})"
        raise InvalidValueError(msg)
    if redact:
        relay = _redact(relay)
    if layout == "legs":
        rows = list(_legs_rows(relay, redact=redact))
        points = sum(len(leg.path) for _, leg in relay.all_legs() if leg.path is not None)
        if points:
            msg = (
                f"the legs layout of CSV has no place for paths; dropped {points:,} "
                "path points (use layout='points')"
            )
            warnings.warn(msg, LossWarning, stacklevel=2)
    else:
        rows = list(_points_rows(relay))
    buffer = io.StringIO()
    _csv.writer(buffer, lineterminator="\r\n").writerows(_neutralised(rows))
    return buffer.getvalue()


def load(source: str | os.PathLike[str] | bytes | IO[bytes], **options: Any) -> Relay:
    """Read a relay from a CSV file: :func:`torchrelay.load` with ``format="csv"``.

    .. versionadded:: 0.1.0
    """
    return load_with(FORMAT, source, options)


def dump(
    relay: Relay,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    redact: bool = False,
    strict: bool = False,
    **options: Any,
) -> tuple[Loss, ...]:
    """Write a relay as CSV: :func:`torchrelay.dump` with ``format="csv"``.

    .. versionadded:: 0.1.0
    """
    path, _ = target_of(relay, target)
    return write_relay(
        FORMAT, relay, target, path, redact=redact, strict=strict, options=options, level=3
    )


FORMAT = Format(
    name="csv",
    suffixes=(".csv",),
    media_type="text/csv",
    binary=False,
    keeps={
        Feature.BRANCHES,
        Feature.LEG_STATUS,
        Feature.TIMEZONES,
        Feature.TIME_PRECISION,
        Feature.FLAME,
    },
    sniff=sniff,
    loads=loads,
    dumps=dumps,
    read_options={"encoding", "max_bytes"},
    write_options={"layout"},
    description="CSV: a row a leg (schedules) or a row a path point (GPS loggers)",
)
"""The CSV format's :class:`~torchrelay.adapters.Format`; its ``keeps`` are the legs layout's.

The points layout keeps path positions, altitudes (read as above mean sea
level), per-point times with their offsets and per-point columns; its legs
come back as unscheduled legs named by their ids. Read options: ``encoding``,
``max_bytes``; write option: ``layout``.

.. versionadded:: 0.1.0
"""
