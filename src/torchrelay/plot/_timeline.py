"""The timeline: a calendar of the relay, one row a relay day, one lane a branch.

Rows are relay days (day one at the top), the horizontal axis is the hour of
the day on the clocks of the relay's reference zone, and each leg is a bar
from its departure to its arrival, split at midnight where it runs on.
Clock time is what a reader looks for ("the dive began at six"), so the axis
shows wall-clock hours; on a day when the clocks go back, the repeated hour
overlaps itself.
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from collections.abc import Iterator, Sequence

from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .._calendar import DayStatus, RelayDay
from .._legs import Leg, LegStatus
from .._modes import FlameState, Medium
from .._relay import Relay
from ._output import freeze_layout
from ._style import (
    CANCELLED_COLOUR,
    FLAME_COLOURS,
    FLAME_LABELS,
    GAP_COLOUR,
    MEDIUM_HATCHES,
    REST_COLOUR,
    label,
)

__all__ = ["timeline"]

_MAIN = "main line"
_SHORTEST_H = 0.2  # a leg of no duration still shows, as a sliver of 12 minutes
_DAY = dt.timedelta(days=1)


def _pieces(
    departs: dt.datetime, arrives: dt.datetime, zone: zoneinfo.ZoneInfo
) -> Iterator[tuple[dt.date, float, float]]:
    """The parts of a leg on each day it touches: the date, and the hours it starts and ends."""
    # Plain datetimes on the zone's clocks: pendulum's DateTime subtracts to an Interval.
    start = dt.datetime.fromtimestamp(departs.timestamp(), zone).replace(tzinfo=None)
    end = dt.datetime.fromtimestamp(arrives.timestamp(), zone).replace(tzinfo=None)
    if end <= start:
        hours = start.hour + start.minute / 60.0 + start.second / 3600.0
        yield start.date(), hours, min(24.0, hours + _SHORTEST_H)
        return
    cursor = start
    while cursor < end:
        midnight = dt.datetime.combine(cursor.date(), dt.time())
        stop = min(end, midnight + _DAY)
        yield (
            cursor.date(),
            (cursor - midnight).total_seconds() / 3600.0,
            (stop - midnight).total_seconds() / 3600.0,
        )
        cursor = stop


def _lanes(relay: Relay) -> list[tuple[str, tuple[Leg, ...]]]:
    return [(_MAIN, relay.legs), *((b.name, b.legs) for b in relay.branches)]


def _day_label(day: RelayDay) -> str:
    return f"day {day.number} · {day.date.day} {day.date:%b %Y}"


def _shade_days(axes: Axes, days: Sequence[RelayDay], *, write: bool) -> None:
    for row, day in enumerate(days):
        if day.status is DayStatus.TRAVEL:
            continue
        rest = day.status is DayStatus.REST
        axes.axhspan(
            row - 0.5, row + 0.5, facecolor=REST_COLOUR if rest else GAP_COLOUR,
            edgecolor=REST_COLOUR if rest else "#c8c8c8", hatch=None if rest else "\\\\\\",
            zorder=0, linewidth=0,
        )  # fmt: skip
        if write:
            note = "rest day" if rest else "no legs"
            axes.text(12.0, row, note, ha="center", va="center", fontsize=6.5, color="#3d3d3d")


def _draw_lane(
    axes: Axes, legs: Sequence[Leg], first: dt.date, zone: zoneinfo.ZoneInfo, rows: int
) -> None:
    """Draw a lane's bars, one collection for each look, so that big relays draw quickly."""
    groups: dict[tuple[str, str, str, float], list[list[tuple[float, float]]]] = {}
    for leg in legs:
        if leg.departs is None or leg.arrives is None:
            continue
        cancelled = leg.status is LegStatus.CANCELLED
        look = (
            "white" if cancelled else FLAME_COLOURS[leg.flame],
            MEDIUM_HATCHES[leg.mode.medium],
            CANCELLED_COLOUR if cancelled else "#222222",
            0.9 if cancelled else 0.25,
        )
        for date, start, stop in _pieces(leg.departs, leg.arrives, zone):
            row = (date - first).days
            if 0 <= row < rows:
                low, high = row - 0.4, row + 0.4
                box = [(start, low), (stop, low), (stop, high), (start, high)]
                groups.setdefault(look, []).append(box)
    for (face, hatch, edge, width), boxes in groups.items():
        axes.add_collection(
            PolyCollection(
                boxes, facecolors=face, edgecolors=edge, linewidths=width,
                hatch=hatch or None, gid="legs", zorder=2,
            ),
            autolim=False,
        )  # fmt: skip


def _frame(axes: Axes, name: str, zone_name: str) -> None:
    axes.set_xlim(0.0, 24.0)
    axes.set_xticks([0, 6, 12, 18, 24], labels=["00", "06", "12", "18", "24"])
    axes.set_xticks(range(0, 25, 3), minor=True)
    axes.grid(visible=True, axis="x", which="both", color="#cccccc", linewidth=0.4)
    axes.set_axisbelow(True)
    axes.set_title(name, fontsize=9)
    axes.set_xlabel(f"hour ({zone_name})", fontsize=8)
    axes.tick_params(labelsize=7)


def _legend(figure: Figure, relay: Relay, days: Sequence[RelayDay]) -> None:
    legs = [leg for _, leg in relay.all_legs() if leg.departs is not None]
    flames = sorted({leg.flame for leg in legs}, key=list(FlameState).index)
    media = sorted({leg.mode.medium for leg in legs}, key=list(Medium).index)
    handles = [Patch(facecolor=FLAME_COLOURS[f], edgecolor="#222222", label=FLAME_LABELS[f])
               for f in flames]  # fmt: skip
    handles += [
        Patch(facecolor="white", edgecolor="#222222", hatch=MEDIUM_HATCHES[m] or None,
              label=f"by {label(m)}")
        for m in media
    ]  # fmt: skip
    statuses = {day.status for day in days}
    if DayStatus.REST in statuses:
        handles.append(Patch(facecolor=REST_COLOUR, label="rest day"))
    if DayStatus.NO_LEGS in statuses:
        handles.append(
            Patch(
                facecolor=GAP_COLOUR, edgecolor="#c8c8c8", hatch="\\\\\\", label="no legs (a gap)"
            )
        )
    if any(leg.status is LegStatus.CANCELLED for leg in legs):
        handles.append(Patch(facecolor="white", edgecolor=CANCELLED_COLOUR, label="cancelled"))
    figure.legend(
        handles=handles, loc="outside lower center", ncols=min(6, len(handles)) or 1,
        fontsize=7.5, frameon=False,
    )  # fmt: skip


def timeline(relay: Relay, *, title: str | None = None) -> Figure:
    """Draw a relay's calendar: one row a relay day, one lane the main line and each branch.

    Each leg is a bar from its departure to its arrival on the clocks of
    :meth:`Relay.reference_timezone <torchrelay.Relay.reference_timezone>`,
    coloured by what carried the flame and hatched by what its mode moves
    through (ground plain, water striped, air slanted, under water ringed,
    space dotted). Rest days are green, days without a leg are hatched grey,
    and cancelled legs are outlined in red. Days are :meth:`Relay.days
    <torchrelay.Relay.days>`; legs without times are left out.

    Args:
        relay: The relay to draw.
        title: The figure's title; by default the relay's name.

    Returns:
        A matplotlib figure; write it with :func:`save`.

    >>> from torchrelay.datasets import sochi_2014
    >>> figure = timeline(sochi_2014())
    >>> [axes.get_title() for axes in figure.axes]
    ['main line', 'north-pole', 'elbrus', 'baikal', 'space']

    .. versionadded:: 0.1.0
    """
    zone_name = relay.reference_timezone()
    zone = zoneinfo.ZoneInfo(zone_name)
    days = relay.days()
    lanes = _lanes(relay)
    rows = max(1, len(days))
    height = min(24.0, max(3.5, 1.6 + 0.13 * rows))
    figure = Figure(figsize=(10.0, height), layout="constrained")
    grid = figure.add_gridspec(1, len(lanes), width_ratios=[3] + [1] * (len(lanes) - 1))
    first_axes: Axes | None = None
    for column, (name, legs) in enumerate(lanes):
        axes = figure.add_subplot(grid[0, column], sharey=first_axes)
        _frame(axes, name, zone_name)
        _shade_days(axes, days, write=column == 0)
        if days:
            _draw_lane(axes, legs, days[0].date, zone, rows)
        if first_axes is None:
            first_axes = axes
            every = max(1, math.ceil(rows / 45))
            ticks = range(0, len(days), every)
            axes.set_yticks(list(ticks), labels=[_day_label(days[i]) for i in ticks])
            axes.set_ylim(rows - 0.5, -0.5)
        else:
            axes.tick_params(labelleft=False)
    if not days:
        figure.axes[0].text(12.0, 0.0, "no leg has times", ha="center", va="center")
    _legend(figure, relay, days)
    figure.suptitle(relay.name if title is None else title, fontsize=11)
    return freeze_layout(figure)
