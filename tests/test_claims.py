"""Published figures: kept with their sources, all of them, even when they disagree."""

from __future__ import annotations

import datetime as dt
import math

import pytest

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
