"""torchrelay.validate: the report, its text and JSON, choosing rules, policies and plugins."""

from __future__ import annotations

import importlib.metadata
import json
import math
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

import torchrelay
from test_validation_rules import CASES, base
from torchrelay import Finding, Policy, Relay, Rule, Severity, ValidationReport, validate
from torchrelay.datasets import demo_relay, sochi_2014
from torchrelay.exceptions import InvalidTypeError, InvalidValueError
from torchrelay.testing import relays, valid_relays, validation_reports
from torchrelay.validation import (
    CATALOGUE,
    ENTRY_POINT_GROUP,
    REPORT_VERSION,
    Context,
    Location,
    Origin,
    report_schema,
)

SCHEMA = jsonschema.Draft202012Validator(report_schema())


@pytest.fixture(scope="module")
def sochi() -> Relay:
    return sochi_2014()


@pytest.fixture(scope="module")
def sochi_report(sochi: Relay) -> ValidationReport:
    return validate(sochi)


def _rule(code: str, message: str = "found", severity: Severity = Severity.WARNING) -> Rule:
    def check(ctx: Context) -> Any:
        yield ctx.finding(message, location=Location.at("legs", 0, leg=0), count=1)

    return Rule(code, f"Rule {code}", severity, "For tests.", Origin.PLUGIN, check)


# -- The Sochi relay ---------------------------------------------------------------


def test_sochi_has_no_errors(sochi_report: ValidationReport) -> None:
    """The built-in Sochi 2014 relay validates with no errors."""
    assert sochi_report.ok
    assert sochi_report.errors == ()


def test_sochi_warnings_are_the_documented_ones(sochi_report: ValidationReport) -> None:
    """Sochi's only warnings are TR604 (legs on foot whose sources name no torchbearer).

    docs/validation.rst explains each of them; a new warning must be explained there too.
    """
    assert {f.code for f in sochi_report.warnings} == {"TR604"}
    assert {f.code for f in sochi_report.infos} <= {
        "TR102",
        "TR103",
        "TR209",
        "TR210",
        "TR407",
        "TR408",
        "TR602",
    }


def test_sochi_lantern_branches_are_information(sochi_report: ValidationReport) -> None:
    """The North Pole, Elbrus and Baikal branches carry lantern copies, reported as information."""
    branches = {
        f.location.branch for f in sochi_report.findings if f.code == "TR210" and f.location
    }
    assert branches == {"north-pole", "elbrus", "baikal"}


def test_validation_leaves_the_relay_as_it_was(sochi: Relay) -> None:
    """Validation never changes data: the relay equals a fresh copy afterwards."""
    validate(sochi)
    assert sochi == sochi_2014()


# -- Properties ----------------------------------------------------------------------


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(valid_relays())
def test_valid_relays_get_no_errors_or_warnings(relay: Relay) -> None:
    """Relays valid by construction (chained runs, lit torch, adults) get no errors or warnings."""
    report = validate(relay)
    assert report.ok, report.to_text()
    assert report.warnings == (), report.to_text()


# Generating relays takes most of the time; the rules are cheap.
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(relays())
def test_any_relay_can_be_validated(relay: Relay) -> None:
    """Validation reports, it never raises, whatever a relay holds; JSON always fits the schema."""
    report = validate(relay)
    SCHEMA.validate(json.loads(report.to_json()))
    for finding in report.findings:
        assert finding.code in report.rules
        assert finding.message


# -- Choosing rules ------------------------------------------------------------------


def test_runs_every_catalogue_rule_by_default() -> None:
    """Without select or ignore, every rule runs, in code order."""
    report = validate(base(), plugins=False)
    assert report.rules == tuple(sorted(r.code for r in CATALOGUE))


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        ("TR1", None, {"TR101", "TR102", "TR103", "TR104", "TR105"}),
        (["TR101", "TR60"], None, {"TR101", "TR601", "TR602", "TR603", "TR604"}),
        ("TR6", "TR604", {"TR601", "TR602", "TR603"}),
        (None, ["TR1", "TR2", "TR3", "TR4", "TR5"], {"TR601", "TR602", "TR603", "TR604"}),
    ],
)
def test_select_and_ignore_take_codes_and_prefixes(
    select: Any, ignore: Any, expected: set[str]
) -> None:
    """select keeps rules whose code starts with a prefix; ignore drops them."""
    assert set(validate(base(), select=select, ignore=ignore).rules) == expected


def test_ignored_rule_reports_nothing() -> None:
    """An ignored rule's findings are gone; the others stay."""
    broken, _, _ = CASES["TR604"]
    relay, _ = broken()
    assert validate(relay).codes() == {"TR604"}
    assert validate(relay, ignore="TR604").findings == ()


@pytest.mark.parametrize("name", ["select", "ignore"])
def test_unknown_code_is_an_error(name: str) -> None:
    """A code or prefix that matches no rule is refused, so a typo cannot silently run nothing."""
    with pytest.raises(InvalidValueError, match="TR999"):
        validate(base(), **{name: ["TR1", "TR999"]})


# -- Policy --------------------------------------------------------------------------


def test_policy_minimum_age() -> None:
    """Raising the minimum age reports a 15-year-old who passes the default of 14."""
    from test_validation_rules import B, C, first, leg, relay
    from torchrelay import Torchbearer

    r = relay(first(), leg(1, B, C, 1, 2, torchbearers=[Torchbearer(age=15, id="teen")]))
    assert not validate(r, select="TR501").findings
    report = validate(r, select="TR501", policy=Policy(min_torchbearer_age=16))
    assert [f.code for f in report.findings] == ["TR501"]
    assert "16" in report.findings[0].message


def test_policy_continuity_tolerance() -> None:
    """A wider tolerance on the ground accepts a gap that the default reports."""
    from torchrelay._modes import Medium

    r, _ = CASES["TR101"][0]()
    assert validate(r, select="TR101").findings
    wide = Policy(continuity_tolerance_km={Medium.GROUND: 100})
    assert not validate(r, select="TR101", policy=wide).findings
    assert wide.continuity_tolerance_km[Medium.AIR] == 60.0


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"time_tolerance_s": -1},
            InvalidValueError,
            r"^'time_tolerance_s' must be a finite number, not negative \(got -1\)$",
        ),
        (
            {"continuity_tolerance_km": {"ground": -5}},
            InvalidValueError,
            r"^'continuity_tolerance_km\[ground\]' must be a finite number, not negative",
        ),
        ({"max_time_gap_h": "x"}, InvalidTypeError, r"^'max_time_gap_h' must be a number"),
        ({"max_time_gap_h": math.nan}, InvalidValueError, r"must be a finite number \(got nan\)"),
    ],
)
def test_policy_refuses_nonsense(kwargs: dict[str, Any], error: type, message: str) -> None:
    """A negative tolerance or a non-number cannot make a policy; the message says which."""
    with pytest.raises(error, match=message):
        Policy(**kwargs)


def test_policy_takes_infinite_limits() -> None:
    """An infinite limit is a limit that never applies, as space's continuity tolerance."""
    assert Policy(max_time_gap_h=math.inf).max_time_gap_h == math.inf


# -- Your own rules and plugins ----------------------------------------------------------


def test_custom_rule_runs_with_the_catalogue() -> None:
    """A Rule passed in rules= runs, and its findings carry its code and severity."""
    report = validate(base(), rules=[_rule("XY001")])
    assert report.codes() == {"XY001"}
    finding = report.findings[0]
    assert finding.severity is Severity.WARNING
    assert finding.details == {"count": 1}
    assert report.to_dict()["findings"][0]["title"] == "Rule XY001"


def test_custom_rule_can_be_selected_and_ignored() -> None:
    """Custom rules obey select and ignore like built-in ones."""
    assert validate(base(), rules=[_rule("XY001")], select="XY").rules == ("XY001",)
    assert "XY001" not in validate(base(), rules=[_rule("XY001")], ignore="XY").rules


def test_duplicate_code_is_refused() -> None:
    """Two rules cannot share a code, not even a custom rule and a built-in one."""
    with pytest.raises(InvalidValueError, match="TR101"):
        validate(base(), rules=[_rule("TR101")])


@pytest.mark.parametrize("code", ["tr101", "TR1", "101", "TR1011", ""])
def test_rule_codes_have_a_shape(code: str) -> None:
    """A rule's code is capital letters then three digits."""
    with pytest.raises(InvalidValueError):
        _rule(code)


def test_context_finding_outside_a_rule() -> None:
    """Context.finding is for rules: outside one it says so rather than invent a code."""
    with pytest.raises(InvalidValueError, match="inside a rule"):
        Context(base(), Policy()).finding("x")


class _EntryPoint:
    def __init__(self, name: str, value: object) -> None:
        self.name = name
        self.value = value

    def load(self) -> object:
        return self.value


def _plugins(monkeypatch: pytest.MonkeyPatch, *points: _EntryPoint) -> list[str]:
    groups: list[str] = []

    def fake(*, group: str) -> list[_EntryPoint]:
        groups.append(group)
        return list(points)

    monkeypatch.setattr(importlib.metadata, "entry_points", fake)
    # Entry points are read once and kept: forget them for this test only.
    monkeypatch.setattr(torchrelay.validation._engine, "_PLUGINS", None)
    return groups


@pytest.mark.parametrize(
    "value",
    [_rule("XP001"), [_rule("XP001")], lambda: [_rule("XP001")], lambda: _rule("XP001")],
    ids=["rule", "list", "function-list", "function-rule"],
)
def test_entry_point_rules_run(monkeypatch: pytest.MonkeyPatch, value: object) -> None:
    """Rules registered in the torchrelay.rules entry point group run with the catalogue."""
    groups = _plugins(monkeypatch, _EntryPoint("mine", value))
    report = validate(base())
    assert groups == [ENTRY_POINT_GROUP] == ["torchrelay.rules"]
    assert "XP001" in report.rules
    assert report.codes() == {"XP001"}


def test_plugins_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """plugins=False runs the catalogue and rules= only."""
    _plugins(monkeypatch, _EntryPoint("mine", _rule("XP001")))
    assert "XP001" not in validate(base(), plugins=False).rules


@pytest.mark.parametrize("value", [42, ["not a rule"]])
def test_bad_entry_point_is_named(monkeypatch: pytest.MonkeyPatch, value: object) -> None:
    """An entry point that gives something other than rules is refused, by name."""
    _plugins(monkeypatch, _EntryPoint("broken", value))
    with pytest.raises(InvalidValueError, match="broken"):
        validate(base())


# -- The report ------------------------------------------------------------------------


def _broken_report() -> ValidationReport:
    relay, _ = CASES["TR301"][0]()
    return validate(relay, rules=[_rule("XY001", severity=Severity.INFO)])


def test_report_counts_and_ok() -> None:
    """ok is false with an error; counts and the severity views agree with the findings."""
    report = _broken_report()
    assert not report.ok
    assert report.counts() == {"error": 1, "warning": 0, "info": 1}
    assert [f.code for f in report.errors] == ["TR301"]
    assert [f.code for f in report.infos] == ["XY001"]
    assert len(report) == 2
    assert list(report) == list(report.findings)


def test_severity_order() -> None:
    """Errors outrank warnings, which outrank information."""
    assert Severity.INFO < Severity.WARNING < Severity.ERROR
    assert sorted([Severity.ERROR, Severity.INFO, Severity.WARNING]) == [
        Severity.INFO,
        Severity.WARNING,
        Severity.ERROR,
    ]


def test_text_output() -> None:
    """to_text gives a line a finding, location and code first, then a summary."""
    text = _broken_report().to_text()
    lines = text.splitlines()
    assert lines[0].startswith("legs[1].arrives: TR301 [error] leg 1 'leg-1' (B → Far) averages")
    assert lines[-1] == (
        f"Test relay: not ok: 1 error(s), 0 warning(s), 1 info, from {len(CATALOGUE) + 1} rule(s)"
    )
    assert "XY001" not in _broken_report().to_text(min_severity="warning")


def test_json_output_fits_the_schema() -> None:
    """to_json gives version 1 of the documented shape, valid against the shipped schema."""
    report = _broken_report()
    data = json.loads(report.to_json())
    jsonschema.Draft202012Validator.check_schema(report_schema())
    jsonschema.validate(data, report_schema())
    assert data["version"] == REPORT_VERSION == 1
    assert [f["code"] for f in data["findings"]] == [f.code for f in report.findings]
    assert data["counts"] == report.counts()
    first = data["findings"][0]
    assert first["code"] == "TR301"
    assert first["severity"] == "error"
    assert first["title"] == "Speed outside the mode's range"
    assert first["location"]["path"] == "legs[1].arrives"
    assert first["location"]["leg_id"] == "leg-1"
    assert first["details"]["max_kmh"] == 25.0


def test_schema_rejects_a_wrong_report() -> None:
    """The schema can fail: a report with an unknown severity does not fit."""
    data = _broken_report().to_dict()
    data["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, report_schema())


def test_sochi_json_fits_the_schema(sochi_report: ValidationReport) -> None:
    """The Sochi report, with all its findings, fits the schema."""
    jsonschema.validate(json.loads(sochi_report.to_json()), report_schema())


def test_findings_are_values() -> None:
    """Findings compare by value and can be put in sets."""
    a = Finding("TR101", "error", "m", location=Location.at("legs", 0), details={"x": 1})
    b = Finding("TR101", Severity.ERROR, "m", location=Location.at("legs", 0), details={"x": 1})
    assert a == b
    assert len({a, b}) == 1
    assert attrs.evolve(a, message="n") != a


def test_demo_relay_gets_a_lineage_warning() -> None:
    """The demo relay starts with a flight lit from a 'previous' leg it lacks: TR203 says so."""
    report = validate(demo_relay())
    assert report.ok
    assert "TR203" in report.codes()


def test_exported_from_the_package() -> None:
    """The validation API is importable from torchrelay itself."""
    for name in ("validate", "ValidationReport", "Finding", "Severity", "Rule", "Policy"):
        assert name in torchrelay.__all__
        assert getattr(torchrelay, name) is getattr(torchrelay.validation, name)


# -- The generated docs ------------------------------------------------------------------


def test_catalogue_is_complete_data() -> None:
    """Every rule has a unique code, a title, a rationale and an origin for the docs."""
    codes = [r.code for r in CATALOGUE]
    assert codes == sorted(set(codes))
    for rule in CATALOGUE:
        assert rule.title
        assert len(rule.rationale) > 40
        assert isinstance(rule.origin, Origin)


def test_docs_page_is_generated_from_the_catalogue() -> None:
    """The rule reference is rendered from the catalogue, one entry a rule, so it cannot drift."""
    import sys
    from pathlib import Path

    docs = Path(__file__).resolve().parents[1] / "docs"
    pytest.importorskip("sphinx")
    sys.path.insert(0, str(docs / "_ext"))
    try:
        import torchrelay_rules
    finally:
        sys.path.remove(str(docs / "_ext"))
    text = "\n".join(torchrelay_rules.rules_rst())
    for rule in CATALOGUE:
        entry = text.split(f"{rule.code}: {rule.title}\n", 1)[1].split(".. _rule-", 1)[0]
        assert f":Severity: {rule.severity.value}" in entry
        assert rule.rationale in entry
    assert ".. validation-rules::" in (docs / "rules.rst").read_text(encoding="utf-8")
    policy = "\n".join(torchrelay_rules.policy_rst())
    assert all(f"Policy.{f.name}" in policy for f in attrs.fields(Policy))


def test_bench_validation_runs_and_reports() -> None:
    """benchmarks/bench_validation.py runs on a small relay and prints its table.

    Speed is judged by running the script itself, never here: any exit status
    0 (targets met) or 1 (a target failed) is accepted.
    """
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_validation.py"
    if not script.exists():
        pytest.skip("benchmarks/ is not in this checkout")
    result = subprocess.run(
        [sys.executable, str(script), "--points", "20000", "--repeat", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "validate vs distance" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("findings on"))
    assert row.split()[5] == "0.0"


@given(validation_reports())
def test_every_report_renders_as_schema_valid_json(report: ValidationReport) -> None:
    """Any report, with any details (infinite figures too), gives JSON that fits the schema."""
    data = json.loads(report.to_json())
    SCHEMA.validate(data)
    assert len(data["findings"]) == len(report.findings)
    assert report.to_text().count("\n") == len(report.findings)
