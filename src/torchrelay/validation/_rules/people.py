"""People and sponsors: torchbearers of age, in one place at a time; campaigns that add up."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterator

from ..._people import Torchbearer
from ...exceptions import Location
from .._report import Finding, Severity
from .._rule import Context

__all__ = [
    "check_campaign_named",
    "check_campaign_selected",
    "check_min_age",
    "check_partnership",
    "check_torchbearer_overlap",
]


def _who(person: Torchbearer, j: int) -> str:
    # Names are personal data and reports get shared: name people by id.
    return f"torchbearer {person.id!r}" if person.id is not None else f"torchbearer #{j}"


def check_min_age(ctx: Context) -> Iterator[Finding]:
    """TR501: a torchbearer younger than the policy allows on the day they carried the flame."""
    minimum = ctx.policy.min_torchbearer_age
    for ref in ctx.legs:
        departs = ref.leg.departs
        if departs is None:
            continue
        day = departs.date()
        for j, person in enumerate(ref.leg.torchbearers):
            if person.birth_year is not None:
                low, high = day.year - person.birth_year - 1, day.year - person.birth_year
            elif person.age is not None:
                low = high = person.age
            else:
                continue
            if low >= minimum:
                continue
            certain = high < minimum
            age = f"{high}" if low == high else f"{low} or {high}"
            yield ctx.finding(
                f"{ref.describe()}: {_who(person, j)} is {age} on {day.isoformat()}, "
                f"{'under' if certain else 'possibly under'} the minimum age of {minimum}"
                + ("" if certain else " (only the birth year is known)"),
                location=ref.location(field=f"torchbearers[{j}]", torchbearer=person.id),
                severity=None if certain else Severity.WARNING,
                age_min=low,
                age_max=high,
                min_age=minimum,
            )


def _key(person: Torchbearer) -> Hashable | None:
    if person.id is not None:
        return ("id", person.id)
    if person.name is not None:
        return ("name", person.name, person.birth_year, person.hometown)
    return None


def check_torchbearer_overlap(ctx: Context) -> Iterator[Finding]:
    """TR502: the same torchbearer carries two legs at the same time."""
    carried: dict[Hashable, list[tuple[float, float, int, int]]] = defaultdict(list)
    for ref in ctx.legs:
        if ref.leg.departs is None:
            continue
        for j, person in enumerate(ref.leg.torchbearers):
            key = _key(person)
            if key is not None:
                carried[key].append(
                    (
                        float(ctx.departs[ref.position]),
                        float(ctx.arrives[ref.position]),
                        ref.position,
                        j,
                    )
                )
    slack = ctx.policy.time_tolerance_s
    for spans in carried.values():
        if len(spans) < 2:
            continue
        spans.sort()
        holder = spans[0]
        for span in spans[1:]:
            if span[0] < holder[1] - slack and span[2] != holder[2]:
                a, b = ctx.legs[holder[2]], ctx.legs[span[2]]
                person = b.leg.torchbearers[span[3]]
                severity, note = ctx.firmness(a, b)
                yield ctx.finding(
                    f"{_who(person, span[3])} carries {b.describe()} while still on "
                    f"{a.describe()}{note}",
                    location=b.location(field=f"torchbearers[{span[3]}]", torchbearer=person.id),
                    severity=severity,
                    other_leg=a.index,
                    other_leg_id=a.leg.id,
                    other_branch=None if a.branch is None else a.branch.name,
                )
            if span[1] > holder[1]:
                holder = span


def check_campaign_selected(ctx: Context) -> Iterator[Finding]:
    """TR503: a campaign selected more people than applied to it."""
    for i, c in enumerate(ctx.relay.campaigns):
        if c.selected is not None and c.applications is not None and c.selected > c.applications:
            yield ctx.finding(
                f"campaign {c.name!r} selected {c.selected:,} torchbearers from only "
                f"{c.applications:,} applications",
                location=Location.at("campaigns", i, "selected", field="selected"),
                selected=c.selected,
                applications=c.applications,
            )


def check_campaign_named(ctx: Context) -> Iterator[Finding]:
    """TR504: a campaign names more torchbearers than it selected."""
    for i, c in enumerate(ctx.relay.campaigns):
        if c.selected is not None and len(c.torchbearers) > c.selected:
            yield ctx.finding(
                f"campaign {c.name!r} names {len(c.torchbearers):,} torchbearers but selected "
                f"{c.selected:,}",
                location=Location.at("campaigns", i, "torchbearers", field="torchbearers"),
                named=len(c.torchbearers),
                selected=c.selected,
            )


def check_partnership(ctx: Context) -> Iterator[Finding]:
    """TR505: a sponsor's relay partnership starts before its Olympic partnership."""
    for i, s in enumerate(ctx.relay.sponsors):
        olympic, relay = s.olympic_partner_since, s.relay_partner_since
        if olympic is not None and relay is not None and relay < olympic:
            yield ctx.finding(
                f"sponsor {s.name!r} sponsors relays since {relay} but the Olympic Games "
                f"only since {olympic}",
                location=Location.at(
                    "sponsors", i, "relay_partner_since", field="relay_partner_since"
                ),
                relay_partner_since=relay,
                olympic_partner_since=olympic,
            )
