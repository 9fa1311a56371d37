"""Physics: speeds, altitudes and flames that the world allows."""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

from ..._geo import AltitudeReference, Coordinate
from ..._modes import FlameState, Medium
from ..._units import KMH_PER_MPS
from .._policy import Policy
from .._report import Finding
from .._rule import BoolArray, Context, FloatArray

__all__ = [
    "check_altitude",
    "check_flame_medium",
    "check_instant_moves",
    "check_orbital_speed",
    "check_point_jumps",
    "check_speed",
    "check_underwater_flame",
]

_MPS_TO_KMH = KMH_PER_MPS


def _speeds_kmh(ctx: Context) -> FloatArray:
    """Each leg's average speed in km/h, NaN where its times are placeholders or absent."""
    seconds = ctx.arrives - ctx.departs
    with np.errstate(divide="ignore", invalid="ignore"):
        kmh = ctx.distance_meters / seconds * _MPS_TO_KMH
    moving = np.asarray(seconds > 0, dtype=np.bool_)
    kmh[~ctx.precise | ~moving] = np.nan
    return kmh


def _orbital(ctx: Context) -> BoolArray:
    """Whether each leg is faster than orbit without being in space."""
    kmh = _speeds_kmh(ctx)
    ground = ~ctx.in_space
    return np.asarray(ground & (kmh > ctx.policy.orbital_speed_kmh), dtype=np.bool_)


def check_speed(ctx: Context) -> Iterator[Finding]:
    """TR301: a leg's average speed is outside its mode's plausible range."""
    kmh = _speeds_kmh(ctx)
    fastest = np.array([info.max_speed_kmh for info in ctx.infos])
    slowest = np.array([info.min_speed_kmh for info in ctx.infos])
    bad = ((kmh > fastest) | (kmh < slowest)) & ~_orbital(ctx)
    for k in np.flatnonzero(bad).tolist():
        ref = ctx.legs[k]
        lo, hi = slowest[k], fastest[k]
        yield ctx.finding(
            f"{ref.describe()} averages {kmh[k]:,.1f} km/h, outside {lo:g} to {hi:,g} km/h "
            f"for {ref.leg.mode.value} ({ctx.distance_meters[k] / 1000:,.1f} km in "
            f"{(ctx.arrives[k] - ctx.departs[k]) / 3600:,.2f} h)",
            location=ref.location(field="arrives"),
            speed_kmh=round(float(kmh[k]), 3),
            min_kmh=float(lo),
            max_kmh=float(hi),
        )


def check_orbital_speed(ctx: Context) -> Iterator[Finding]:
    """TR302: a leg on Earth is faster than an orbiting spacecraft."""
    kmh = _speeds_kmh(ctx)
    for k in np.flatnonzero(_orbital(ctx)).tolist():
        ref = ctx.legs[k]
        yield ctx.finding(
            f"{ref.describe()} averages {kmh[k]:,.0f} km/h, faster than low Earth orbit "
            f"({ctx.policy.orbital_speed_kmh:,.0f} km/h), by {ref.leg.mode.value}",
            location=ref.location(field="arrives"),
            speed_kmh=round(float(kmh[k]), 3),
            orbital_speed_kmh=ctx.policy.orbital_speed_kmh,
        )


def check_point_jumps(ctx: Context) -> Iterator[Finding]:
    """TR303: consecutive timed path points further apart than the mode can go in between."""
    pts = ctx.points
    if not pts.any_time:
        return
    orbital = ctx.policy.orbital_speed_kmh
    limit = np.array(
        [
            info.max_speed_kmh if ref.leg.mode.in_space else min(info.max_speed_kmh, orbital)
            for ref, info in zip(ctx.legs, ctx.infos, strict=True)
        ]
    )
    # Compared as distance against limit times time, without a column of speeds:
    # NaN (no time, a segment's end) compares false, and only the steps
    # reported are turned into km/h.
    step = np.diff(pts.time)
    most = (limit / _MPS_TO_KMH)[ctx.point_owner[:-1]]
    bad = np.zeros(len(pts.time), dtype=bool)
    np.logical_and(step > 0, pts.segments[:-1] > most * step, out=bad[:-1])
    for k, point, count in ctx.first_bad_points(bad):
        ref = ctx.legs[k]
        i = int(pts.starts[k]) + point
        kmh = float(pts.segments[i] / step[i] * _MPS_TO_KMH)
        yield ctx.finding(
            f"{ref.describe()}: {count} step(s) of its path are faster than "
            f"{limit[k]:,g} km/h for {ref.leg.mode.value}, the first from point {point} to "
            f"{point + 1} at {kmh:,.1f} km/h (a GPS outlier?)",
            location=ref.location(point=point),
            jumps=int(count),
            first_point=point,
            speed_kmh=round(kmh, 3),
            max_kmh=float(limit[k]),
        )


def _limits(policy: Policy, medium: Medium, ref: AltitudeReference) -> tuple[float, float]:
    """The lowest and highest altitude possible for a medium, in metres from *ref*."""
    if medium is Medium.UNDERWATER:
        if ref is AltitudeReference.WATER_SURFACE:
            return (-policy.max_dive_depth_m, policy.surface_tolerance_m)
        return (-math.inf, policy.max_ground_altitude_m)
    if medium in (Medium.GROUND, Medium.WATER):
        return (-math.inf, policy.max_ground_altitude_m)
    if medium is Medium.AIR:
        return (-math.inf, policy.max_air_altitude_m)
    return (-math.inf, math.inf)


def _why(medium: Medium, alt: float, lo: float) -> str:
    if medium is Medium.UNDERWATER and alt < lo:
        return "deeper than a diver can go"
    if medium is Medium.UNDERWATER:
        return "above the water surface, for a leg under water"
    return f"too high for a leg on {medium.value.replace('_', ' ')}"


def check_altitude(ctx: Context) -> Iterator[Finding]:
    """TR304: an altitude that the leg's medium cannot reach."""
    policy = ctx.policy
    for ref, medium in zip(ctx.legs, ctx.media, strict=True):
        ends: list[tuple[str, Coordinate]] = [
            ("origin", ref.leg.origin.coordinate),
            ("destination", ref.leg.destination.coordinate),
        ]
        for field, c in ends:
            if c.altitude is None:
                continue
            lo, hi = _limits(policy, medium, c.altitude_reference)
            if not lo <= c.altitude <= hi:
                yield ctx.finding(
                    f"{ref.describe()}: its {field} is at {c.altitude:,g} m "
                    f"({c.altitude_reference.value.replace('_', ' ')}), "
                    f"{_why(medium, c.altitude, lo)} by {ref.leg.mode.value}",
                    location=ref.location(field=field),
                    altitude_m=c.altitude,
                    min_m=lo if math.isfinite(lo) else None,
                    max_m=hi if math.isfinite(hi) else None,
                )
    pts = ctx.points
    if not pts.any_altitude:
        return
    cache: dict[tuple[Medium, AltitudeReference], tuple[float, float]] = {}
    bounds = []
    for ref, medium in zip(ctx.legs, ctx.media, strict=True):
        path = ref.leg.path
        if path is None or path.altitudes is None:
            bounds.append((-math.inf, math.inf))
            continue
        key = (medium, path.altitude_reference)
        if key not in cache:
            cache[key] = _limits(policy, medium, path.altitude_reference)
        bounds.append(cache[key])
    lo_leg = np.array([b[0] for b in bounds])
    hi_leg = np.array([b[1] for b in bounds])
    owner = ctx.point_owner
    with np.errstate(invalid="ignore"):
        bad = (pts.alt < lo_leg[owner]) | (pts.alt > hi_leg[owner])
    for k, point, count in ctx.first_bad_points(bad):
        ref = ctx.legs[k]
        i = int(pts.starts[k]) + point
        alt = float(pts.alt[i])
        medium = ref.leg.mode.medium
        yield ctx.finding(
            f"{ref.describe()}: {count} point(s) of its path are at impossible altitudes, "
            f"the first, point {point}, at {alt:,g} m: {_why(medium, alt, lo_leg[k])} "
            f"by {ref.leg.mode.value}",
            location=ref.location(point=point),
            altitude_m=alt,
            points=int(count),
            min_m=float(lo_leg[k]) if math.isfinite(lo_leg[k]) else None,
            max_m=float(hi_leg[k]) if math.isfinite(hi_leg[k]) else None,
        )


def check_flame_medium(ctx: Context) -> Iterator[Finding]:
    """TR305: an open flame where none can burn, or any flame in space."""
    for ref, info in zip(ctx.legs, ctx.infos, strict=True):
        mode, flame = ref.leg.mode, ref.leg.flame
        if info.medium is Medium.UNDERWATER or flame is FlameState.UNLIT:
            continue  # TR306 for flames under water
        if mode.in_space:
            why = "nothing burns in space: the torch must be unlit"
        elif flame.open_flame and not info.open_flame:
            why = f"an open flame cannot burn by {mode.value}: carry it in a lantern"
        else:
            continue
        yield ctx.finding(
            f"{ref.describe()} carries a {flame.value.replace('_', ' ')} by {mode.value}: {why}",
            location=ref.location(field="flame"),
        )


def check_underwater_flame(ctx: Context) -> Iterator[Finding]:
    """TR306: a flame under water that is not a flare."""
    for ref, medium in zip(ctx.legs, ctx.media, strict=True):
        flame = ref.leg.flame
        if medium is Medium.UNDERWATER and flame.burning and flame is not FlameState.FLARE:
            yield ctx.finding(
                f"{ref.describe()} carries a {flame.value.replace('_', ' ')} under water: "
                "only a flare burns there",
                location=ref.location(field="flame"),
            )


def check_instant_moves(ctx: Context) -> Iterator[Finding]:
    """TR307: a leg that covers a distance in no time."""
    # TR301 and TR302 divide by the duration and so cannot judge a leg of none.
    seconds = ctx.arrives - ctx.departs
    for k in np.flatnonzero(seconds == 0.0).tolist():
        ref = ctx.legs[k]
        km = float(ctx.distance_meters[k]) / 1000.0
        tolerance = ctx.policy.tolerance_km(ctx.media[k])
        if not km > tolerance:  # NaN without a distance; space is unlimited
            continue
        severity, note = ctx.firmness(ref)
        yield ctx.finding(
            f"{ref.describe()} covers {km:,.1f} km by {ref.leg.mode.value} in no time: "
            f"it departs and arrives at the same instant{note}",
            location=ref.location(field="arrives"),
            severity=severity,
            distance_km=round(km, 3),
            tolerance_km=tolerance,
        )
