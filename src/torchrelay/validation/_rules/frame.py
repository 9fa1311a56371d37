"""The relay's frame: its dates, its rest days, and people on the legs run on foot."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator

import numpy as np

from ...exceptions import Location
from .._report import Finding
from .._rule import Context

__all__ = ["check_dates", "check_foot_torchbearers", "check_rest_day_legs", "check_rest_days"]


def _midnight(day: dt.date, zone: zoneinfo.ZoneInfo) -> float:
    return dt.datetime(day.year, day.month, day.day, tzinfo=zone).timestamp()


def _midnight_after(day: dt.date, zone: zoneinfo.ZoneInfo) -> float:
    # The calendar ends on 9999-12-31; its day ends 24 hours after it starts.
    if day == dt.date.max:
        return _midnight(day, zone) + 86400.0
    return _midnight(day + dt.timedelta(days=1), zone)


def _date_text(stamp: float, zone: zoneinfo.ZoneInfo) -> str:
    try:
        return dt.datetime.fromtimestamp(stamp, zone).date().isoformat()
    except (OverflowError, ValueError):  # a local date past the calendar's ends
        return dt.datetime.fromtimestamp(stamp, dt.UTC).date().isoformat() + " (UTC)"


def check_dates(ctx: Context) -> Iterator[Finding]:
    """TR601: a leg outside the relay's dates."""
    zone_name = ctx.relay.reference_timezone()
    zone = zoneinfo.ZoneInfo(zone_name)
    dates = ctx.policy.dates
    if dates is not None:
        start = _midnight(dates[0], zone)
        end = _midnight_after(dates[1], zone)
        refs = ctx.legs
        frame = f"the relay's dates, {dates[0].isoformat()} to {dates[1].isoformat()}"
    else:
        main = [r.position for r in ctx.lines[0]]
        departs, arrives = ctx.departs[main], ctx.arrives[main]
        scheduled = ~np.isnan(departs)
        if not scheduled.any():
            return
        start = float(departs[scheduled].min())
        end = float(arrives[scheduled].max())
        refs = tuple(r for line in ctx.lines[1:] for r in line)
        first, last = _date_text(start, zone), _date_text(end, zone)
        frame = f"the main line's dates, {first} to {last}"
    slack = ctx.policy.time_tolerance_s
    for ref in refs:
        dep, arr = ctx.departs[ref.position], ctx.arrives[ref.position]
        if dep < start - slack or arr > end + slack:
            yield ctx.finding(
                f"{ref.describe()} runs outside {frame} ({zone_name})",
                location=ref.location(field="departs" if dep < start - slack else "arrives"),
            )


def check_rest_days(ctx: Context) -> Iterator[Finding]:
    """TR602: a day on which the relay rested."""
    for i, rest in enumerate(ctx.relay.rest_days):
        where = "" if rest.place is None else f" in {rest.place.name}"
        note = "" if rest.note is None else f": {rest.note}"
        yield ctx.finding(
            f"the relay rests on {rest.date.isoformat()}{where}{note}",
            location=Location.at("rest_days", i, field="rest_days"),
            date=rest.date.isoformat(),
        )


def check_rest_day_legs(ctx: Context) -> Iterator[Finding]:
    """TR603: a main-line leg travels on a declared rest day."""
    if not ctx.relay.rest_days or not ctx.lines[0]:
        return
    zone_name = ctx.relay.reference_timezone()
    zone = zoneinfo.ZoneInfo(zone_name)
    main = np.array([r.position for r in ctx.lines[0]])
    dep, arr = ctx.departs[main], ctx.arrives[main]
    slack = ctx.policy.time_tolerance_s
    for i, rest in enumerate(ctx.relay.rest_days):
        start = _midnight(rest.date, zone)
        end = _midnight_after(rest.date, zone)
        with np.errstate(invalid="ignore"):
            hit = (dep < end - slack) & (arr > start + slack)
        for j in np.flatnonzero(hit).tolist():
            ref = ctx.lines[0][j]
            yield ctx.finding(
                f"{ref.describe()} travels on {rest.date.isoformat()}, a rest day "
                f"(rest_days[{i}], {zone_name})",
                location=ref.location(field="departs"),
                rest_day=i,
                date=rest.date.isoformat(),
            )


def check_foot_torchbearers(ctx: Context) -> Iterator[Finding]:
    """TR604: a leg on foot names no torchbearer."""
    for ref in ctx.legs:
        if ref.leg.mode.on_foot and not ref.leg.torchbearers:
            yield ctx.finding(
                f"{ref.describe()} is on foot ({ref.leg.mode.value}) but names no torchbearer",
                location=ref.location(field="torchbearers"),
            )
