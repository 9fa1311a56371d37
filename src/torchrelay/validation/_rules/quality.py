"""Data quality: placeholders, duplicates, disorder and figures that disagree."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ..._claims import Claim, Qualifier, disagreements
from ..._geodesy import distances
from ..._modes import FlameState, TransportMode
from ...exceptions import Location
from .._report import Finding
from .._rule import BoolArray, Context, FloatArray

__all__ = [
    "check_claims",
    "check_declared_distance",
    "check_duplicate_points",
    "check_null_island",
    "check_path_ends",
    "check_point_times",
    "check_time_order",
    "check_unknowns",
    "check_zero_legs",
]


def _null(lat: FloatArray, lon: FloatArray) -> BoolArray:
    return np.asarray((np.abs(lat) < 1e-9) & (np.abs(lon) < 1e-9), dtype=np.bool_)


def check_null_island(ctx: Context) -> Iterator[Finding]:
    """TR401: a place or point at latitude 0, longitude 0, a placeholder for "unknown"."""
    for ref in ctx.legs:
        for field in ("origin", "destination"):
            place = getattr(ref.leg, field)
            c = place.coordinate
            if abs(c.latitude) < 1e-9 and abs(c.longitude) < 1e-9:
                yield ctx.finding(
                    f"{ref.describe()}: its {field} {place.name!r} is at (0, 0), "
                    "'null island', most likely a placeholder for an unknown position",
                    location=ref.location(field=field),
                )
    pts = ctx.points
    bad = np.asarray(_null(pts.lat, pts.lon), dtype=np.bool_)
    for k, point, count in ctx.first_bad_points(bad):
        ref = ctx.legs[k]
        yield ctx.finding(
            f"{ref.describe()}: {count} point(s) of its path are at (0, 0), 'null island', "
            f"the first is point {point}",
            location=ref.location(point=point),
            points=count,
        )


def _same(a: FloatArray, b: FloatArray) -> BoolArray:
    return np.asarray((a == b) | (np.isnan(a) & np.isnan(b)), dtype=np.bool_)


def check_duplicate_points(ctx: Context) -> Iterator[Finding]:
    """TR402: a path point repeats the one before it: same place, altitude and time."""
    pts = ctx.points
    if len(pts.lat) < 2:
        return
    inside = ~np.isnan(pts.segments[:-1])
    dup = np.zeros(len(pts.lat), dtype=np.bool_)
    dup[1:] = (
        inside
        & (pts.lat[1:] == pts.lat[:-1])
        & (pts.lon[1:] == pts.lon[:-1])
        & _same(pts.alt[1:], pts.alt[:-1])
        & _same(pts.time[1:], pts.time[:-1])
    )
    for k, point, count in ctx.first_bad_points(dup):
        ref = ctx.legs[k]
        yield ctx.finding(
            f"{ref.describe()}: {count} point(s) of its path repeat the point before, "
            f"the first is point {point}",
            location=ref.location(point=point),
            points=count,
        )


def check_time_order(ctx: Context) -> Iterator[Finding]:
    """TR403: a path point's time is before the time of the point before it."""
    pts = ctx.points
    if len(pts.lat) < 2 or not pts.any_time:
        return
    back = np.zeros(len(pts.lat), dtype=np.bool_)
    with np.errstate(invalid="ignore"):
        back[1:] = ~np.isnan(pts.segments[:-1]) & (pts.time[1:] < pts.time[:-1])
    for k, point, count in ctx.first_bad_points(back):
        ref = ctx.legs[k]
        step = float(pts.time[pts.starts[k] + point - 1] - pts.time[pts.starts[k] + point])
        yield ctx.finding(
            f"{ref.describe()}: {count} point(s) of its path are earlier than the point "
            f"before them, the first is point {point}, {step:,.0f} s earlier",
            location=ref.location(point=point),
            points=count,
            back_s=step,
        )


def check_point_times(ctx: Context) -> Iterator[Finding]:
    """TR404: a path's times fall outside its leg's departure and arrival."""
    pts = ctx.points
    if not pts.any_time:
        return
    slack = ctx.policy.time_tolerance_s
    owner = ctx.point_owner
    with np.errstate(invalid="ignore"):
        early = pts.time < ctx.departs[owner] - slack
        late = pts.time > ctx.arrives[owner] + slack
    outside = ctx.precise[owner] & (early | late)
    for k, point, count in ctx.first_bad_points(outside):
        ref = ctx.legs[k]
        when = "before the leg departs" if early[pts.starts[k] + point] else "after it arrives"
        yield ctx.finding(
            f"{ref.describe()}: {count} point(s) of its path are timed outside the leg, "
            f"the first is point {point}, {when}",
            location=ref.location(point=point),
            points=count,
        )


def check_unknowns(ctx: Context) -> Iterator[Finding]:
    """TR408: what an import could not fill in: times, mode, flame state, point times."""
    for ref in ctx.legs:
        leg = ref.leg
        missing = []
        if leg.departs is None:
            missing.append("times")
        if leg.mode is TransportMode.UNKNOWN:
            missing.append("mode")
        if leg.flame is FlameState.UNKNOWN:
            missing.append("flame state")
        path = leg.path
        untimed = [] if path is None or path.times is None else path.untimed().tolist()
        if untimed:
            missing.append(f"the time of {len(untimed)} path point(s)")
        if not missing:
            continue
        point = untimed[0] if untimed and len(missing) == 1 else None
        field = "mode" if missing == ["mode"] else "flame" if missing == ["flame state"] else None
        yield ctx.finding(
            f"{ref.describe()} does not say its {', '.join(missing)}",
            location=ref.location(field=field, point=point),
            missing=missing,
            untimed_points=untimed[:20],
        )


def check_zero_legs(ctx: Context) -> Iterator[Finding]:
    """TR405: a leg of no length that takes no time."""
    seconds = ctx.arrives - ctx.departs
    zero = (ctx.ground_meters == 0.0) & (seconds == 0.0)
    for k in np.flatnonzero(zero).tolist():
        ref = ctx.legs[k]
        yield ctx.finding(
            f"{ref.describe()} goes nowhere and takes no time: a placeholder or a duplicate?",
            location=ref.location(),
        )


def check_declared_distance(ctx: Context) -> Iterator[Finding]:
    """TR406: a declared distance far from the measured one."""
    tol = ctx.policy.declared_distance_tolerance
    for ref in ctx.legs:
        declared = ref.leg.declared_distance
        if declared is None or ref.leg.mode.in_space:
            continue
        measured = float(ctx.ground_meters[ref.position])
        on_path = bool(ctx.on_path[ref.position])
        if on_path:
            bad = abs(declared.meters - measured) > tol * measured
            basis = "along its path"
        else:
            bad = declared.meters < (1.0 - tol) * measured
            basis = "in a straight line between its ends, which no route can beat"
        if bad:
            yield ctx.finding(
                f"{ref.describe()} declares {declared.km:,.1f} km but measures "
                f"{measured / 1000:,.1f} km {basis}",
                location=ref.location(field="declared_distance"),
                declared_km=declared.km,
                measured_km=round(measured / 1000, 3),
                on_path=bool(on_path),
            )


def _show(claim: Claim) -> str:
    words = {Qualifier.ABOUT: "about ", Qualifier.MORE_THAN: "more than "}
    prefix = words.get(
        claim.qualifier, "less than " if claim.qualifier is Qualifier.LESS_THAN else ""
    )
    value = claim.value if isinstance(claim.value, str) else f"{claim.value:,g}"
    unit = f" {claim.unit}" if claim.unit else ""
    title = f" ({claim.source.title})" if claim.source.title else ""
    return f"{prefix}{value}{unit} per {claim.source.url}{title}"


def check_claims(ctx: Context) -> Iterator[Finding]:
    """TR407: published claims about the same figure that cannot all be true."""
    position = {id(claim): i for i, claim in enumerate(ctx.relay.claims)}
    for found in disagreements(ctx.relay.claims):
        yield ctx.finding(
            f"sources disagree about {found.figure!r}: {_show(found.low)}, but "
            f"{_show(found.high)} ({len(found.claims)} claims in all)",
            location=Location.at("claims", position[id(found.low)], field="claims"),
            figure=found.figure,
            claims=[position[id(c)] for c in found.claims],
            sources=[found.low.source.url, found.high.source.url],
        )


def check_path_ends(ctx: Context) -> Iterator[Finding]:
    """TR409: a path that starts far from its leg's origin or ends far from its destination."""
    tolerance = ctx.policy.path_place_tolerance_km
    refs = [r for r in ctx.legs if r.leg.path is not None and not r.leg.mode.in_space]
    if not refs:
        return
    rows = [r.position for r in refs]
    ends, places = ctx.ends.take(rows), ctx.places.take(rows)  # in bulk
    start_m = distances(
        places.start_latitude, places.start_longitude, ends.start_latitude, ends.start_longitude
    )
    end_m = distances(
        places.end_latitude, places.end_longitude, ends.end_latitude, ends.end_longitude
    )
    far = (start_m > tolerance * 1000.0) | (end_m > tolerance * 1000.0)
    for j in np.flatnonzero(far).tolist():
        ref = refs[j]
        path = ref.leg.path
        assert path is not None
        at_start = bool(start_m[j] > tolerance * 1000.0)
        field, i, verb, place = (
            ("origin", 0, "starts", ref.leg.origin)
            if at_start
            else ("destination", len(path) - 1, "ends", ref.leg.destination)
        )
        km = float(start_m[j] if at_start else end_m[j]) / 1000.0
        # One finding a leg: a path far from one end is usually far from both.
        yield ctx.finding(
            f"{ref.describe()}: its path {verb} {km:,.1f} km from its {field} "
            f"{place.name}, more than {tolerance:g} km: the wrong path, or wrong places?",
            location=ref.location(point=i),
            end=field,
            distance_km=round(km, 3),
            tolerance_km=tolerance,
        )
