"""Flame custody across lines: one lit torch at a time, lantern copies included.

TR209 keeps the main flame in one torch; a branch lit from a lantern copy is
left out of it, as a copy may travel beside the main flame (TR210). A copy may
travel, but the organisers did not *light a torch* from it while a main torch
burned: the Sochi 2014 North Pole relay waited until Yaroslavl's last
torchbearer had finished. This module checks that.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..._modes import FlameState
from .._report import Finding
from .._rule import Context, LegRef
from .flame import _carries_main_flame

__all__ = ["check_copy_torches"]


def _torches(ctx: Context) -> list[tuple[LegRef, bool]]:
    """Every scheduled lit-torch leg that ran, with whether its line carries the main flame."""
    return [
        (ref, main)
        for line in ctx.lines
        for main in (_carries_main_flame(ctx, line),)
        for ref in line
        if ref.leg.flame is FlameState.LIT_TORCH
        and ref.leg.departs is not None
        and not ref.cancelled
    ]


def check_copy_torches(ctx: Context) -> Iterator[Finding]:
    """TR211: a torch lit from a copy burns while a torch of another line burns."""
    torches = _torches(ctx)
    if not any(not main for _, main in torches):
        return
    slack = ctx.policy.time_tolerance_s
    dep, arr = ctx.departs, ctx.arrives
    torches.sort(key=lambda t: float(dep[t[0].position]))
    burning: list[tuple[LegRef, bool]] = []
    for ref, main in torches:
        start = float(dep[ref.position])
        burning = [b for b in burning if float(arr[b[0].position]) - slack > start]
        for other, other_main in burning:
            if other.line == ref.line or (main and other_main):
                continue  # one line is TR102's; two main-flame torches are TR209's
            severity, note = ctx.firmness(other, ref)
            copy = ref if not main else other
            yield ctx.finding(
                f"two torches burn at once: {ref.describe()} departs while {other.describe()} "
                f"is still under way, and {copy.describe()} is lit from a copy of the flame"
                f"{note}",
                location=ref.location(field="departs"),
                severity=severity,
                overlap_s=min(float(arr[other.position]), float(arr[ref.position])) - start,
                other_leg=other.index,
                other_leg_id=other.leg.id,
                other_branch=None if other.branch is None else other.branch.name,
                copy_leg_id=copy.leg.id,
            )
        burning.append((ref, main))
