"""validate()'s arguments, Policy dates, Severity order, and two rules' less common cases."""

from __future__ import annotations

import datetime as dt
import operator
from typing import Any

import attrs
import pendulum
import pytest

from torchrelay import (
    Claim,
    Coordinate,
    Finding,
    FlameSource,
    FlameState,
    Leg,
    Place,
    Policy,
    Qualifier,
    Relay,
    Severity,
    Source,
    Torchbearer,
    TransportMode,
    validate,
)
from torchrelay.exceptions import InvalidValueError

ZONE = "Europe/Moscow"
A = Place("A", Coordinate(55.75, 37.62), timezone=ZONE, region="Moscow", country="RU")
B = Place("B", Coordinate(55.77, 37.62), timezone=ZONE, region="Moscow", country="RU")
FIRST = Source("https://example.org/a", title="A")
SECOND = Source("https://example.org/b")


def _leg(lit_from: FlameSource = FlameSource.CAULDRON) -> Leg:
    departs = pendulum.datetime(2013, 10, 7, 10, tz=ZONE)
    return Leg(
        A,
        B,
        departs,
        departs.add(hours=1),
        TransportMode.RUNNING,
        FlameState.LIT_TORCH,
        id="a",
        lit_from=lit_from,
        torchbearers=(Torchbearer(birth_year=1980, id="tb-1"),),
    )


def _relay(**kw: Any) -> Relay:
    return Relay("r", "g", (kw.pop("leg", None) or _leg(),), timezone=ZONE, **kw)


# -- validate()'s arguments ------------------------------------------------------------


def test_validate_takes_a_relay_only() -> None:
    """validate() of a relay's name is refused, naming the type it got."""
    with pytest.raises(InvalidValueError) as caught:
        validate("r")  # type: ignore[arg-type]
    assert str(caught.value) == "'relay' must be a Relay (got str)"


def test_extra_rules_must_be_rules() -> None:
    """rules= holding something other than a Rule is refused, showing it."""
    with pytest.raises(InvalidValueError) as caught:
        validate(_relay(), rules=["TR101"])  # type: ignore[list-item]
    assert str(caught.value) == "'rules' must hold Rule objects (got str: 'TR101')"


@pytest.mark.parametrize("name", ["select", "ignore"])
@pytest.mark.parametrize(("item", "shown"), [("", "''"), (3, "3"), (None, "None")])
def test_select_and_ignore_hold_non_empty_codes(name: str, item: object, shown: str) -> None:
    """An empty code, a number or None among select= or ignore= is refused, naming the argument."""
    with pytest.raises(InvalidValueError) as caught:
        validate(_relay(), **{name: ["TR2", item]})
    assert str(caught.value) == f"'{name}' must hold rule codes or code prefixes (got {shown})"


# -- Policy and Severity ---------------------------------------------------------------


def test_policy_dates_must_run_forwards() -> None:
    """A date range whose last day is before its first is refused, showing both."""
    with pytest.raises(InvalidValueError) as caught:
        Policy(dates=(dt.date(2013, 10, 8), dt.date(2013, 10, 7)))
    assert str(caught.value) == "'dates' must run forwards (got 2013-10-08 to 2013-10-07)"
    one_day = (dt.date(2013, 10, 7), dt.date(2013, 10, 7))
    assert Policy(dates=one_day).dates == one_day


def test_severities_are_ordered_error_warning_info() -> None:
    """Errors rank above warnings above information, by every comparison operator."""
    error, warning, info = Severity.ERROR, Severity.WARNING, Severity.INFO
    assert error > warning > info
    assert not info > warning
    assert error >= Severity.ERROR >= warning
    assert info <= Severity.INFO <= warning
    assert info < error
    assert sorted([warning, error, info]) == [info, warning, error]


@pytest.mark.parametrize("other", [1, "error", None])
def test_severities_compare_only_with_severities(other: object) -> None:
    """Ordering a severity against a number, a text or None is a TypeError, not a guess."""
    for compare in ("__lt__", "__gt__", "__le__", "__ge__"):
        assert getattr(Severity.ERROR, compare)(other) is NotImplemented
    for compare in (operator.lt, operator.gt, operator.le, operator.ge):
        with pytest.raises(TypeError):
            compare(Severity.ERROR, other)


# -- Rules -----------------------------------------------------------------------------


def test_a_main_line_leg_lit_from_a_lantern_needs_an_earlier_flame() -> None:
    """TR203: the first main-line leg, lit from a lantern, has no flame before it to light that lantern."""
    report = validate(_relay(leg=_leg(FlameSource.LANTERN)), select="TR203")
    assert [(f.code, f.message, f.location.path) for f in report.findings] == [  # type: ignore[union-attr]
        (
            "TR203",
            "leg 0 'a' (A → B) is lit from a lantern, but no earlier leg of the main line "
            "holds a flame the lantern could have been lit from",
            "legs[0].lit_from",
        )
    ]
    second = attrs.evolve(_leg(FlameSource.LANTERN), id="b", origin=B, destination=A)
    after_a_flame = Relay("r", "g", (_leg(), second), timezone=ZONE)
    messages = [f.message for f in validate(after_a_flame, select="TR203").findings]
    assert messages
    assert not [m for m in messages if "lantern" in m]


def test_a_less_than_claim_disagrees_only_with_larger_figures() -> None:
    """TR407: 'less than 100 km' conflicts with 200 km, and agrees with 90 km."""
    less = Claim("distance", 100, "km", FIRST, qualifier=Qualifier.LESS_THAN, note="rounded")
    (finding,) = validate(
        _relay(claims=(less, Claim("distance", 200, "km", SECOND))), select="TR407"
    ).findings
    assert finding.message == (
        "sources disagree about 'distance': less than 100 km per https://example.org/a (A), "
        "but 200 km per https://example.org/b (2 claims in all)"
    )
    assert finding.details["claims"] == [0, 1]
    agreeing = _relay(claims=(less, Claim("distance", 90, "km", SECOND)))
    assert validate(agreeing, select="TR407").findings == ()


def test_text_claims_differing_in_case_and_spaces_agree() -> None:
    """TR407: 'Sochi' and ' sochi ' say the same; 'Sochi' and 'Moscow' do not."""
    same = _relay(
        claims=(
            Claim("final_city", "Sochi", None, FIRST),
            Claim("final_city", " sochi ", None, SECOND),
        )
    )
    assert validate(same, select="TR407").findings == ()
    differ = _relay(
        claims=(
            Claim("final_city", "Sochi", None, FIRST),
            Claim("final_city", "Moscow", None, SECOND),
        )
    )
    (finding,) = validate(differ, select="TR407").findings
    assert finding.message.startswith("sources disagree about 'final_city': Sochi per ")


def test_a_finding_without_a_location_writes_a_null_location() -> None:
    """A finding about the whole relay has location null in its JSON form."""
    finding = Finding("TR999", Severity.INFO, "about the relay", location=None, details={"n": 1})
    assert finding.to_dict() == {
        "code": "TR999",
        "severity": "info",
        "message": "about the relay",
        "location": None,
        "details": {"n": 1},
    }
