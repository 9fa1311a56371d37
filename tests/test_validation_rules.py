"""Every rule of the catalogue, each broken alone by a small relay.

The cases are keyed by code and the test is parametrised over the catalogue, so
a new rule without a case here fails ``test_rule_is_broken_alone``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pendulum
import pytest

from torchrelay import (
    AltitudeReference,
    Branch,
    Campaign,
    Claim,
    Coordinate,
    Distance,
    FlameSource,
    FlameState,
    Leg,
    Path,
    Place,
    Policy,
    Relay,
    Relight,
    RestDay,
    Rule,
    Severity,
    Source,
    Sponsor,
    TimePrecision,
    Torchbearer,
    TransportMode,
    validate,
)
from torchrelay.validation import CATALOGUE

M, F, S = TransportMode, FlameState, FlameSource
ZONE = "Europe/Moscow"
DAY = dt.date(2013, 10, 7)


def place(name: str, lat: float, lon: float, alt: float | None = None, **kw: Any) -> Place:
    return Place(name, Coordinate(lat, lon, altitude=alt, **kw), timezone=ZONE)


# Four places about 2 km apart, north from Red Square.
A = place("A", 55.75, 37.62)
B = place("B", 55.77, 37.62)
C = place("C", 55.79, 37.62)
D = place("D", 55.81, 37.62)
FAR = place("Far", 56.20, 37.62)  # 50 km north of A


def at(hours: float) -> pendulum.DateTime:
    return pendulum.datetime(2013, 10, 7, 10, tz=ZONE).add(seconds=round(hours * 3600))


def leg(
    n: int,
    origin: Place,
    destination: Place,
    start: float,
    end: float,
    mode: TransportMode = M.RUNNING,
    flame: FlameState = F.LIT_TORCH,
    lit_from: FlameSource = S.PREVIOUS,
    **kw: Any,
) -> Leg:
    kw.setdefault("torchbearers", [Torchbearer(birth_year=1980, id=f"tb-{n}")])
    kw.setdefault("id", f"leg-{n}")
    return Leg(origin, destination, at(start), at(end), mode, flame, lit_from=lit_from, **kw)


def relay(*legs: Leg, **kw: Any) -> Relay:
    kw.setdefault(
        "sponsors", [Sponsor("Sponsor", olympic_partner_since=1928, relay_partner_since=1992)]
    )
    return Relay("Test relay", "Test Games", legs, timezone=ZONE, **kw)


def first(n: int = 0) -> Leg:
    return leg(n, A, B, 0, 1, lit_from=S.SUN)


def base(*more: Leg, **kw: Any) -> Relay:
    """A valid relay: three runs A→B→C→D, an hour each, then *more* legs."""
    return relay(first(), leg(1, B, C, 1, 2), leg(2, C, D, 2, 3), *more, **kw)


def path(points: list[tuple[float, float]], times: list[float] | None = None) -> Path:
    stamps = None if times is None else [at(h).timestamp() for h in times]
    return Path.from_arrays([p[0] for p in points], [p[1] for p in points], times=stamps)


SOURCE_A = Source("https://example.org/a", title="A")
SOURCE_B = Source("https://example.org/b", title="B")
WIDE = Policy(dates=(dt.date(2013, 10, 1), dt.date(2013, 10, 31)))

Case = Callable[[], tuple[Relay, Policy | None]]


def _only(r: Relay, policy: Policy | None = None) -> tuple[Relay, Policy | None]:
    return r, policy


# code -> (case, expected location path of the first finding, other codes that must come too)
CASES: dict[str, tuple[Case, str, frozenset[str]]] = {
    "TR101": (lambda: _only(relay(first(), leg(1, FAR, FAR, 1, 2))), "legs[1].origin", frozenset()),
    "TR102": (
        lambda: _only(
            relay(leg(0, A, B, 0, 2, lit_from=S.SUN), leg(1, B, C, 1, 3, M.CAR, F.LANTERN))
        ),
        "legs[1].departs",
        frozenset(),
    ),
    "TR103": (lambda: _only(relay(first(), leg(1, B, C, 30, 31))), "legs[1].departs", frozenset()),
    "TR104": (
        lambda: _only(
            base(
                branches=[
                    Branch(
                        "away", [leg(9, FAR, FAR, 0.5, 0.8, M.CAR, F.UNLIT)], leaves_from="leg-1"
                    )
                ]
            )
        ),
        "branches[0].leaves_from",
        frozenset(),
    ),
    "TR105": (
        lambda: _only(
            base(
                branches=[
                    Branch("back", [leg(9, B, B, 1.5, 2.8, M.CAR, F.UNLIT)], rejoins_at="leg-1")
                ]
            )
        ),
        "branches[0].rejoins_at",
        frozenset(),
    ),
    "TR201": (
        lambda: _only(relay(first(), leg(1, B, C, 1, 2, lit_from=S.UNKNOWN))),
        "legs[1].lit_from",
        frozenset(),
    ),
    "TR202": (
        lambda: _only(relay(first(), leg(1, B, C, 1, 2, M.CAR, F.UNLIT), leg(2, C, D, 2, 3))),
        "legs[2].lit_from",
        frozenset(),
    ),
    "TR203": (lambda: _only(relay(leg(0, A, B, 0, 1))), "legs[0].lit_from", frozenset()),
    "TR204": (
        lambda: _only(
            base(branches=[Branch("early", [leg(9, A, A, -3, -2, lit_from=S.LANTERN)])]), WIDE
        ),
        "branches[0].legs[0].lit_from",
        frozenset(),
    ),
    "TR205": (
        lambda: _only(relay(first(), leg(1, B, C, 1, 2, lit_from=S.CAULDRON))),
        "legs[1].lit_from",
        frozenset(),
    ),
    "TR206": (
        lambda: _only(relay(first(), leg(1, B, C, 1, 2, lit_from=S.SUN))),
        "legs[1].lit_from",
        frozenset(),
    ),
    "TR207": (
        lambda: _only(relay(first(), leg(1, B, C, 1, 2, lit_from=S.LIGHTER))),
        "legs[1].lit_from",
        frozenset(),
    ),
    "TR208": (
        lambda: _only(
            relay(
                first(), leg(1, B, C, 1, 2, relights=[Relight(S.LIGHTER, note="a guard's lighter")])
            )
        ),
        "legs[1].relights[0]",
        frozenset(),
    ),
    "TR209": (
        lambda: _only(
            base(
                branches=[
                    Branch("detour", [leg(9, B, B, 1.5, 2.5)], leaves_from="leg-0"),
                ]
            )
        ),
        "branches[0].legs[0].departs",
        frozenset(),
    ),
    "TR210": (
        lambda: _only(
            base(
                branches=[
                    Branch("copy", [leg(9, B, B, 1.5, 2.5, flame=F.LANTERN, lit_from=S.LANTERN)])
                ]
            )
        ),
        "branches[0].legs[0].lit_from",
        frozenset(),
    ),
    "TR211": (
        lambda: _only(
            base(branches=[Branch("copy", [leg(9, B, B, 1.5, 2.5, lit_from=S.LANTERN)])])
        ),
        "branches[0].legs[0].departs",
        frozenset({"TR210"}),
    ),
    "TR301": (lambda: _only(relay(first(), leg(1, B, FAR, 1, 2))), "legs[1].arrives", frozenset()),
    "TR302": (
        lambda: _only(
            relay(first(), leg(1, B, place("Antipode", -55.0, -142.0), 1, 1.5, M.UNKNOWN))
        ),
        "legs[1].arrives",
        frozenset({"TR408"}),
    ),
    "TR303": (
        lambda: _only(
            relay(
                first(),
                leg(
                    1,
                    B,
                    C,
                    1,
                    2,
                    M.CAR,
                    path=path([(55.77, 37.62), (56.2, 37.62), (55.79, 37.62)], [1, 1.01, 2]),
                ),
            )
        ),
        "legs[1].path[0]",
        frozenset(),
    ),
    "TR304": (
        lambda: _only(
            relay(first(), leg(1, B, place("C high", 55.79, 37.62, 9000.0), 1, 2, M.TRAIN))
        ),
        "legs[1].destination",
        frozenset(),
    ),
    "TR305": (
        lambda: _only(relay(first(), leg(1, B, C, 1, 2, M.PLANE))),
        "legs[1].flame",
        frozenset(),
    ),
    "TR306": (
        lambda: _only(relay(first(), leg(1, B, C, 1, 2, M.DIVING))),
        "legs[1].flame",
        frozenset(),
    ),
    "TR401": (
        lambda: _only(
            relay(leg(0, place("Nowhere", 0, 0), place("Nowhere", 0, 0), 0, 1, lit_from=S.SUN))
        ),
        "legs[0].origin",
        frozenset(),
    ),
    "TR402": (
        lambda: _only(
            relay(
                first(),
                leg(1, B, C, 1, 2, path=path([(55.77, 37.62), (55.77, 37.62), (55.79, 37.62)])),
            )
        ),
        "legs[1].path[1]",
        frozenset(),
    ),
    "TR403": (
        lambda: _only(
            relay(
                first(),
                leg(
                    1,
                    B,
                    C,
                    1,
                    2,
                    path=path(
                        [(55.77, 37.62), (55.775, 37.62), (55.78, 37.62), (55.79, 37.62)],
                        [1, 1.5, 1.2, 2],
                    ),
                ),
            )
        ),
        "legs[1].path[2]",
        frozenset(),
    ),
    "TR404": (
        lambda: _only(
            relay(
                first(), leg(1, B, C, 1, 2, path=path([(55.77, 37.62), (55.79, 37.62)], [0.5, 1.5]))
            )
        ),
        "legs[1].path[0]",
        frozenset(),
    ),
    "TR307": (lambda: _only(relay(first(), leg(1, B, FAR, 1, 1))), "legs[1].arrives", frozenset()),
    "TR405": (lambda: _only(relay(first(), leg(1, B, B, 1, 1))), "legs[1]", frozenset()),
    "TR409": (
        lambda: _only(
            relay(first(), leg(1, B, C, 1, 2, M.CAR, path=path([(55.77, 37.62), (56.5, 37.62)])))
        ),
        "legs[1].path[1]",
        frozenset(),
    ),
    "TR408": (
        lambda: _only(relay(first(), leg(1, B, C, 1, 2, M.UNKNOWN))),
        "legs[1].mode",
        frozenset(),
    ),
    "TR406": (
        lambda: _only(relay(first(), leg(1, B, C, 1, 2, declared_distance=Distance(100.0)))),
        "legs[1].declared_distance",
        frozenset(),
    ),
    "TR407": (
        lambda: _only(
            base(
                claims=[
                    Claim("total_distance", 65_000, "km", SOURCE_A, qualifier="about"),
                    Claim("total_distance", 56_000, "km", SOURCE_B),
                ]
            )
        ),
        "claims[1]",
        frozenset(),
    ),
    "TR501": (
        lambda: _only(
            relay(first(), leg(1, B, C, 1, 2, torchbearers=[Torchbearer(age=12, id="young")]))
        ),
        "legs[1].torchbearers[0]",
        frozenset(),
    ),
    "TR502": (
        lambda: _only(
            base(
                branches=[
                    Branch(
                        "unlit",
                        [
                            leg(
                                9,
                                B,
                                B,
                                1.5,
                                2.5,
                                flame=F.UNLIT,
                                torchbearers=[Torchbearer(id="tb-1")],
                            )
                        ],
                    )
                ]
            )
        ),
        "branches[0].legs[0].torchbearers[0]",
        frozenset(),
    ),
    "TR503": (
        lambda: _only(
            base(campaigns=[Campaign("Campaign", "Sponsor", applications=5, selected=10)])
        ),
        "campaigns[0].selected",
        frozenset(),
    ),
    "TR504": (
        lambda: _only(
            base(
                campaigns=[
                    Campaign(
                        "Campaign",
                        "Sponsor",
                        applications=100,
                        selected=1,
                        torchbearers=[Torchbearer(id="tb-1"), Torchbearer(id="tb-2")],
                    )
                ]
            )
        ),
        "campaigns[0].torchbearers",
        frozenset(),
    ),
    "TR505": (
        lambda: _only(
            base(
                sponsors=[Sponsor("Sponsor", olympic_partner_since=1928, relay_partner_since=1900)]
            )
        ),
        "sponsors[0].relay_partner_since",
        frozenset(),
    ),
    "TR601": (
        lambda: _only(base(branches=[Branch("late", [leg(9, D, D, 30, 31, M.CAR, F.UNLIT)])])),
        "branches[0].legs[0].arrives",
        frozenset(),
    ),
    "TR602": (
        lambda: _only(base(rest_days=[RestDay(dt.date(2013, 10, 9), note="day off")])),
        "rest_days[0]",
        frozenset(),
    ),
    # A declared rest day is always reported (TR602), also when legs travel on it.
    "TR603": (
        lambda: _only(base(rest_days=[RestDay(DAY)])),
        "legs[0].departs",
        frozenset({"TR602"}),
    ),
    "TR604": (
        lambda: _only(relay(first(), leg(1, B, C, 1, 2, torchbearers=[]))),
        "legs[1].torchbearers",
        frozenset(),
    ),
}


def test_base_relay_is_clean() -> None:
    """The relay the cases start from breaks no rule at all, not even for information."""
    report = validate(base())
    assert report.findings == ()
    assert report.ok


@pytest.mark.parametrize("rule", CATALOGUE, ids=lambda r: r.code)
def test_rule_is_broken_alone(rule: Rule) -> None:
    """A relay that breaks one rule gets findings of that rule's code only, at the right place."""
    assert rule.code in CASES, f"no test case breaks {rule.code}: add one to CASES"
    case, where, companions = CASES[rule.code]
    r, policy = case()
    report = validate(r, policy=policy)
    codes = report.codes()
    assert codes - companions == {rule.code}, [str(f) for f in report.findings]
    mine = [f for f in report.findings if f.code == rule.code]
    assert mine[0].location is not None
    assert mine[0].location.path == where
    assert mine[0].severity is rule.severity
    assert report.ok is (rule.severity is not Severity.ERROR)


@pytest.mark.parametrize("rule", CATALOGUE, ids=lambda r: r.code)
def test_rule_finding_names_the_place(rule: Rule) -> None:
    """Each finding's message names the leg (by index and id) or the field it is about."""
    r, policy = CASES[rule.code][0]()
    finding = next(f for f in validate(r, policy=policy).findings if f.code == rule.code)
    loc = finding.location
    assert loc is not None
    if loc.leg is not None:
        assert f"leg {loc.leg}" in finding.message
        assert loc.leg_id is not None
        assert repr(loc.leg_id) in finding.message
        assert loc.path.startswith("legs[" if loc.branch is None else "branches[")
    else:
        assert loc.path


def test_every_case_is_a_catalogued_rule() -> None:
    """The cases name only rules that exist, so a retired rule's case cannot linger."""
    assert set(CASES) == {rule.code for rule in CATALOGUE}


def test_location_fields_of_a_branch_point() -> None:
    """A finding on a point of a branch's path gives branch, leg, id, field and point."""
    jumpy = path([(55.77, 37.62), (56.2, 37.62), (55.79, 37.62)], [1, 1.01, 2])
    r = base(branches=[Branch("b", [leg(9, B, C, 1, 2, M.CAR, F.UNLIT, path=jumpy)])])
    finding = validate(r, select="TR303").findings[0]
    assert finding.location is not None
    assert finding.location.to_dict() == {
        "path": "branches[0].legs[0].path[0]",
        "parts": ["branches", 0, "legs", 0, "path", 0],
        "line": None,
        "column": None,
        "offset": None,
        "branch": "b",
        "leg": 0,
        "leg_id": "leg-9",
        "field": "path",
        "point": 0,
        "torchbearer": None,
    }
    assert finding.details["jumps"] == 1


def test_gap_is_reported_with_its_size() -> None:
    """TR101 gives the gap in kilometres, in the message and in the details."""
    finding = validate(relay(first(), leg(1, FAR, FAR, 1, 2)), select="TR101").findings[0]
    assert finding.details["gap_km"] == pytest.approx(47.6, abs=0.5)
    assert "47." in finding.message
    assert "km" in finding.message


def test_plane_legs_may_start_tens_of_km_away() -> None:
    """After a flight the next leg may start an airport's distance away; on foot it may not."""
    airport = place("Airport", 55.59, 37.26)  # Vnukovo, 28 km from A
    flight = leg(0, FAR, airport, 0, 1, M.PLANE, F.LANTERN, lit_from=S.SUN, torchbearers=[])
    assert not validate(relay(flight, leg(1, A, B, 2, 3)), select="TR101").findings
    run = leg(0, FAR, airport, 0, 9, M.RUNNING, lit_from=S.SUN)
    assert validate(relay(run, leg(1, A, B, 10, 11)), select="TR101").codes() == {"TR101"}


@pytest.mark.parametrize("precision", [TimePrecision.DAY, TimePrecision.APPROXIMATE])
def test_placeholder_times_give_no_speed_errors(precision: TimePrecision) -> None:
    """A runner at 48 km/h by placeholder times is not reported: the times are not evidence."""
    r = relay(first(), leg(1, B, FAR, 1, 2, precision=precision))
    assert "TR301" not in validate(r).codes()


@pytest.mark.parametrize("precision", [TimePrecision.DAY, TimePrecision.APPROXIMATE])
def test_placeholder_instant_moves_are_information(precision: TimePrecision) -> None:
    """50 km in no time by placeholder times is information, not an error; 2 km is nothing."""
    report = validate(relay(first(), leg(1, B, FAR, 1, 1, precision=precision)))
    assert [f.severity for f in report.findings if f.code == "TR307"] == [Severity.INFO]
    assert "TR307" not in validate(relay(first(), leg(1, B, C, 1, 1))).codes()


def test_path_starting_far_from_origin_is_reported() -> None:
    """A path that starts 80 km from its origin is TR409 at its first point, once a leg."""
    r = relay(first(), leg(1, B, C, 1, 2, M.CAR, path=path([(56.5, 37.62), (56.5, 37.62)])))
    found = [f for f in validate(r).findings if f.code == "TR409"]
    assert [f.location.path for f in found if f.location is not None] == ["legs[1].path[0]"]
    near = relay(first(), leg(1, B, C, 1, 2, M.CAR, path=path([(55.77, 37.62), (55.79, 37.62)])))
    assert "TR409" not in validate(near).codes()


@pytest.mark.parametrize("precision", [TimePrecision.DAY, TimePrecision.APPROXIMATE])
def test_placeholder_overlaps_are_information(precision: TimePrecision) -> None:
    """Overlaps computed from placeholder times are lowered to information, never errors."""
    r = relay(
        leg(0, A, B, 0, 2, lit_from=S.SUN, precision=precision),
        leg(1, B, C, 1, 3, precision=precision),
    )
    report = validate(r)
    assert report.ok
    assert {"TR102", "TR209"} <= report.codes()
    assert all(f.severity is Severity.INFO for f in report.findings if f.code in {"TR102", "TR209"})
    assert "placeholder" in report.findings[0].message


def test_birth_year_only_gives_a_warning_near_the_minimum_age() -> None:
    """With only a birth year, a person who may be 13 or 14 gets a warning, not an error."""
    person = Torchbearer(birth_year=1999, id="maybe")
    report = validate(relay(first(), leg(1, B, C, 1, 2, torchbearers=[person])), select="TR501")
    assert [f.severity for f in report.findings] == [Severity.WARNING]
    assert report.findings[0].location is not None
    assert report.findings[0].location.torchbearer == "maybe"


def test_torchbearer_names_stay_out_of_messages() -> None:
    """Messages name torchbearers by id: names are personal data."""
    person = Torchbearer(name="Jane Private", age=12, id="tb-x")
    report = validate(relay(first(), leg(1, B, C, 1, 2, torchbearers=[person])), select="TR5")
    assert report.findings
    assert all("Jane" not in f.message for f in report.findings)


def test_same_torchbearer_on_consecutive_legs_is_fine() -> None:
    """One person may carry leg after leg; only overlapping legs are reported."""
    person = [Torchbearer(id="same")]
    r = relay(
        leg(0, A, B, 0, 1, lit_from=S.SUN, torchbearers=person),
        leg(1, B, C, 1, 2, torchbearers=person),
    )
    assert not validate(r, select="TR502").findings


def test_diver_above_the_surface() -> None:
    """A dive's point above the water surface is reported; 13 m down is fine."""
    surface = AltitudeReference.WATER_SURFACE
    down = place("Down", 55.77, 37.62, -13.0, altitude_reference=surface)
    up = place("Up", 55.77, 37.62, 20.0, altitude_reference=surface)
    dive = [leg(1, B, down, 1, 2, M.DIVING, F.FLARE)]
    assert not validate(relay(first(), *dive), select="TR304").findings
    bad = [leg(1, B, up, 1, 2, M.DIVING, F.FLARE)]
    finding = validate(relay(first(), *bad), select="TR304").findings[0]
    assert "above the water surface" in finding.message


def test_spacewalk_with_an_unlit_torch_is_fine() -> None:
    """The Sochi spacewalk carried an unlit torch: no flame rule objects; a lit one is an error."""
    orbit = place("ISS", 55.79, 37.62, 350_000.0, altitude_reference=AltitudeReference.ELLIPSOID)
    walk = leg(1, orbit, orbit, 1, 2, M.SPACEWALK, F.UNLIT, lit_from=S.UNKNOWN)
    assert not validate(relay(first(), walk), select=["TR2", "TR3"]).findings
    lit = leg(1, orbit, orbit, 1, 2, M.SPACEWALK, F.LIT_TORCH)
    assert validate(relay(first(), lit), select=["TR3"]).codes() == {"TR305"}


def test_sorting_not_pairs_finds_every_overlap() -> None:
    """A long lit-torch leg overlapping three main-line legs is reported once for each."""
    long_branch = Branch("b", [leg(9, B, B, 0.5, 2.9)], leaves_from="leg-0")
    report = validate(base(branches=[long_branch]), select="TR209")
    assert len(report.findings) == 3
