"""Flame lineage: every lighting names a source that held the Olympic flame then and there."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pendulum

from ..._modes import FlameSource, FlameState
from .._report import Finding
from .._rule import Context, LegRef

__all__ = [
    "check_branch_copies",
    "check_cauldron_source",
    "check_integrity",
    "check_lantern_source",
    "check_lighter",
    "check_lighter_relights",
    "check_missing_source",
    "check_previous_source",
    "check_sun_source",
    "check_unknown_source",
]


def _source_leg(ctx: Context, ref: LegRef) -> LegRef | None:
    """The leg a leg's flame passes from: the one held before it in its line, or where its branch leaves.

    Cancelled legs are passed over: the flame went from the leg before them.
    """  # noqa: E501
    earlier = ctx.held_before[ref.position]
    if earlier is not None:
        return earlier
    if ref.branch is not None and ref.branch.leaves_from is not None:
        # Relay refuses a branch that names a leg not on the main line.
        return ctx.main_by_id.get(ref.branch.leaves_from)
    return None


def _lit(ctx: Context, source: FlameSource) -> Iterator[LegRef]:
    burning = ctx.burning
    return (r for r in ctx.legs if r.leg.lit_from is source and burning[r.position])


def check_unknown_source(ctx: Context) -> Iterator[Finding]:
    """TR201: a burning leg, or a relighting, whose source is unknown."""
    for ref in _lit(ctx, FlameSource.UNKNOWN):
        yield ctx.finding(
            f"{ref.describe()} carries a {ref.leg.flame.value.replace('_', ' ')} but does not "
            "say where its flame came from",
            location=ref.location(field="lit_from"),
        )
    for ref in ctx.legs:
        for j, relight in enumerate(ref.leg.relights):
            if relight.source is FlameSource.UNKNOWN:
                loc = ref.location(field=f"relights[{j}]")
                yield ctx.finding(
                    f"on {ref.describe()} the flame was relit from an unknown source", location=loc
                )


def check_previous_source(ctx: Context) -> Iterator[Finding]:
    """TR202: lit from the leg before, which holds no flame."""
    for ref in _lit(ctx, FlameSource.PREVIOUS):
        source = _source_leg(ctx, ref)
        if source is not None and not ctx.burning[source.position]:
            yield ctx.finding(
                f"{ref.describe()} is lit from the leg before, {source.describe()}, "
                "but that leg's torch is unlit",
                location=ref.location(field="lit_from"),
                source_leg=source.index,
                source_leg_id=source.leg.id,
                source_branch=None if source.branch is None else source.branch.name,
            )


def check_missing_source(ctx: Context) -> Iterator[Finding]:
    """TR203: the lineage starts outside the data: no leg before to take the flame from."""
    main_lit = any(ctx.burning[r.position] for r in ctx.lines[0])
    for ref in ctx.legs:
        if not ctx.burning[ref.position]:
            continue
        source = ref.leg.lit_from
        if source in (FlameSource.PREVIOUS, FlameSource.CAULDRON):
            if _source_leg(ctx, ref) is None:
                where = (
                    "it is the first leg of the main line"
                    if ref.branch is None
                    else f"branch {ref.branch.name!r} does not say which main-line leg it "
                    "leaves from"
                )
                yield ctx.finding(
                    f"{ref.describe()} is lit from the {source.value} leg, but {where}: "
                    "the flame's lineage is not recorded",
                    location=ref.location(field="lit_from"),
                )
        elif source is FlameSource.LANTERN and (
            (
                ref.branch is None
                and not any(ctx.burning[r.position] for r in ctx.lines[0][: ref.index])
            )
            or (ref.branch is not None and not main_lit)
        ):
            yield ctx.finding(
                f"{ref.describe()} is lit from a lantern, but no earlier leg of the main line "
                "holds a flame the lantern could have been lit from",
                location=ref.location(field="lit_from"),
            )


def _first_flame(ctx: Context) -> LegRef | None:
    """The main-line burning leg that departs first: when the Olympic flame exists from."""
    main = [r for r in ctx.lines[0] if ctx.burning[r.position] and r.leg.departs is not None]
    return min(main, key=lambda r: float(ctx.departs[r.position])) if main else None


def _too_early(ctx: Context, ref: LegRef, first: LegRef | None) -> bool:
    return first is not None and bool(
        ctx.departs[ref.position] < ctx.departs[first.position] - ctx.policy.time_tolerance_s
    )


def check_lantern_source(ctx: Context) -> Iterator[Finding]:
    """TR204: lit from a lantern before the main line's flame was lit."""
    first = _first_flame(ctx)
    if first is None:
        return
    for ref in _lit(ctx, FlameSource.LANTERN):
        if not _too_early(ctx, ref, first):
            continue
        severity, note = ctx.firmness(ref, first)
        when = pendulum.from_timestamp(
            float(ctx.departs[first.position]), tz=first.leg.origin.timezone or "UTC"
        )
        yield ctx.finding(
            f"{ref.describe()} is lit from a lantern before the main line's flame was lit, "
            f"at {when.isoformat()} on {first.describe()}{note}",
            location=ref.location(field="lit_from"),
            severity=severity,
            first_flame_leg=first.index,
            first_flame_leg_id=first.leg.id,
        )


def check_cauldron_source(ctx: Context) -> Iterator[Finding]:
    """TR205: lit from a cauldron, but the leg before is no cauldron."""
    for ref in _lit(ctx, FlameSource.CAULDRON):
        source = _source_leg(ctx, ref)
        if source is not None and source.leg.flame is not FlameState.CAULDRON:
            yield ctx.finding(
                f"{ref.describe()} is lit from a cauldron, but the leg before, "
                f"{source.describe()}, carries a {source.leg.flame.value.replace('_', ' ')}",
                location=ref.location(field="lit_from"),
                source_leg=source.index,
                source_leg_id=source.leg.id,
            )


def check_sun_source(ctx: Context) -> Iterator[Finding]:
    """TR206: lit from the sun anywhere but at the start of the main line."""
    for ref in _lit(ctx, FlameSource.SUN):
        if ref.branch is None and ref.index == 0:
            continue
        yield ctx.finding(
            f"{ref.describe()} is lit from the sun: only the first lighting, at Olympia, is; "
            "a later lighting from the sun makes a new flame",
            location=ref.location(field="lit_from"),
        )


def check_lighter(ctx: Context) -> Iterator[Finding]:
    """TR207: lit from a lighter: not the Olympic flame."""
    for ref in _lit(ctx, FlameSource.LIGHTER):
        yield ctx.finding(
            f"{ref.describe()} is lit from a lighter: its flame is not the Olympic flame",
            location=ref.location(field="lit_from"),
        )


def check_lighter_relights(ctx: Context) -> Iterator[Finding]:
    """TR208: the flame went out and was relit from a lighter."""
    for ref in ctx.legs:
        for j, relight in enumerate(ref.leg.relights):
            if relight.source is FlameSource.LIGHTER:
                when = "" if relight.at is None else f" at {relight.at.isoformat()}"
                note = "" if relight.note is None else f" ({relight.note})"
                yield ctx.finding(
                    f"on {ref.describe()} the flame was relit from a lighter{when}{note}: "
                    "from then on it is not the Olympic flame until relit from a lantern",
                    location=ref.location(field=f"relights[{j}]"),
                )


def _carries_main_flame(ctx: Context, line: tuple[LegRef, ...]) -> bool:
    if not line or line[0].branch is None:
        return True
    first = next((r for r in line if ctx.burning[r.position]), None)
    return (
        first is not None
        and first.leg.lit_from is FlameSource.PREVIOUS
        and _source_leg(ctx, first) is not None
    )


def check_integrity(ctx: Context) -> Iterator[Finding]:
    """TR209: the main flame is a lit torch in two places at once."""
    refs = [
        r
        for line in ctx.lines
        if _carries_main_flame(ctx, line)
        for r in line
        if r.leg.flame is FlameState.LIT_TORCH and r.leg.departs is not None and not r.cancelled
    ]
    if len(refs) < 2:
        return
    dep = np.array([ctx.departs[r.position] for r in refs])
    arr = np.array([ctx.arrives[r.position] for r in refs])
    order = np.argsort(dep, kind="stable")
    slack = ctx.policy.time_tolerance_s
    holder = int(order[0])
    for i in order[1:].tolist():
        if dep[i] < arr[holder] - slack:
            a, b = refs[holder], refs[i]
            severity, note = ctx.firmness(a, b)
            yield ctx.finding(
                f"the torch is lit in two places at once: {b.describe()} departs while "
                f"{a.describe()} is still under way{note}",
                location=b.location(field="departs"),
                severity=severity,
                overlap_s=float(min(arr[holder], arr[i]) - dep[i]),
                other_leg=a.index,
                other_leg_id=a.leg.id,
                other_branch=None if a.branch is None else a.branch.name,
            )
        if arr[i] > arr[holder]:
            holder = i


def check_branch_copies(ctx: Context) -> Iterator[Finding]:
    """TR210: a branch carries a copy of the flame, lit from a lantern (not too early: TR204)."""
    flame = _first_flame(ctx)
    for line in ctx.lines[1:]:
        first = next((r for r in line if ctx.burning[r.position]), None)
        if (
            first is None
            or first.branch is None
            or first.leg.lit_from is not FlameSource.LANTERN
            or _too_early(ctx, first, flame)
        ):
            continue
        yield ctx.finding(
            f"branch {first.branch.name!r} carries a copy of the flame, lit from a lantern on "
            f"{first.describe()}; a copy may burn while the main torch is lit elsewhere",
            location=first.location(field="lit_from"),
        )
