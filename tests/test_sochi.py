"""The built-in Sochi 2014 relay: its headline facts, its sources, and how it was built."""

from __future__ import annotations

import datetime as dt
import importlib.util
import pathlib
from importlib import resources

import pytest

from torchrelay import AltitudeReference, FlameSource, FlameState, Medium, Relay, TransportMode
from torchrelay.adapters import native
from torchrelay.datasets import sochi_2014

ROOT = pathlib.Path(__file__).resolve().parents[1]
BUILD = ROOT / "data-src" / "sochi2014" / "build.py"


@pytest.fixture(scope="module")
def relay() -> Relay:
    return sochi_2014()


def test_dates_of_the_main_relay_in_russia(relay: Relay) -> None:
    """Day 1 is Moscow on 7 Oct 2013 (UTC+4 then); the last leg ends in Sochi on 7 Feb 2014."""
    day_one = [leg for leg in relay.legs if leg.id is not None and leg.id.startswith("day001-")]
    assert day_one[0].origin.name == "Red Square" or day_one[0].destination.name == "Moscow"
    assert day_one[0].departs is not None
    assert day_one[0].departs.date() == dt.date(2013, 10, 7)
    assert day_one[0].departs.utcoffset() == dt.timedelta(hours=4)
    last = relay.legs[-1]
    assert last.destination.name.startswith("Sochi")
    assert last.arrives is not None
    assert last.arrives.in_tz("Europe/Moscow").subtract(microseconds=1).date() == dt.date(
        2014, 2, 7
    )
    assert relay.day_one == dt.date(2013, 10, 7)
    assert relay.timezone == "Europe/Moscow"


def test_before_moscow_olympia_greece_and_the_flight(relay: Relay) -> None:
    """The main line starts with the lighting by the sun at Olympia on 29 Sep 2013 and a flight in a lantern."""
    lighting = relay.legs[0]
    assert lighting.origin.name == "Olympia"
    assert lighting.lit_from is FlameSource.SUN
    assert lighting.departs is not None
    assert lighting.departs.date() == dt.date(2013, 9, 29)
    assert lighting.origin.country == "GR"
    flight = relay.leg("flight-to-moscow")
    assert flight.mode is TransportMode.PLANE
    assert flight.flame is FlameState.LANTERN
    assert flight.destination.name == "Vnukovo Airport"


def test_all_83_federal_subjects(relay: Relay) -> None:
    """The main line passes through all 83 federal subjects of Russia as of 2013."""
    regions = {
        place.region
        for leg in relay.legs
        for place in (leg.origin, leg.destination)
        if place.country == "RU" and place.region is not None
    }
    assert len(regions) == 83
    assert {
        "Kaliningrad Oblast",
        "Chukotka Autonomous Okrug",
        "Moscow",
        "Krasnodar Krai",
    } <= regions


def test_kaliningrad_to_anadyr(relay: Relay) -> None:
    """The route reaches Kaliningrad in the west and Anadyr, across the antimeridian zone, in the east."""
    places = {leg.destination.name: leg.destination for leg in relay.legs}
    assert places["Anadyr"].timezone == "Asia/Anadyr"
    assert places["Anadyr"].coordinate.longitude > 177
    assert places["Kaliningrad"].coordinate.longitude < 21


def test_kirov_rest_day(relay: Relay) -> None:
    """6 Jan 2014 is a rest day in Kirov, with its source."""
    kirov = [r for r in relay.rest_days if r.date == dt.date(2014, 1, 6)]
    assert len(kirov) == 1
    assert kirov[0].place is not None
    assert kirov[0].place.name == "Kirov"
    assert kirov[0].sources
    assert not [
        leg
        for leg in relay.legs
        if leg.departs is not None
        and leg.departs.in_tz("Europe/Moscow").date() == dt.date(2014, 1, 6)
    ]
    published = relay.claims_about("rest_day_number")
    assert [c.value for c in published] == [92]


def test_the_four_special_projects(relay: Relay) -> None:
    """North Pole by icebreaker in a lantern, Elbrus at 5,642 m, Baikal 13 m down with a flare, space unlit."""
    assert sorted(b.name for b in relay.branches) == ["baikal", "elbrus", "north-pole", "space"]
    voyage = relay.leg("north-pole-voyage")
    assert voyage.mode is TransportMode.ICEBREAKER
    assert voyage.flame is FlameState.LANTERN
    assert voyage.destination.coordinate.latitude == 90.0
    assert voyage.declared_distance is not None
    assert round(voyage.declared_distance.nautical_miles) == 1395
    summit = relay.leg("elbrus-summit").destination.coordinate
    assert summit.altitude == 5642.0
    assert summit.altitude_reference is AltitudeReference.MEAN_SEA_LEVEL
    dives = [leg for leg in relay.branch("baikal").legs if leg.mode is TransportMode.DIVING]
    assert dives
    assert all(leg.flame is FlameState.FLARE for leg in dives)
    depth = dives[0].destination.coordinate
    assert depth.altitude == -13.0
    assert depth.altitude_reference is AltitudeReference.WATER_SURFACE
    walk = relay.leg("space-walk")
    assert walk.mode is TransportMode.SPACEWALK
    assert walk.mode.medium is Medium.SPACE
    assert walk.flame is FlameState.UNLIT
    launch = relay.leg("space-launch")
    assert launch.origin.country == "KZ"
    assert launch.departs is not None
    assert launch.departs.in_tz("UTC").isoformat() == "2013-11-07T04:14:00+00:00"
    assert walk.departs is not None
    assert walk.departs.in_tz("UTC").strftime("%H:%M") == "14:40"


def test_modes_named_by_the_sources(relay: Relay) -> None:
    """Plane, train, car, reindeer sleigh, troika, dog sled and snowmobile all appear."""
    modes = {leg.mode for _, leg in relay.all_legs()}
    wanted = {
        TransportMode.PLANE,
        TransportMode.TRAIN,
        TransportMode.CAR,
        TransportMode.REINDEER_SLEIGH,
        TransportMode.TROIKA,
        TransportMode.DOG_SLED,
        TransportMode.SNOWMOBILE,
        TransportMode.ICEBREAKER,
        TransportMode.JETPACK,
    }
    assert wanted <= modes


def test_sponsor_campaign_and_featured_torchbearers(relay: Relay) -> None:
    """Coca-Cola (1928, 1992), its campaign figures, and three torchbearers with no ages or stories."""
    (coke,) = relay.sponsors
    assert (coke.olympic_partner_since, coke.relay_partner_since) == (1928, 1992)
    (campaign,) = relay.campaigns
    assert (campaign.applications, campaign.votes, campaign.selected) == (65_000, 14_000_000, 2_000)
    people = {tb.name: tb for tb in relay.torchbearers()}
    assert set(people) == {"Dmitry Gladun", "Anastasia Pluzhnikova", "Yury Pyankov"}
    assert people["Dmitry Gladun"].hometown == "Vladivostok"
    for person in people.values():
        assert person.age is None
        assert person.birth_year is None
        assert person.story is None
        assert person.campaign == campaign.name


def test_claims_that_disagree_are_all_kept(relay: Relay) -> None:
    """Distance, torchbearers, settlements, the dive depth and the 1996 shuttle keep every source's value."""
    distances = {(c.value, c.unit) for c in relay.claims_about("total_distance")}
    assert {(65_000, "km"), (56_000, "km"), (40_000, "mi"), (8_000, "mi")} <= distances
    assert {c.value for c in relay.claims_about("torchbearers")} == {14_000, 15_000}
    assert {c.value for c in relay.claims_about("distance_on_foot")} == {2_615}
    assert {c.value for c in relay.claims_about("settlements")} == {2_900, 136, 135, 2_000}
    assert {c.value for c in relay.claims_about("baikal_dive_depth")} == {13, 15}
    assert {c.value for c in relay.claims_about("days")} == {123, 124}
    assert {c.value for c in relay.claims_about("icebreaker_speed")} == {15.3, 15.6}
    assert {c.value for c in relay.claims_about("torch_in_space_1996_shuttle")} == {
        "Atlantis",
        "Columbia (STS-78)",
    }


def test_every_leg_and_figure_has_a_source(relay: Relay) -> None:
    """Every leg, rest day and claim names at least one source with an address."""
    for branch, leg in relay.all_legs():
        where = leg.id if branch is None else f"{branch.name}/{leg.id}"
        assert leg.sources, where
        assert all(s.url for s in leg.sources), where
    for rest in relay.rest_days:
        assert rest.sources, rest.date
    for claim in relay.claims:
        assert claim.source.url
    licences = {s.licence for s in relay.sources}
    assert {"CC BY-SA 3.0", "CC BY-SA 4.0"} <= licences


def test_nothing_is_invented_to_the_minute(relay: Relay) -> None:
    """Legs whose sources give only a day say so; exact minutes appear only where a source gives them."""
    precise = {leg.id for _, leg in relay.all_legs() if leg.precision.value in ("exact", "minute")}
    assert precise == {"north-pole-voyage"}


def test_the_packaged_file_is_the_build_scripts_output() -> None:
    """Rebuilding from data-src gives the shipped file byte for byte, so the data cannot drift from its sources."""
    if not BUILD.exists():
        pytest.skip("data-src is not in this checkout")
    spec = importlib.util.spec_from_file_location("sochi_build", BUILD)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built, omitted = module.build()
    shipped = resources.files("torchrelay.datasets").joinpath("sochi_2014.json").read_text("utf-8")
    assert native.dumps(built, indent=1) == shipped
    assert omitted == ["day 19 (2013-10-25): Izborsk: no sourced coordinates"]


def test_demo_summarises_sochi(capsys: pytest.CaptureFixture[str]) -> None:
    """`torchrelay demo` shows dates, days, distances by mode, regions, modes, branches and disputes."""
    from torchrelay.cli import main

    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    for expected in (
        "Sochi 2014 Olympic Torch Relay",
        "2014-02-07",
        "relay days: 124",
        "published days: 123",
        "by mode: ",
        "plane ",
        "regions: 83",
        "reindeer_sleigh",
        "branch north-pole",
        "branch space",
        "Olympic partner since 1928",
        "applications 65,000, votes 14,000,000, selected 2,000",
        "claim total_distance: about 65,000 km",
        "(sources disagree)",
    ):
        assert expected in out, expected


def test_the_shipped_file_is_valid_against_the_schema() -> None:
    """The packaged Sochi document validates against the native format's JSON Schema."""
    import json

    import jsonschema

    text = resources.files("torchrelay.datasets").joinpath("sochi_2014.json").read_text("utf-8")
    jsonschema.validate(json.loads(text), native.schema())


def test_sochi_validates_without_errors(relay: Relay) -> None:
    """The built-in relay gets no validation errors; its warnings are only the documented TR604."""
    from torchrelay import validate

    report = validate(relay)
    assert report.ok
    assert {f.code for f in report.findings if f.severity.value == "warning"} == {"TR604"}


def test_the_data_licence_ships_beside_the_data() -> None:
    """The package carries the dataset's licence and attribution next to the file."""
    notice = resources.files("torchrelay.datasets").joinpath("NOTICE.md").read_text("utf-8")
    assert "CC BY-SA 4.0" in notice
    assert "https://github.com/hflabs/city" in notice
    assert "2014_Winter_Olympics_torch_relay" in notice
