"""Continuity: each leg starts where and after the one before it ended."""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

from ..._geodesy import distances
from ..._relay import Branch
from ...exceptions import Location
from .._report import Finding
from .._rule import Context, LegRef

__all__ = [
    "check_branch_departure",
    "check_branch_return",
    "check_space_gaps",
    "check_time_gaps",
    "check_time_overlaps",
]


def _hours(seconds: float) -> str:
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 3 * 86_400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86_400:.1f} days"


def check_space_gaps(ctx: Context) -> Iterator[Finding]:
    """TR101: a leg starts farther from the previous leg's end than the tolerance."""
    tolerance = ctx.policy.continuity_tolerance_km
    pairs = []
    for prev, cur in ctx.pairs():
        limit = max(tolerance[ctx.media[prev.position]], tolerance[ctx.media[cur.position]])
        if math.isfinite(limit):
            pairs.append((prev, cur, limit))
    if not pairs:
        return
    ends = ctx.ends
    before = np.fromiter((p.position for p, _, _ in pairs), dtype=np.intp, count=len(pairs))
    after = np.fromiter((c.position for _, c, _ in pairs), dtype=np.intp, count=len(pairs))
    dist = distances(
        ends.end_latitude[before],
        ends.end_longitude[before],
        ends.start_latitude[after],
        ends.start_longitude[after],
    )
    km = dist / 1000.0
    limits = np.array([t for _, _, t in pairs])
    for i in np.flatnonzero(km > limits).tolist():
        prev, cur, limit = pairs[i]
        yield ctx.finding(
            f"{cur.describe()} starts {km[i]:,.1f} km from where {prev.describe()} ended "
            f"(tolerance {limit:g} km for {cur.leg.mode.value} after "
            f"{prev.leg.mode.value}): the flame cannot jump",
            location=cur.location(field="origin"),
            gap_km=round(float(km[i]), 3),
            tolerance_km=limit,
            previous_leg=prev.index,
            previous_leg_id=prev.leg.id,
        )


def check_time_overlaps(ctx: Context) -> Iterator[Finding]:
    """TR102: a leg departs before the previous leg in its line arrives."""
    dep, arr = ctx.departs, ctx.arrives
    slack = ctx.policy.time_tolerance_s
    for prev, cur in ctx.pairs():
        overlap = arr[prev.position] - dep[cur.position]
        if not overlap > slack:  # NaN for unscheduled legs: nothing to compare
            continue
        severity, note = ctx.firmness(prev, cur)
        yield ctx.finding(
            f"{cur.describe()} departs {_hours(float(overlap))} before {prev.describe()} "
            f"arrives{note}",
            location=cur.location(field="departs"),
            severity=severity,
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
        gap = dep[cur.position] - arr[prev.position]
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
            location=cur.location(field="departs"),
            gap_s=float(gap),
            previous_leg=prev.index,
            previous_leg_id=prev.leg.id,
            rest_days=inside,
        )


def _links(
    ctx: Context, field: str
) -> Iterator[tuple[Branch, tuple[LegRef, ...], LegRef, Location]]:
    """Branches whose *field* names a main-line leg: with their legs, that leg, and where."""
    for n, line in enumerate(ctx.lines[1:]):
        branch = ctx.relay.branches[n]
        leg_id = getattr(branch, field)
        linked = None if leg_id is None else ctx.main_by_id.get(leg_id)
        if linked is not None and line:
            where = Location.at("branches", n, field, branch=branch.name, field=field)
            yield branch, line, linked, where


def check_branch_departure(ctx: Context) -> Iterator[Finding]:
    """TR104: a branch starts away from, or before, the main-line leg it leaves from."""
    slack = ctx.policy.time_tolerance_s
    for branch, line, source, where in _links(ctx, "leaves_from"):
        first = line[0]
        limit = ctx.policy.tolerance_km(ctx.media[source.position], ctx.media[first.position])
        if math.isfinite(limit):
            e, k = ctx.ends, source.position
            lat = np.array([e.start_latitude[k], e.end_latitude[k]])
            lon = np.array([e.start_longitude[k], e.end_longitude[k]])
            at = first.position
            start_lat = np.full(2, e.start_latitude[at])
            start_lon = np.full(2, e.start_longitude[at])
            km = float(np.min(distances(lat, lon, start_lat, start_lon))) / 1000.0
            if km > limit:
                yield ctx.finding(
                    f"branch {branch.name!r} leaves from {source.describe()}, but its first "
                    f"leg starts {km:,.1f} km from either end of it (tolerance {limit:g} km)",
                    location=where,
                    gap_km=round(km, 3),
                    tolerance_km=limit,
                )
        early = ctx.departs[source.position] - ctx.departs[first.position]
        if early > slack:
            severity, note = ctx.firmness(source, first)
            yield ctx.finding(
                f"branch {branch.name!r} leaves from {source.describe()}, but departs "
                f"{_hours(float(early))} before that leg does{note}",
                location=where,
                severity=severity,
                early_s=float(early),
            )


def check_branch_return(ctx: Context) -> Iterator[Finding]:
    """TR105: a branch comes back after the main-line leg it rejoins has ended."""
    slack = ctx.policy.time_tolerance_s
    for branch, line, target, where in _links(ctx, "rejoins_at"):
        last = line[-1]
        late = ctx.arrives[last.position] - ctx.arrives[target.position]
        if late > slack:
            severity, note = ctx.firmness(last, target)
            yield ctx.finding(
                f"branch {branch.name!r} rejoins the main line at {target.describe()}, but its "
                f"last leg arrives {_hours(float(late))} after that leg ends{note}",
                location=where,
                severity=severity,
                late_s=float(late),
            )
