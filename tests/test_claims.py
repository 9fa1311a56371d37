"""Published figures: kept with their sources, all of them, even when they disagree."""

from __future__ import annotations

import datetime as dt
import math

import pytest

import torchrelay
from torchrelay import Claim, Qualifier, Source
from torchrelay._claims import claims_about
from torchrelay.exceptions import InvalidTypeError, InvalidValueError

RELEASE = Source("https://example.org/release", title="Organisers' release")
AGENCY = Source("https://example.org/agency", published=dt.date(2014, 2, 7))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (math.nan, r"^'value' must be finite \(got nan\)$"),
        (math.inf, r"^'value' must be finite \(got inf\)$"),
        (True, r"^'value' must be a number or a text \(got True\)$"),
        (None, r"^'value' must be a number or a text \(got None\)$"),
        ("", r"^'value' must not be empty$"),
        ("  ", r"^'value' must not be empty$"),
    ],
)
def test_claim_refuses_meaningless_values(value: object, message: str) -> None:
    """A claim's value is a finite number or a non-empty text, never a bool."""
    with pytest.raises(InvalidValueError, match=message):
        Claim("total_distance", value, "km", RELEASE)  # type: ignore[arg-type]


@pytest.mark.parametrize("figure", ["", " "])
def test_claim_refuses_an_empty_figure(figure: str) -> None:
    """A claim says what it measures."""
    with pytest.raises(InvalidValueError, match=r"^'figure' must be a non-empty text \(got "):
        Claim(figure, 65_000, "km", RELEASE)


def test_claim_refuses_a_bad_qualifier() -> None:
    """A qualifier is a Qualifier or its value; anything else is refused, listing the choices."""
    with pytest.raises(
        InvalidValueError,
        match=r"^'roughly' is not a Qualifier: "
        r"use one of 'exact', 'about', 'more_than', 'less_than'$",
    ):
        Claim("total_distance", 65_000, "km", RELEASE, qualifier="roughly")  # type: ignore[arg-type]


def test_claim_refuses_a_source_that_is_not_a_source() -> None:
    """A claim's source must be a Source, not a bare address."""
    with pytest.raises(
        InvalidTypeError, match=r"^'source' must be a Source \(got str: 'https://example\.org'\)$"
    ):
        Claim("total_distance", 65_000, "km", "https://example.org")  # type: ignore[arg-type]


def test_claim_accepts_its_qualifier_by_value() -> None:
    """Qualifiers may be given by value, as formats store them."""
    assert Claim("t", 1, None, RELEASE, qualifier="more_than").qualifier is Qualifier.MORE_THAN
    assert Claim("t", 1, None, RELEASE).qualifier is Qualifier.EXACT


def test_claim_values_may_be_numbers_or_text() -> None:
    """Integers, floats and texts are kept as given."""
    assert Claim("total_distance", 65_000, "km", RELEASE).value == 65_000
    assert Claim("dive_depth", 13.5, "m", RELEASE).value == 13.5
    assert Claim("shuttle", "Soyuz TMA-11M", None, RELEASE).value == "Soyuz TMA-11M"
    assert Claim("regions", 0, None, RELEASE).value == 0


def test_source_needs_an_address() -> None:
    """A source without an address cannot be cited."""
    with pytest.raises(InvalidValueError, match=r"^'url' must be a non-empty text \(got ''\)$"):
        Source("")


def test_disagreeing_claims_are_all_kept_in_order() -> None:
    """claims_about returns every claim about a figure, in the order given, and no others."""
    about = Claim("total_distance", 65_000, "km", RELEASE, qualifier=Qualifier.ABOUT)
    agency = Claim("total_distance", 56_000, "km", AGENCY)
    people = Claim("torchbearers", 14_000, None, RELEASE)
    claims = [about, people, agency]
    assert claims_about(claims, "total_distance") == (about, agency)
    assert claims_about(claims, "torchbearers") == (people,)
    assert claims_about(claims, "days") == ()
    assert claims_about(iter(claims), "total_distance") == (about, agency)


def test_claims_are_hashable_values() -> None:
    """Equal claims are equal and hash alike, so they can be de-duplicated."""
    a = Claim("total_distance", 65_000, "km", RELEASE, qualifier="about", note="n")
    b = Claim("total_distance", 65_000, "km", RELEASE, qualifier=Qualifier.ABOUT, note="n")
    assert a == b
    assert len({a, b}) == 1


def _claim(value: float | str, unit: str | None = None, qualifier: str = "exact") -> Claim:
    return Claim("figure", value, unit, Source("https://example.org/a"), qualifier=qualifier)


def test_counts_one_apart_disagree_and_equal_counts_agree() -> None:
    """123 and 124 days cannot both be true; 83 and 83 can."""
    (found,) = torchrelay.disagreements([_claim(123), _claim(123), _claim(124)])
    assert (found.figure, found.low.value, found.high.value) == ("figure", 123, 124)
    assert len(found.claims) == 3
    assert torchrelay.disagreements([_claim(83), _claim(83)]) == ()


def test_an_exact_figure_stands_for_what_rounds_to_it() -> None:
    """56,000 km is written to the thousand: 56,400 km agrees with it, 56,600 km does not."""
    assert torchrelay.disagreements([_claim(56_000, "km"), _claim(56_400, "km")]) == ()
    assert torchrelay.disagreements([_claim(56_000, "km"), _claim(56_600, "km")])
    assert torchrelay.disagreements([_claim(15.3, "kn"), _claim(15.34, "kn")]) == ()
    assert torchrelay.disagreements([_claim(15.3, "kn"), _claim(15.6, "kn")])


def test_wording_and_units_are_allowed_for() -> None:
    """'About' allows 10 %, 'more than' any larger value; miles compare with kilometres."""
    assert torchrelay.disagreements([_claim(14_000), _claim(15_000, qualifier="about")]) == ()
    assert torchrelay.disagreements([_claim(12_000), _claim(15_000, qualifier="about")])
    assert torchrelay.disagreements([_claim(100, "mi"), _claim(161, "km")]) == ()
    assert torchrelay.disagreements([_claim(40_000, "km", "more_than"), _claim(30_000, "mi")]) == ()
    (found,) = torchrelay.disagreements([_claim(40_000, "km", "more_than"), _claim(8_000, "mi")])
    assert found.low.unit == "mi"


def test_other_dimensions_and_texts_compare_with_their_own_kind() -> None:
    """A figure given in hours is not compared with one in kilometres; texts ignore case."""
    assert torchrelay.disagreements([_claim(3, "h"), _claim(400, "km")]) == ()
    assert torchrelay.disagreements([_claim("Sochi"), _claim(" sochi ")]) == ()
    (found,) = torchrelay.disagreements([_claim("Sochi"), _claim("Moscow")])
    assert (found.low.value, found.high.value) == ("Sochi", "Moscow")


def test_demo_flags_what_validation_reports() -> None:
    """The command's '(sources disagree)' and rule TR407 use one test."""
    from torchrelay.cli import summarize
    from torchrelay.datasets import sochi_2014

    relay = sochi_2014()
    text = summarize(relay)
    flagged = {
        line.split(":")[0].removeprefix("  claim ")
        for line in text.splitlines()
        if line.endswith("(sources disagree)")
    }
    reported = {f.details["figure"] for f in torchrelay.validate(relay, select="TR407").findings}
    assert flagged == reported
    assert {"days", "elbrus_altitude"} <= flagged
    assert "torchbearers" not in flagged
