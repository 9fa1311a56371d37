"""What ``torchrelay demo`` and ``torchrelay info`` say about a relay, as text and as JSON."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .._calendar import days_inclusive, last_date
from .._claims import Claim, Qualifier, disagreements
from .._relay import Relay

__all__ = ["info", "summarize"]


def _claim_text(claim: Claim) -> str:
    if isinstance(claim.value, str):
        return claim.value
    words = {
        Qualifier.ABOUT: "about ",
        Qualifier.MORE_THAN: "more than ",
        Qualifier.LESS_THAN: "less than ",
    }
    if claim.unit == "year":
        return f"{words.get(claim.qualifier, '')}{claim.value}"
    unit = f" {claim.unit}" if claim.unit else ""
    return f"{words.get(claim.qualifier, '')}{claim.value:,}{unit}"


def _days_lines(relay: Relay) -> list[str]:
    days = relay.length_in_days()
    if days is None:
        return []
    zone = relay.reference_timezone()
    lines = [
        f"  relay days: {days}, counting day 1 as {relay.day_one or 'the first departure'} ({zone})"
    ]
    for comparison in relay.compare_days():
        if comparison.claimed == comparison.computed:
            continue
        where = (
            comparison.source.title or comparison.source.url if comparison.source else "a source"
        )
        what = "days" if comparison.subject == "days" else f"day number of {comparison.subject}"
        lines.append(f"    published {what}: {comparison.claimed} ({where})")
    return lines


def _distance_lines(relay: Relay) -> list[str]:
    total = relay.distance()
    lines = [
        f"  distance: {total} by ground, water and air (space legs apart: {relay.space_distance()})"
    ]
    by_mode = sorted(relay.distance_by_mode().items(), key=lambda item: -item[1].meters)
    shown = [f"{mode.value} {distance}" for mode, distance in by_mode if distance.meters > 0]
    if shown:
        lines.append("    by mode: " + ", ".join(shown))
    return lines


def summarize(relay: Relay) -> str:
    """A readable summary of a relay, a few lines long.

    .. versionadded:: 0.1.0
    """
    lines = [relay.name, f"  games: {relay.games}"]
    starts = relay.starts
    zone = relay.reference_timezone()  # the zone relay days are counted in
    last = last_date((leg for _, leg in relay.all_legs()), zone)
    if starts is not None and last is not None:
        first = starts.in_tz(zone).date()
        days = days_inclusive(first, last)
        lines.append(f"  dates: {first} to {last} ({days} calendar days, {zone})")
    lines.extend(_days_lines(relay))
    lines.extend(_distance_lines(relay))
    n_branch_legs = sum(len(b.legs) for b in relay.branches)
    lines.append(f"  legs: {len(relay.legs)} on the main line, {n_branch_legs} on branches")
    regions = relay.regions()
    if regions:
        lines.append(f"  regions: {len(regions)}")
    modes = Counter(leg.mode.value for _, leg in relay.all_legs())
    lines.append("  modes: " + ", ".join(f"{m} ({n})" for m, n in modes.most_common()))
    for branch in relay.branches:
        kinds = ", ".join(dict.fromkeys(leg.mode.value for leg in branch.legs))
        lines.append(f"  branch {branch.name}: {len(branch.legs)} legs by {kinds}")
    for sponsor in relay.sponsors:
        since = (
            f", Olympic partner since {sponsor.olympic_partner_since}"
            if sponsor.olympic_partner_since
            else ""
        )
        lines.append(f"  sponsor: {sponsor.name}{since}")
    for campaign in relay.campaigns:
        facts = [
            f"{label} {value:,}"
            for label, value in (
                ("applications", campaign.applications),
                ("votes", campaign.votes),
                ("selected", campaign.selected),
            )
            if value is not None
        ]
        lines.append(f"  campaign: {campaign.name} ({', '.join(facts)})")
    disagreeing = {d.figure for d in disagreements(relay.claims)}
    for figure in dict.fromkeys(c.figure for c in relay.claims):
        claims = relay.claims_about(figure)
        shown = "; ".join(map(_claim_text, claims))
        flag = "  (sources disagree)" if figure in disagreeing else ""
        lines.append(f"  claim {figure}: {shown}{flag}")
    return "\n".join(lines)


INFO_VERSION = 1
"""The version of the JSON that ``torchrelay info --format json`` prints."""


def _iso(value: Any, zone: str) -> str | None:
    return None if value is None else value.in_tz(zone).isoformat()


def info(relay: Relay) -> dict[str, Any]:
    """The facts ``torchrelay info`` prints, as a JSON-ready dictionary.

    The shape is stable (see :data:`INFO_VERSION`): ``name``, ``games``,
    ``start`` and ``end`` (ISO 8601 with the offset in ``timezone``, the zone
    relay days are counted in), ``days``, ``legs`` (a count, branches
    included), ``branches``, ``distance_m`` (without space legs),
    ``distance_by_mode_m`` and ``distance_by_basis_m`` (how each part was
    measured), ``space_distance_m``, ``regions``, ``modes``, ``flame`` (legs
    by flame state), ``sponsors`` and ``disagreeing_claims``.

    .. versionadded:: 0.1.0
    """
    zone = relay.reference_timezone()
    legs = [leg for _, leg in relay.all_legs()]
    by_basis = {
        "unknown" if basis is None else basis.value: distance.meters
        for basis, distance in relay.distance_by_basis().items()
    }
    disagreeing = [
        {
            "figure": figure,
            "claims": [
                {"value": c.value, "unit": c.unit, "source": c.source.url}
                for c in relay.claims_about(figure)
            ],
        }
        for figure in dict.fromkeys(d.figure for d in disagreements(relay.claims))
    ]
    return {
        "version": INFO_VERSION,
        "name": relay.name,
        "games": relay.games,
        "timezone": zone,
        "start": _iso(relay.starts, zone),
        "end": _iso(relay.ends, zone),
        "days": relay.length_in_days(),
        "legs": len(legs),
        "main_line_legs": len(relay.legs),
        "branches": [{"name": b.name, "legs": len(b.legs)} for b in relay.branches],
        "distance_m": relay.distance().meters,
        "distance_by_mode_m": {
            mode.value: d.meters for mode, d in relay.distance_by_mode().items() if d.meters
        },
        "distance_by_basis_m": dict(sorted(by_basis.items())),
        "space_distance_m": relay.space_distance().meters,
        "regions": sorted(relay.regions()),
        "modes": dict(Counter(leg.mode.value for leg in legs).most_common()),
        "flame": dict(Counter(leg.flame.value for leg in legs).most_common()),
        "sponsors": [s.name for s in relay.sponsors],
        "disagreeing_claims": disagreeing,
    }
