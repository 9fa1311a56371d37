"""The route map: every leg on land outlines, coloured by mode, lined by flame state."""

from __future__ import annotations

import math

import attrs
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from .._geo import normalize_longitude
from .._legs import Leg, LegStatus
from .._modes import FlameState, TransportMode
from .._relay import Branch, Relay
from ._geometry import FloatArray, aspect_for, leg_line, smallest_arc, to_window, unwrap
from ._land import draw_land
from ._output import freeze_layout
from ._style import CANCELLED_COLOUR, FLAME_LABELS, FLAME_LINESTYLES, label, mode_colour

__all__ = ["route_map"]

_WIDTH_IN = 10.0
_START, _FINISH, _BRANCH = "#1b7f3b", "#111111", "#7b2cbf"


@attrs.frozen
class _Drawn:
    branch: Branch | None
    leg: Leg
    lons: FloatArray
    lats: FloatArray

    @property
    def still(self) -> bool:
        """Whether the leg stays in one place: drawn as a dot, not a line."""
        return bool(np.ptp(self.lons) < 1e-9 and np.ptp(self.lats) < 1e-9)


def _lines(relay: Relay) -> list[_Drawn]:
    drawn = []
    last: dict[str | None, float] = {}  # where each line's previous leg ended
    for branch, leg in relay.all_legs():
        lons, lats = leg_line(leg)
        key = None if branch is None else branch.name
        if np.all(np.abs(lats) == 90.0) and key in last:
            # A leg at the pole has no longitude of its own: draw it where the
            # line reached the pole, not at an arbitrary meridian.
            lons = np.full_like(lons, last[key])
        lons = unwrap(lons)
        last[key] = float(lons[-1])
        drawn.append(_Drawn(branch, leg, lons, lats))
    west, east = smallest_arc(np.concatenate([d.lons for d in drawn]) if drawn else ())
    centre = (west + east) / 2.0
    return [attrs.evolve(d, lons=to_window(d.lons, centre)) for d in drawn]


def _degrees(value: float, east: str, west: str) -> str:
    if abs(value) < 1e-9 or abs(abs(value) - 180.0) < 1e-9:
        return f"{abs(value):.0f}°"
    return f"{abs(value):.0f}°{east if value > 0 else west}"


def _graticule_step(span: float) -> float:
    for step in (1.0, 2.0, 5.0, 10.0, 20.0, 30.0):
        if span / step <= 8:
            return step
    return 60.0


def _frame(axes: Axes, drawn: list[_Drawn], *, land: bool) -> tuple[float, float]:
    """Set the window around the route, fill the land, draw the graticule; return its size."""
    lons = np.concatenate([d.lons for d in drawn]) if drawn else np.array([-180.0, 180.0])
    lats = np.concatenate([d.lats for d in drawn]) if drawn else np.array([-60.0, 80.0])
    west, east = float(lons.min()), float(lons.max())
    south, north = float(lats.min()), float(lats.max())
    pad_x = max(2.0, 0.06 * (east - west))
    pad_y = max(2.0, 0.08 * (north - south))
    west, east = west - pad_x, east + pad_x
    south, north = max(-90.0, south - pad_y), min(90.0, north + pad_y)
    if land:
        draw_land(axes, west, east, south, north)
    else:
        axes.set_facecolor("#f4f8fb")
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    aspect = aspect_for([south, north])
    axes.set_aspect(aspect)
    step_x = _graticule_step(east - west)
    step_y = _graticule_step(north - south)
    axes.set_xticks(np.arange(math.ceil(west / step_x) * step_x, east, step_x))
    axes.set_yticks(np.arange(math.ceil(south / step_y) * step_y, north, step_y))
    axes.xaxis.set_major_formatter(
        FuncFormatter(lambda x, _: _degrees(normalize_longitude(x), "E", "W"))
    )
    axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _: _degrees(y, "N", "S")))
    axes.grid(visible=True, color="#b0b0b0", linewidth=0.4, linestyle=":")
    axes.set_axisbelow(True)
    axes.tick_params(labelsize=8)
    return east - west, (north - south) * aspect


def _draw_legs(axes: Axes, drawn: list[_Drawn]) -> None:
    for d in drawn:
        leg = d.leg
        colour = mode_colour(leg.mode)
        cancelled = leg.status is LegStatus.CANCELLED
        if d.still:
            axes.plot(
                d.lons[:1], d.lats[:1], linestyle="none", marker="o", markersize=3.5,
                color=colour, markeredgecolor="white", markeredgewidth=0.4,
                alpha=0.4 if cancelled else 1.0, gid="leg", zorder=3,
            )  # fmt: skip
            continue
        axes.plot(
            d.lons, d.lats, color=colour, linestyle=FLAME_LINESTYLES[leg.flame],
            linewidth=1.2 if d.branch else 1.6, alpha=0.45 if cancelled else 1.0,
            solid_capstyle="round", gid="leg", zorder=2,
        )  # fmt: skip
        if cancelled:
            middle = len(d.lons) // 2
            axes.plot(
                d.lons[middle : middle + 1], d.lats[middle : middle + 1], linestyle="none",
                marker="x", markersize=6, color=CANCELLED_COLOUR, zorder=4,
            )  # fmt: skip


def _draw_marks(axes: Axes, relay: Relay, drawn: list[_Drawn]) -> None:
    main = [d for d in drawn if d.branch is None]
    if main:
        axes.plot(main[0].lons[:1], main[0].lats[:1], linestyle="none", marker="^",
                  markersize=9, color=_START, markeredgecolor="white", zorder=5)  # fmt: skip
        axes.plot(main[-1].lons[-1:], main[-1].lats[-1:], linestyle="none", marker="s",
                  markersize=8, color=_FINISH, markeredgecolor="white", zorder=5)  # fmt: skip
    for branch in relay.branches:
        first = next((d for d in drawn if d.branch is branch), None)
        if first is None:
            continue
        axes.plot(first.lons[:1], first.lats[:1], linestyle="none", marker="*",
                  markersize=11, color=_BRANCH, markeredgecolor="white", zorder=5)  # fmt: skip
        axes.annotate(
            branch.name, (float(first.lons[0]), float(first.lats[0])), xytext=(6, 4),
            textcoords="offset points", fontsize=7.5, color=_BRANCH, zorder=6,
            annotation_clip=True,
        )  # fmt: skip


def _legends(figure: Figure, drawn: list[_Drawn]) -> None:
    modes = sorted({d.leg.mode for d in drawn}, key=list(TransportMode).index)
    mode_handles = [
        Line2D([], [], color=mode_colour(m), linewidth=2.5, label=label(m)) for m in modes
    ]
    flames = sorted({d.leg.flame for d in drawn if not d.still}, key=list(FlameState).index)
    flame_handles = [
        Line2D([], [], color="#333333", linestyle=FLAME_LINESTYLES[f], linewidth=1.6,
               label=FLAME_LABELS[f])
        for f in flames
    ]  # fmt: skip

    def mark(marker: str, colour: str, text: str) -> Line2D:
        return Line2D([], [], linestyle="none", marker=marker, color=colour, label=text)

    marks = [mark("^", _START, "start"), mark("s", _FINISH, "finish")]
    if any(d.branch is not None for d in drawn):
        marks.append(mark("*", _BRANCH, "special project"))
    if any(d.still for d in drawn):
        marks.append(mark("o", "#555555", "leg within one place"))
    if any(d.leg.status is LegStatus.CANCELLED for d in drawn):
        marks.append(mark("x", CANCELLED_COLOUR, "cancelled"))
    figure.legend(
        handles=mode_handles, title="Transport mode", loc="outside right upper",
        fontsize=8, title_fontsize=8.5, frameon=False, alignment="left",
        ncols=1 if len(mode_handles) <= 20 else 2,
    )  # fmt: skip
    figure.legend(
        handles=flame_handles + marks, title="Flame and marks", loc="outside lower center",
        fontsize=8, title_fontsize=8.5, frameon=False, ncols=5,
    )  # fmt: skip


def route_map(relay: Relay, *, title: str | None = None, land: bool = True) -> Figure:
    """Draw a relay's route on a map, one line a leg.

    Each leg is coloured by its transport mode and drawn with a line that
    tells what carried the flame: solid for a lit torch, dashed for a
    lantern, dotted where it went unlit. Legs within one place are dots;
    special projects are starred and named; the start is a triangle, the
    finish a square; cancelled legs are faded and crossed. A leg without a
    path follows its geodesic. The map is equirectangular at the middle
    latitude's scale, centred on the smallest arc of longitude that holds the
    route, so a route across 180° is drawn in one piece. Land outlines come
    from Natural Earth 1:110m, shipped with torchrelay: nothing is fetched.

    Args:
        relay: The relay to draw.
        title: The figure's title; by default the relay's name.
        land: Whether to fill the land outlines (``False`` leaves the graticule alone).

    Returns:
        A matplotlib figure; write it with :func:`save`.

    >>> from torchrelay.datasets import sochi_2014
    >>> figure = route_map(sochi_2014())
    >>> [text.get_text() for text in figure.legends[0].get_texts()][:3]
    ['walking', 'running', 'canicross']

    .. versionadded:: 0.1.0
    """
    drawn = _lines(relay)
    figure = Figure(figsize=(_WIDTH_IN, 6.0), layout="constrained")
    axes = figure.add_subplot()
    width, height = _frame(axes, drawn, land=land)
    legend_in = 2.2
    map_height = (_WIDTH_IN - legend_in) * height / max(width, 1e-9)
    figure.set_size_inches(_WIDTH_IN, min(9.0, max(4.0, map_height + 0.9)))
    _draw_legs(axes, drawn)
    _draw_marks(axes, relay, drawn)
    _legends(figure, drawn)
    axes.set_title(relay.name if title is None else title, fontsize=11)
    return freeze_layout(figure)
