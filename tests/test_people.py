"""Torchbearers, sponsors and campaigns: what they refuse, and which fields are personal."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given

from torchrelay import PERSONAL, Campaign, Sponsor, Torchbearer, is_personal
from torchrelay.exceptions import InvalidValueError
from torchrelay.testing import campaigns, sponsors, torchbearers


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"birth_year": 1700}, r"^'birth_year' must be a year between 1800 and 2200 \(got 1700\)$"),
        ({"birth_year": 2201}, r"^'birth_year' must be a year between 1800 and 2200 \(got 2201\)$"),
        (
            {"birth_year": -5},
            r"^'birth_year' must be a whole number, not negative \(got -5\)$",
        ),
        (
            {"birth_year": 1990.0},
            r"^'birth_year' must be a whole number, not negative \(got 1990\.0\)$",
        ),
        ({"age": -1}, r"^'age' must be a whole number, not negative \(got -1\)$"),
        ({"age": 200}, r"^'age' must be at most 130 years \(got 200\)$"),
        ({"age": True}, r"^'age' must be a whole number, not negative \(got True\)$"),
        ({"name": ""}, r"^'name' must be a non-empty text \(got ''\)$"),
        ({"name": "   "}, r"^'name' must be a non-empty text \(got '   '\)$"),
        ({"hometown": ""}, r"^'hometown' must be a non-empty text \(got ''\)$"),
        ({"story": ""}, r"^'story' must be a non-empty text \(got ''\)$"),
        ({"campaign": ""}, r"^'campaign' must be a non-empty text \(got ''\)$"),
        ({"id": ""}, r"^'id' must be a non-empty text \(got ''\)$"),
        ({"id": 7}, r"^'id' must be a non-empty text \(got 7\)$"),
    ],
)
def test_torchbearer_refuses_meaningless_values(kwargs: dict[str, object], message: str) -> None:
    """A torchbearer's years, age and texts must mean something."""
    with pytest.raises(InvalidValueError, match=message):
        Torchbearer(**kwargs)  # type: ignore[arg-type]


def test_torchbearer_accepts_nothing_at_all() -> None:
    """Every field is optional: a count of anonymous torchbearers is real data."""
    assert Torchbearer() == Torchbearer(
        name=None, birth_year=None, age=None, hometown=None, story=None, campaign=None, id=None
    )


def test_torchbearer_age_edges() -> None:
    """Ages 0 and 130 and years 1800 and 2200 are accepted."""
    assert Torchbearer(age=0).age == 0
    assert Torchbearer(age=130).age == 130
    assert Torchbearer(birth_year=1800).birth_year == 1800
    assert Torchbearer(birth_year=2200).birth_year == 2200


def test_age_on_is_the_lower_bound() -> None:
    """With only a birth year the age on a day is uncertain; age_on gives the lower bound."""
    assert Torchbearer(birth_year=1999).age_on(dt.date(2013, 10, 7)) == 13
    assert Torchbearer(age=101).age_on(dt.date(2013, 10, 7)) == 101
    assert Torchbearer().age_on(dt.date(2013, 10, 7)) is None


def test_personal_fields_are_marked() -> None:
    """Name, birth year, age, hometown, story and extras are personal; id and campaign are not."""
    personal = {f.name for f in attrs.fields(Torchbearer) if is_personal(f)}
    assert personal == {"name", "birth_year", "age", "hometown", "story", "extras"}
    assert all(attrs.fields_dict(Torchbearer)[n].metadata[PERSONAL] is True for n in personal)


def test_personal_fields_default_to_none() -> None:
    """Redaction blanks a field with its default, so every personal field defaults to empty."""
    for field in attrs.fields(Torchbearer):
        if is_personal(field) and field.name != "extras":
            assert field.default is None, field.name
    assert not Torchbearer().extras


def test_no_other_class_is_marked_personal() -> None:
    """Sponsors and campaigns are public organisations: nothing in them is personal."""
    for cls in (Sponsor, Campaign):
        assert not any(is_personal(f) for f in attrs.fields(cls))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": ""}, r"^'name' must be a non-empty text \(got ''\)$"),
        (
            {"olympic_partner_since": -1},
            r"^'olympic_partner_since' must be a whole number, not negative \(got -1\)$",
        ),
        (
            {"relay_partner_since": 1492},
            r"^'relay_partner_since' must be a year between 1800 and 2200 \(got 1492\)$",
        ),
    ],
)
def test_sponsor_refuses_meaningless_values(kwargs: dict[str, object], message: str) -> None:
    """A sponsor has a name and sensible years."""
    fields: dict[str, object] = {"name": "The Coca-Cola Company"}
    fields.update(kwargs)
    with pytest.raises(InvalidValueError, match=message):
        Sponsor(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": ""}, r"^'name' must be a non-empty text \(got ''\)$"),
        ({"sponsor": " "}, r"^'sponsor' must be a non-empty text \(got ' '\)$"),
        ({"applications": -1}, r"^'applications' must be a whole number, not negative \(got -1\)$"),
        (
            {"votes": -14_000_000},
            r"^'votes' must be a whole number, not negative \(got -14000000\)$",
        ),
        ({"selected": -2}, r"^'selected' must be a whole number, not negative \(got -2\)$"),
        ({"selected": 2.5}, r"^'selected' must be a whole number, not negative \(got 2\.5\)$"),
    ],
)
def test_campaign_refuses_meaningless_values(kwargs: dict[str, object], message: str) -> None:
    """A campaign has a name, a sponsor, and counts that are whole and not negative."""
    fields: dict[str, object] = {"name": "Coca-Cola torchbearer campaign", "sponsor": "Coca-Cola"}
    fields.update(kwargs)
    with pytest.raises(InvalidValueError, match=message):
        Campaign(**fields)  # type: ignore[arg-type]


def test_campaign_counts_may_be_zero() -> None:
    """Zero is a count."""
    assert Campaign("c", "s", applications=0, votes=0, selected=0).selected == 0


@given(torchbearers())
def test_generated_torchbearers_rebuild_equal(person: Torchbearer) -> None:
    """A torchbearer rebuilt from its own fields is equal and hashes the same."""
    again = Torchbearer(**attrs.asdict(person))
    assert again == person
    assert hash(again) == hash(person)


@given(sponsors(), campaigns())
def test_generated_sponsors_and_campaigns_rebuild_equal(
    sponsor: Sponsor, campaign: Campaign
) -> None:
    """Sponsors and campaigns rebuilt from their fields are equal."""
    assert Sponsor(**attrs.asdict(sponsor)) == sponsor
    assert Campaign(**attrs.asdict(campaign)) == campaign
