"""Continuity: each leg starts where and after the one before it ended."""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
from pyproj import Geod

from ..._geo import Coordinate
from ..._legs import Leg
from .._report import Finding, Severity
from .._rule import Context

__all__ = ["check_space_gaps", "check_time_gaps", "check_time_overlaps", "end_point", "start_point"]

_WGS84 = Geod(ellps="WGS84")


def start_point(leg: Leg) -> tuple[float, float]:
    """Where a leg starts, as (latitude, longitude): its path's first point, else its origin."""
    if leg.path is not None:
        return float(leg.path.latitudes[0]), float(leg.path.longitudes[0])
    c: Coordinate = leg.origin.coordinate
    return c.latitude, c.longitude


def end_point(leg: Leg) -> tuple[float, float]:
    """Where a leg ends, as (latitude, longitude): its path's last point, else its destination."""
    if leg.path is not None:
        return float(leg.path.latitudes[-1]), float(leg.path.longitudes[-1])
    c: Coordinate = leg.destination.coordinate
    return c.latitude, c.longitude


def _hours(seconds: float) -> str:
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 3 * 86_400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86_400:.1f} days"


def check_space_gaps(ctx: Context) -> Iterator[Finding]:
    """TR101: a leg starts farther from the previous leg's end than the tolerance."""
    pairs = []
    for prev, cur in ctx.pairs():
        tolerance = ctx.policy.tolerance_km(prev.leg.mode.medium, cur.leg.mode.medium)
        if math.isfinite(tolerance):
            pairs.append((prev, cur, tolerance))
    if not pairs:
        return
    ends = np.array([end_point(p.leg) + start_point(c.leg) for p, c, _ in pairs])
    _, _, dist = _WGS84.inv(ends[:, 1], ends[:, 0], ends[:, 3], ends[:, 2])
    km = np.asarray(dist) / 1000.0
    limits = np.array([t for _, _, t in pairs])
    for i in np.flatnonzero(km > limits).tolist():
        prev, cur, tolerance = pairs[i]
        yield ctx.finding(
            f"{cur.describe()} starts {km[i]:,.1f} km from where {prev.describe()} ended "
            f"(tolerance {tolerance:g} km for {cur.leg.mode.value} after "
            f"{prev.leg.mode.value}): the flame cannot jump",
            cur.location("origin"),
            gap_km=round(float(km[i]), 3),
            tolerance_km=tolerance,
            previous_leg=prev.index,
            previous_leg_id=prev.leg.id,
        )


def check_time_overlaps(ctx: Context) -> Iterator[Finding]:
    """TR102: a leg departs before the previous leg in its line arrives."""
    dep, arr, precise = ctx.departs, ctx.arrives, ctx.precise
    slack = ctx.policy.time_tolerance_s
    for prev, cur in ctx.pairs():
        overlap = arr[prev.k] - dep[cur.k]
        if not overlap > slack:  # NaN for unscheduled legs: nothing to compare
            continue
        firm = bool(precise[prev.k] and precise[cur.k])
        note = "" if firm else " (placeholder times: not evidence, so information only)"
        yield ctx.finding(
            f"{cur.describe()} departs {_hours(float(overlap))} before {prev.describe()} "
            f"arrives{note}",
            cur.location("departs"),
            severity=None if firm else Severity.INFO,
            overlap_s=float(overlap),
            previous_leg=prev.index,
            previous_leg_id=prev.leg.id,
        )


def check_time_gaps(ctx: Context) -> Iterator[Finding]:
    """TR103: a long wait between consecutive legs, with any rest days in it."""
    dep, arr = ctx.departs, ctx.arrives
    limit = ctx.policy.max_time_gap_h * 3600.0
    rest = sorted(r.date.isoformat() for r in ctx.relay.rest_days)
    for prev, cur in ctx.pairs():
        gap = dep[cur.k] - arr[prev.k]
        if not gap > limit:
            continue
        start, end = prev.leg.arrives, cur.leg.departs
        if start is None or end is None:  # pragma: no cover - the gap would be NaN
            continue
        inside = [d for d in rest if start.date().isoformat() <= d <= end.date().isoformat()]
        rest_note = f"; rest days in it: {', '.join(inside)}" if inside else ""
        yield ctx.finding(
            f"{cur.describe()} departs {_hours(float(gap))} after {prev.describe()} "
            f"arrives{rest_note}",
            cur.location("departs"),
            gap_s=float(gap),
            previous_leg=prev.index,
            previous_leg_id=prev.leg.id,
            rest_days=inside,
        )
