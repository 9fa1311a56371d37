"""The altitude profile: how high the flame was over the relay's time.

Time, not distance, runs along the bottom: many legs have no geometry and no
distance, and some (an orbit, a dive) have no ground distance at all, but
nearly every leg has times. The vertical axis is symmetric-logarithmic
(linear within ten metres of zero, logarithmic beyond), so a dive 13 m under
Lake Baikal, the summit of Elbrus at 5,642 m and an orbit at 350 km all show
in one picture.

Altitudes are told apart by where they come from (declared with a place, or
measured along a path) and by what they are measured from
(:class:`~torchrelay.AltitudeReference`): the two are never mixed, and a
line joins two altitudes only when they share a reference.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import attrs
import matplotlib.dates as mdates
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, SymmetricalLogLocator

from .._geo import AltitudeReference
from .._legs import Leg
from .._relay import Relay
from ._output import freeze_layout

__all__ = ["altitude_profile"]

_LINEAR_M = 10.0
_STYLE = {
    AltitudeReference.MEAN_SEA_LEVEL: ("o", "#1f77b4", "above mean sea level"),
    AltitudeReference.ELLIPSOID: ("^", "#9467bd", "above the WGS84 ellipsoid"),
    AltitudeReference.WATER_SURFACE: ("s", "#17becf", "from the water surface"),
    AltitudeReference.GROUND: ("D", "#8c564b", "above the ground"),
}
_EPOCH = float(mdates.date2num(dt.datetime(1970, 1, 1, tzinfo=dt.UTC)))  # type: ignore[no-untyped-call]


@attrs.frozen
class _Point:
    when: float  # matplotlib's date number
    altitude: float
    reference: AltitudeReference
    place: str


def _when(value: dt.datetime) -> float:
    return float(mdates.date2num(value.astimezone(dt.UTC)))  # type: ignore[no-untyped-call]


def _declared(leg: Leg) -> list[_Point]:
    found = []
    for place, time in ((leg.origin, leg.departs), (leg.destination, leg.arrives)):
        where = place.coordinate
        if time is not None and where.altitude is not None:
            found.append(_Point(_when(time), where.altitude, where.altitude_reference, place.name))
    return found


def _measured(axes: Axes, leg: Leg) -> set[AltitudeReference]:
    path = leg.path
    if path is None or path.altitudes is None or path.times is None:
        return set()
    keep = ~(np.isnan(path.altitudes) | np.isnan(path.times))
    if not keep.any():
        return set()
    marker, colour, _ = _STYLE[path.altitude_reference]
    when = np.asarray(path.times)[keep] / 86_400.0 + _EPOCH
    axes.plot(when, np.asarray(path.altitudes)[keep], color=colour, linewidth=1.2,
              marker=marker, markersize=2.0, gid="measured", zorder=3)  # fmt: skip
    return {path.altitude_reference}


def _tick_text(value: float, _position: float | None = None) -> str:
    return f"{value / 1000.0:,.0f} km" if abs(value) >= 1000.0 else f"{value:,.0f} m"


def _altitude_text(value: float) -> str:
    return f"{value / 1000.0:,.0f} km" if abs(value) >= 10_000.0 else f"{value:,.0f} m"


def _short(name: str, limit: int = 36) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _annotate(axes: Axes, points: list[_Point]) -> None:
    """Name the highest point of each reference, and the deepest where one is below zero."""
    chosen: list[_Point] = []
    for reference in AltitudeReference:
        mine = [p for p in points if p.reference is reference]
        if not mine:
            continue
        highest = max(mine, key=lambda p: (p.altitude, -p.when))
        if highest.altitude > 0:
            chosen.append(highest)
        lowest = min(mine, key=lambda p: (p.altitude, p.when))
        if lowest.altitude < 0:
            chosen.append(lowest)
    left, right = axes.get_xlim()
    for point in chosen:
        below = point.altitude < 0
        late = point.when > (left + right) / 2.0
        axes.annotate(
            f"{_short(point.place)}\n{_altitude_text(point.altitude)} {_STYLE[point.reference][2]}",
            (point.when, point.altitude), xytext=(-8 if late else 8, -14 if below else 6),
            textcoords="offset points", fontsize=7, va="top" if below else "bottom",
            ha="right" if late else "left",
            arrowprops={"arrowstyle": "-", "color": "#777777", "linewidth": 0.5},
        )  # fmt: skip


def _legend(axes: Axes, declared: set[AltitudeReference], measured: set[AltitudeReference]) -> None:
    handles = []
    for reference in AltitudeReference:
        marker, colour, text = _STYLE[reference]
        if reference in declared:
            handles.append(Line2D([], [], linestyle=":", marker=marker, color=colour,
                                  markerfacecolor="white", label=f"declared, {text}"))  # fmt: skip
        if reference in measured:
            handles.append(Line2D([], [], marker=marker, markersize=3, color=colour,
                                  label=f"measured, {text}"))  # fmt: skip
    if handles:
        axes.legend(handles=handles, loc="upper left", fontsize=7.5, frameon=False)


def _frame(axes: Axes, zone: zoneinfo.ZoneInfo, zone_name: str, lowest: float) -> None:
    axes.set_yscale("symlog", linthresh=_LINEAR_M, linscale=0.6)
    axes.yaxis.set_major_locator(SymmetricalLogLocator(linthresh=_LINEAR_M, base=10.0))
    axes.yaxis.set_major_formatter(FuncFormatter(_tick_text))
    top = axes.get_ylim()[1]
    axes.set_ylim(min(-_LINEAR_M * 10, lowest * 10), max(top * 4, 10_000.0))
    axes.axhline(0.0, color="#999999", linewidth=0.6, zorder=1)
    locator = mdates.AutoDateLocator(tz=zone)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    formatter = mdates.ConciseDateFormatter(locator, tz=zone)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_formatter(formatter)
    axes.set_xlabel(f"time ({zone_name})", fontsize=8)
    axes.set_ylabel(f"altitude (logarithmic beyond ±{_LINEAR_M:.0f} m)", fontsize=8)
    axes.grid(visible=True, color="#dddddd", linewidth=0.4)
    axes.tick_params(labelsize=7.5)


def altitude_profile(relay: Relay, *, title: str | None = None) -> Figure:
    r"""Draw the altitudes of a relay's places and paths over the relay's time.

    Each leg's origin and destination that has an altitude is a hollow mark
    at the leg's departure or arrival (a declared altitude), joined by a
    dotted line when both ends share a reference; a path's recorded
    altitudes are a solid line of small filled marks (measured). Marks and
    colours tell the references apart (mean sea level, the ellipsoid, a
    water surface, the ground); the highest point of each reference, and
    the deepest where it is below zero, is named. The vertical axis is
    symmetric-logarithmic, so a dive, a summit and an orbit fit together.

    Args:
        relay: The relay to draw.
        title: The figure's title; by default the relay's name.

    Returns:
        A matplotlib figure; write it with :func:`save`.

    >>> from torchrelay.datasets import sochi_2014
    >>> figure = altitude_profile(sochi_2014())
    >>> sorted(t.get_text().split("\n")[0] for t in figure.axes[0].texts)[:2]
    ['Elbrus West Summit', 'International Space Station (launch…']

    .. versionadded:: 0.1.0
    """
    zone_name = relay.reference_timezone()
    zone = zoneinfo.ZoneInfo(zone_name)
    figure = Figure(figsize=(10.0, 4.8), layout="constrained")
    axes = figure.add_subplot()
    points: list[_Point] = []
    measured: set[AltitudeReference] = set()
    for _, leg in relay.all_legs():
        ends = _declared(leg)
        points += ends
        measured |= _measured(axes, leg)
        for point in ends:
            marker, colour, _ = _STYLE[point.reference]
            axes.plot([point.when], [point.altitude], linestyle="none", marker=marker,
                      color=colour, markerfacecolor="white", markersize=5, gid="declared",
                      zorder=4)  # fmt: skip
        if len(ends) == 2 and ends[0].reference is ends[1].reference:
            axes.plot([ends[0].when, ends[1].when], [ends[0].altitude, ends[1].altitude],
                      linestyle=":", color=_STYLE[ends[0].reference][1], linewidth=0.9,
                      zorder=2)  # fmt: skip
    lowest = min((p.altitude for p in points), default=0.0)
    if relay.starts is not None and relay.ends is not None:
        axes.set_xlim(_when(relay.starts), _when(relay.ends))
    _frame(axes, zone, zone_name, lowest)
    _annotate(axes, points)
    _legend(axes, {p.reference for p in points}, measured)
    if not points and not measured:
        axes.text(0.5, 0.5, "no altitudes in this relay", transform=axes.transAxes,
                  ha="center", va="center")  # fmt: skip
    axes.set_title(relay.name if title is None else title, fontsize=11)
    return freeze_layout(figure)
