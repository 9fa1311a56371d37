"""The ``torchrelay`` command.

The command owns all printing; the library underneath never prints.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence

from . import __version__
from ._calendar import days_inclusive, last_date
from ._claims import Claim, Qualifier
from ._relay import Relay

__all__ = ["main"]


def _demo_relay() -> Relay:
    from .datasets import sochi_2014

    return sochi_2014()


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
    figures = dict.fromkeys(c.figure for c in relay.claims)
    for figure in figures:
        claims = relay.claims_about(figure)
        values = {(c.value, c.unit) for c in claims}
        shown = "; ".join(map(_claim_text, claims))
        flag = "  (sources disagree)" if len(values) > 1 else ""
        lines.append(f"  claim {figure}: {shown}{flag}")
    return "\n".join(lines)


def _cmd_demo(args: argparse.Namespace) -> int:
    print(summarize(_demo_relay()))
    return 0


def _split_codes(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _cmd_validate(args: argparse.Namespace) -> int:
    from .adapters import load
    from .exceptions import TorchRelayError
    from .validation import validate

    try:
        if args.file is None:
            relay = _demo_relay()
        elif args.file == "-":
            relay = load(sys.stdin.buffer, format=args.format)
        else:
            relay = load(args.file, format=args.format)
        report = validate(relay, select=_split_codes(args.select), ignore=_split_codes(args.ignore))
    except (TorchRelayError, OSError) as error:
        print(f"torchrelay validate: {error}", file=sys.stderr)
        return 2
    print(report.to_json() if args.json else report.to_text(min_severity=args.min_severity))
    return 0 if report.ok else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="torchrelay", description="Model, check and convert Olympic torch relays."
    )
    parser.add_argument("--version", action="version", version=f"torchrelay {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser("demo", help="summarise the built-in relay")
    demo.set_defaults(run=_cmd_demo)
    check = commands.add_parser(
        "validate",
        help="check a relay file against the rule catalogue",
        description=(
            "Check a relay against the rule catalogue. Exits 0 when there is no error, "
            "1 when validation found errors, 2 when the file could not be read."
        ),
    )
    check.add_argument(
        "file",
        nargs="?",
        help=(
            "a relay file, such as sochi.relay.json, or - for standard input; "
            "the built-in Sochi 2014 relay if none"
        ),
    )
    check.add_argument(
        "--format", help="the file's format (native, ...), if its name and first bytes do not tell"
    )
    check.add_argument(
        "--select", action="append", metavar="CODES", help="only these rules (TR1,TR302)"
    )
    check.add_argument("--ignore", action="append", metavar="CODES", help="leave out these rules")
    check.add_argument("--json", action="store_true", help="print the report as versioned JSON")
    check.add_argument(
        "--min-severity",
        choices=["info", "warning", "error"],
        default="info",
        help="list findings of at least this severity (text output)",
    )
    check.set_defaults(run=_cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code.

    .. versionadded:: 0.1.0
    """
    args = _parser().parse_args(argv)
    code: int = args.run(args)
    sys.stdout.flush()
    return code
