"""Building a GPX reader's results: per-point columns and legs from foreign tracks."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pendulum

from .._columns import NO_OFFSET
from .._geo import Place
from .._legs import Leg, LegStatus
from .._modes import FlameState, TransportMode
from .._path import Path
from ._gpx_ext import LegMeaning
from ._zones import zone_at

__all__ = ["build_leg", "columns_of"]


def columns_of(
    collected: Mapping[str, dict[int, str]], declared: Mapping[str, str], n: int
) -> dict[str, Any]:
    """Per-point columns from the values collected by point index.

    A key starting with NUL is a text column (``tr:col type="text"``);
    *declared* (from ``tr:path``) gives each column's type where torchrelay
    wrote the file, so that a text column of digits stays text and an empty
    column is kept. Otherwise a column whose values all read as finite
    numbers is a number column.
    """
    columns: dict[str, Any] = {}
    found = dict(collected)
    for name, kind_of in declared.items():
        key = "\x00" + name if kind_of == "text" else name
        found.setdefault(key, found.pop(name, found.pop("\x00" + name, {})))
    for key, values in found.items():
        text = key.startswith("\x00")
        name = key[1:] if text else key
        if not text and declared.get(name) == "number" and not values:
            columns[name] = np.full(n, math.nan)
            continue
        if not text and declared.get(name) != "text":
            try:
                numbers = np.full(n, math.nan)
                for i, v in values.items():
                    numbers[i] = float(v)
                if np.isfinite(numbers[list(values)]).all():
                    columns[name] = numbers
                    continue
            except ValueError:
                pass
        column: list[str | None] = [None] * n
        for i, v in values.items():
            column[i] = v
        columns[name] = column
    return columns


def _instant(stamp: float, offset: int) -> pendulum.DateTime:
    if offset == NO_OFFSET:
        return pendulum.from_timestamp(stamp, tz="UTC")
    return pendulum.from_timestamp(stamp, tz="UTC").in_tz(pendulum.FixedTimezone(int(offset)))


def build_leg(
    path: Path | None,
    name: str | None,
    kind: str,
    meaning: LegMeaning | None,
    extras: dict[str, Any],
) -> Leg:
    if meaning is not None:
        fields = {"name": name, **meaning.leg}
        return Leg(path=path, extras={**extras, **meaning.extras}, **fields)
    assert path is not None
    first, last = path.first, path.last
    label = name or ("Route" if kind == "rte" else "Track")
    departs = arrives = None
    if path.times is not None:
        timed = np.flatnonzero(~np.isnan(path.times))
        if len(timed):
            offsets = path.offsets
            i, j = int(timed[0]), int(timed[-1])
            o_i = int(offsets[i]) if offsets is not None else int(NO_OFFSET)
            o_j = int(offsets[j]) if offsets is not None else int(NO_OFFSET)
            departs = _instant(float(path.times[i]), o_i)
            arrives = _instant(float(path.times[j]), o_j)
    return Leg(
        Place(label, first, timezone=zone_at(first.latitude, first.longitude)),
        Place(label, last, timezone=zone_at(last.latitude, last.longitude)),
        departs,
        arrives,
        TransportMode.UNKNOWN,
        FlameState.UNKNOWN,
        path=path,
        name=name,
        status=LegStatus.PLANNED if kind == "rte" else LegStatus.HELD,
        extras=extras,
    )
