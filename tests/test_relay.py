"""Relays: the main line, branches, people and figures, and redaction."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings

from torchrelay import (
    Branch,
    Campaign,
    Claim,
    Coordinate,
    Extras,
    FlameState,
    Leg,
    Place,
    Relay,
    RestDay,
    Source,
    Sponsor,
    Torchbearer,
    TransportMode,
    is_personal,
    is_personal_key,
    redact,
)
from torchrelay.adapters import native
from torchrelay.exceptions import InvalidTypeError, InvalidValueError, UnknownTimezoneError
from torchrelay.testing import relays

SOURCE = Source("https://example.org/release")
MOSCOW = Place(
    "Moscow", Coordinate(55.7539, 37.6208), timezone="Europe/Moscow", region="Moscow", country="RU"
)
SOCHI = Place(
    "Sochi",
    Coordinate(43.5855, 39.7231),
    timezone="Europe/Moscow",
    region="Krasnodar Krai",
    country="RU",
)
POLE = Place("North Pole", Coordinate(90, 0))
MURMANSK = Place(
    "Murmansk",
    Coordinate(68.97, 33.07),
    timezone="Europe/Moscow",
    region="Murmansk Oblast",
    country="RU",
)

ALICE = Torchbearer(
    name="Alice",
    birth_year=1999,
    age=None,
    hometown="Tver",
    story="A story.",
    campaign="Coca-Cola",
    id="tb-1",
)
BORIS = Torchbearer(
    name="Boris", birth_year=None, age=101, hometown="Omsk", story=None, campaign=None, id="tb-2"
)


def _t(day: int, hour: int = 12) -> pendulum.DateTime:
    return pendulum.datetime(2013, 10, day, hour, tz="Europe/Moscow")


def _leg(
    id: str | None,
    day: int = 7,
    *,
    origin: Place = MOSCOW,
    destination: Place = MOSCOW,
    torchbearers: tuple[Torchbearer, ...] = (),
    mode: TransportMode = TransportMode.RUNNING,
) -> Leg:
    return Leg(
        origin,
        destination,
        _t(day, 10),
        _t(day, 18),
        mode,
        FlameState.LIT_TORCH,
        torchbearers=torchbearers,
        id=id,
    )


def _relay(legs: list[Leg], branches: list[Branch] | None = None, **kwargs: object) -> Relay:
    return Relay(
        "Test relay",
        "Test Games",
        legs,
        branches=branches or [],
        **kwargs,  # type: ignore[arg-type]
    )


# constructor errors


def test_refuses_a_leg_id_used_twice_on_the_main_line() -> None:
    """Leg ids are unique; the message says where both uses are."""
    with pytest.raises(
        InvalidValueError, match=r"^leg id 'day-1' is used twice, by legs\[0\] and legs\[2\]$"
    ):
        _relay([_leg("day-1"), _leg("day-2", 8), _leg("day-1", 9)])


def test_refuses_a_leg_id_shared_by_the_main_line_and_a_branch() -> None:
    """Ids are unique across the main line and every branch."""
    branch = Branch("north-pole", [_leg("x"), _leg("day-2", 8, destination=POLE)])
    with pytest.raises(
        InvalidValueError,
        match=r"^leg id 'day-2' is used twice, by legs\[1\] and branches\[0\]\.legs\[1\]$",
    ):
        _relay([_leg("day-1"), _leg("day-2", 8)], [branch])


def test_refuses_a_leg_id_shared_by_two_branches() -> None:
    """Two branches cannot reuse an id either."""
    with pytest.raises(
        InvalidValueError,
        match=r"^leg id 'b' is used twice, by branches\[0\]\.legs\[0\] "
        r"and branches\[1\]\.legs\[0\]$",
    ):
        _relay([_leg("day-1")], [Branch("one", [_leg("b")]), Branch("two", [_leg("b")])])


def test_legs_without_ids_do_not_clash() -> None:
    """Ids are optional; legs without one are never duplicates."""
    relay = _relay([_leg(None), _leg(None, 8)], [Branch("b", [_leg(None)])])
    assert len(relay.legs) == 2


def test_refuses_a_branch_name_used_twice() -> None:
    """Branch names are unique, since findings and users refer to branches by name."""
    with pytest.raises(InvalidValueError, match=r"^branch name 'north-pole' is used twice$"):
        _relay(
            [_leg("day-1")],
            [Branch("north-pole", [_leg("a")]), Branch("north-pole", [_leg("b")])],
        )


@pytest.mark.parametrize("field", ["leaves_from", "rejoins_at"])
def test_refuses_a_branch_link_to_a_missing_leg(field: str) -> None:
    """A branch leaves from and rejoins main-line legs that exist."""
    branch = Branch("north-pole", [_leg("a")], **{field: "day-99"})
    with pytest.raises(
        InvalidValueError,
        match=rf"^branch 'north-pole': '{field}' names leg 'day-99', "
        "which is not on the main line$",
    ):
        _relay([_leg("day-1")], [branch])


@pytest.mark.parametrize("field", ["leaves_from", "rejoins_at"])
def test_refuses_a_branch_link_to_a_branch_leg(field: str) -> None:
    """A branch's link must name a main-line leg, not a leg of some branch."""
    branch = Branch("north-pole", [_leg("pole-1")], **{field: "pole-1"})
    with pytest.raises(InvalidValueError, match=rf"'{field}' names leg 'pole-1', which is not on"):
        _relay([_leg("day-1")], [branch])


def test_refuses_empty_names_and_unknown_zones() -> None:
    """A relay has a name and Games, and its zone is an IANA name."""
    with pytest.raises(InvalidValueError, match=r"^'name' must be a non-empty text \(got ''\)$"):
        Relay("", "Games", [])
    with pytest.raises(InvalidValueError, match=r"^'games' must be a non-empty text \(got ' '\)$"):
        Relay("Relay", " ", [])
    with pytest.raises(UnknownTimezoneError, match="'Mars/Olympus'"):
        Relay("Relay", "Games", [], timezone="Mars/Olympus")
    with pytest.raises(InvalidValueError, match=r"^'name' must be a non-empty text \(got ''\)$"):
        Branch("", [])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("legs", ["day-1"], r"^'legs\[0\]' must be a Leg \(got str: 'day-1'\)$"),
        ("sponsors", ["Coca-Cola"], r"^'sponsors\[0\]' must be a Sponsor \(got str: "),
        ("campaigns", [None], r"^'campaigns\[0\]' must be a Campaign \(got NoneType: None\)$"),
        ("branches", [()], r"^'branches\[0\]' must be a Branch \(got tuple: \(\)\)$"),
        ("claims", [65_000], r"^'claims\[0\]' must be a Claim \(got int: 65000\)$"),
        ("rest_days", [dt.date(2013, 10, 8)], r"^'rest_days\[0\]' must be a RestDay \(got date: "),
        ("sources", ["https://x"], r"^'sources\[0\]' must be a Source \(got str: 'https://x'\)$"),
    ],
)
def test_refuses_items_of_the_wrong_type(field: str, value: list[object], message: str) -> None:
    """Every sequence of a relay is checked item by item, naming the first wrong one."""
    kwargs: dict[str, object] = {"name": "R", "games": "G", "legs": []}
    kwargs[field] = value
    with pytest.raises(InvalidTypeError, match=message):
        Relay(**kwargs)  # type: ignore[arg-type]


def test_rest_day_needs_a_date() -> None:
    """A rest day is a date, not a text."""
    with pytest.raises(
        InvalidTypeError,
        match=r"^'date' must be a datetime.date such as date\(2013, 10, 7\) \(got str: '2013-10-08'\)$",
    ):
        RestDay("2013-10-08")  # type: ignore[arg-type]


# reading a relay


def _sample() -> Relay:
    pole = Branch(
        "north-pole",
        [
            _leg("ice-1", 17, origin=MURMANSK, destination=POLE, mode=TransportMode.ICEBREAKER),
            _leg("ice-2", 19, origin=POLE, destination=MURMANSK, mode=TransportMode.ICEBREAKER),
        ],
        leaves_from="day-1",
        rejoins_at="day-2",
        description="The flame's copy went to the North Pole on an icebreaker.",
    )
    return _relay(
        [
            _leg("day-1", 7, torchbearers=(ALICE, BORIS)),
            _leg("day-2", 8, destination=SOCHI, torchbearers=(BORIS,)),
        ],
        [pole],
        sponsors=[
            Sponsor("The Coca-Cola Company", olympic_partner_since=1928, relay_partner_since=1992)
        ],
        campaigns=[
            Campaign(
                "Coca-Cola campaign",
                "The Coca-Cola Company",
                applications=65_000,
                votes=None,
                selected=2_000,
            )
        ],
        claims=[
            Claim("total_distance", 65_000, "km", SOURCE, qualifier="about"),
            Claim("torchbearers", 14_000, None, SOURCE),
            Claim("total_distance", 56_000, "km", Source("https://example.org/agency")),
        ],
        rest_days=[RestDay(dt.date(2013, 10, 9), place=MOSCOW, note="rest")],
        timezone="Europe/Moscow",
        day_one=dt.date(2013, 10, 7),
    )


def test_all_legs_lists_the_main_line_then_each_branch() -> None:
    """all_legs yields main-line legs with branch None, then each branch's legs with it."""
    relay = _sample()
    pairs = [(None if b is None else b.name, leg.id) for b, leg in relay.all_legs()]
    assert pairs == [
        (None, "day-1"),
        (None, "day-2"),
        ("north-pole", "ice-1"),
        ("north-pole", "ice-2"),
    ]


def test_legs_and_branches_by_id_and_name() -> None:
    """leg() finds a leg anywhere by id, branch() a branch by name; unknown ones are KeyErrors."""
    relay = _sample()
    assert relay.leg("ice-2").origin == POLE
    assert relay.leg("day-1") is relay.legs[0]
    assert relay.branch("north-pole").rejoins_at == "day-2"
    with pytest.raises(KeyError, match="day-99"):
        relay.leg("day-99")
    with pytest.raises(KeyError, match="south-pole"):
        relay.branch("south-pole")


def test_claims_about_keeps_every_disagreeing_claim() -> None:
    """Both total distances are kept, in order."""
    values = [c.value for c in _sample().claims_about("total_distance")]
    assert values == [65_000, 56_000]
    assert _sample().claims_about("regions") == ()


def test_starts_and_ends_span_branches_too() -> None:
    """The relay runs from its first departure to its last arrival, branches included."""
    relay = _sample()
    assert relay.starts == _t(7, 10)
    assert relay.ends == _t(19, 18)
    assert _relay([_leg(None)], timezone=None).starts == _t(7, 10)
    empty = _relay([])
    assert empty.starts is None
    assert empty.ends is None


def test_regions_and_torchbearers() -> None:
    """Regions are collected from every place; torchbearers are listed once each, in order."""
    relay = _sample()
    assert relay.regions() == {"Moscow", "Krasnodar Krai", "Murmansk Oblast"}
    assert relay.torchbearers() == (ALICE, BORIS)


def test_geo_interface_is_a_feature_collection() -> None:
    """__geo_interface__ has a Feature a leg, each naming its branch."""
    collection = _sample().__geo_interface__
    assert collection["type"] == "FeatureCollection"
    branches = [f["properties"]["branch"] for f in collection["features"]]
    assert branches == [None, None, "north-pole", "north-pole"]
    ids = [f["properties"]["id"] for f in collection["features"]]
    assert ids == ["day-1", "day-2", "ice-1", "ice-2"]


def test_geo_interface_does_not_change_the_legs() -> None:
    """Adding the branch to a Feature does not leak into the leg's own Feature."""
    relay = _sample()
    _ = relay.__geo_interface__
    assert "branch" not in relay.legs[0].__geo_interface__["properties"]


# generated relays


@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow])
@given(relays())
def test_generated_relays_have_unique_leg_ids(relay: Relay) -> None:
    """Relays from torchrelay.testing.relays() never reuse a leg id."""
    ids = [leg.id for _, leg in relay.all_legs() if leg.id is not None]
    assert len(ids) == len(set(ids))
    for branch in relay.branches:
        for ref in (branch.leaves_from, branch.rejoins_at):
            assert ref is None or any(leg.id == ref for leg in relay.legs)


@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow])
@given(relays(max_legs=3, max_branches=1))
def test_generated_relays_rebuild_equal(relay: Relay) -> None:
    """A relay rebuilt from new objects with the same data is equal and hashes the same;
    one leg's departure written in another zone makes it unequal."""
    from torchrelay.adapters import native

    again = native.loads(native.dumps(relay))
    assert again is not relay
    assert again == relay
    assert hash(again) == hash(relay)
    scheduled = [i for i, leg in enumerate(relay.legs) if leg.departs is not None]
    if scheduled:
        i = scheduled[0]
        leg = relay.legs[i]
        zone = "Asia/Tokyo" if leg.departs.timezone_name != "Asia/Tokyo" else "UTC"  # type: ignore[union-attr]
        moved = attrs.evolve(leg, departs=leg.departs.in_tz(zone))  # type: ignore[union-attr]
        other = attrs.evolve(relay, legs=(*relay.legs[:i], moved, *relay.legs[i + 1 :]))
        assert other != relay


# redaction


def _personal_fields() -> list[attrs.Attribute[Any]]:
    return [f for f in attrs.fields(Torchbearer) if is_personal(f)]


def _empty(field: attrs.Attribute[Any]) -> Any:
    return Extras() if field.name == "extras" else field.default


def _assert_redacted(original: Relay, redacted: Relay) -> None:
    pseudonyms: dict[str, str] = {}
    pairs = list(zip(original.all_legs(), redacted.all_legs(), strict=True))
    for (_, before), (_, after) in pairs:
        assert len(before.torchbearers) == len(after.torchbearers)
        for person_before, person_after in zip(
            before.torchbearers, after.torchbearers, strict=True
        ):
            for field in _personal_fields():
                assert getattr(person_after, field.name) == _empty(field), field.name
            if person_before.id is None:
                assert person_after.id is None
            else:
                # one pseudonym a person, the same wherever they appear
                assert pseudonyms.setdefault(person_before.id, person_after.id) == person_after.id
                assert re.fullmatch(r"tb-[1-9][0-9]*", person_after.id or "")
            assert person_after.campaign == person_before.campaign
        # Apart from the people, the leg is unchanged.
        assert attrs.evolve(after, torchbearers=before.torchbearers) == before
    assert len(set(pseudonyms.values())) == len(pseudonyms), "two people share a pseudonym"
    for b_before, b_after in zip(original.branches, redacted.branches, strict=True):
        assert attrs.evolve(b_after, legs=b_before.legs) == b_before
    assert attrs.evolve(redacted, legs=original.legs, branches=original.branches) == original


def test_redact_blanks_personal_fields() -> None:
    """Redaction leaves names, years, ages, hometowns and stories empty, and keeps the rest."""
    relay = _sample()
    redacted = redact(relay)
    assert redacted.torchbearers() == (
        Torchbearer(campaign="Coca-Cola", id="tb-1"),
        Torchbearer(id="tb-2"),
    )
    _assert_redacted(relay, redacted)
    assert relay.torchbearers() == (ALICE, BORIS), "the original is unchanged"


@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow])
@given(relays())
def test_redact_leaves_no_personal_field_set(relay: Relay) -> None:
    """For any relay, redact() blanks every personal field, keeps ids and campaigns, and changes nothing else."""
    redacted = redact(relay)
    _assert_redacted(relay, redacted)
    assert redact(redacted) == redacted


_SECRET = "Zq9secret"


def _instances(value: Any) -> Iterator[Any]:
    """Every attrs instance reachable from *value*, through attrs fields and tuples."""
    if isinstance(value, tuple):
        for item in value:
            yield from _instances(item)
    elif attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):
            yield from _instances(getattr(value, field.name))


def _marked(relay: Relay) -> Relay:
    """*relay* with every torchbearer's texts and id tagged, and personal extras added.

    Generated texts can be as short as one letter, which appears in any
    document; the tag makes every personal value findable in a dump.
    """
    author = {"gpx:author": f"{_SECRET} author", "kml:atom:author": {"email": f"{_SECRET}@x"}}

    def person(p: Torchbearer) -> Torchbearer:
        texts = {
            f.name: f"{_SECRET} {getattr(p, f.name)}"
            for f in attrs.fields(Torchbearer)
            if is_personal(f) and isinstance(getattr(p, f.name), str)
        }
        return attrs.evolve(
            p,
            **texts,
            id=None if p.id is None else f"{_SECRET}-{p.id.encode().hex()}",
            extras=p.extras.merged({"csv:email": f"{_SECRET}@example.org"}),
        )

    def leg(item: Leg) -> Leg:
        return attrs.evolve(
            item,
            torchbearers=tuple(map(person, item.torchbearers)),
            extras=item.extras.merged({"personal:phone": f"{_SECRET} 555"}),
        )

    return attrs.evolve(
        relay,
        legs=tuple(map(leg, relay.legs)),
        branches=tuple(attrs.evolve(b, legs=tuple(map(leg, b.legs))) for b in relay.branches),
        extras=relay.extras.merged(author),
    )


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(relays(max_legs=3, max_branches=1))
def test_redacted_relay_names_nobody(relay: Relay) -> None:
    """After redact(), no personal field of any class holds a value, and no name, personal extra
    or original torchbearer id appears anywhere in the native dump.
    """
    marked = _marked(relay)
    redacted = redact(marked)
    for instance in _instances(redacted):
        for field in attrs.fields(type(instance)):
            value = getattr(instance, field.name)
            if is_personal(field):
                assert value is None or value == Extras(), (type(instance).__name__, field.name)
            if isinstance(value, Extras):
                assert not [k for k in value if is_personal_key(k)], type(instance).__name__
    assert _SECRET not in native.dumps(redacted)
    assert _SECRET in native.dumps(marked), "the check above can fail"
    assert native.dumps(marked, redact=True) == native.dumps(redacted)


def test_redact_gives_pseudonyms_in_order_everywhere() -> None:
    """Ids become tb-1, tb-2... in order of first appearance, legs and campaigns alike."""
    anna, boris = Torchbearer(name="Anna", id="anna-petrova"), Torchbearer(name="Boris", id="boris")
    relay = attrs.evolve(
        _sample(),
        legs=[attrs.evolve(leg, torchbearers=[boris]) for leg in _sample().legs[:1]]
        + [attrs.evolve(leg, torchbearers=[anna, boris]) for leg in _sample().legs[1:]],
        campaigns=[Campaign("Be a torchbearer", "Coca-Cola", torchbearers=[anna])],
    )
    redacted = redact(relay)
    assert [p.id for leg in redacted.legs for p in leg.torchbearers] == ["tb-1", "tb-2", "tb-1"]
    assert redacted.campaigns[0].torchbearers == (Torchbearer(id="tb-2"),)
