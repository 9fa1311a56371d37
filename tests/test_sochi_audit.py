"""The Sochi 2014 relay as corrected from the audit (../shared/facts/sochi-2014-audit.md).

Each test pins one corrected fact, named by the audit's defect number, so that
the defect cannot come back unnoticed.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs
import pendulum
import pytest
from pyproj import Geod

from torchrelay import (
    FlameSource,
    FlameState,
    Leg,
    Relay,
    Severity,
    TimePrecision,
    TransportMode,
    redact,
    validate,
)
from torchrelay.adapters import native
from torchrelay.datasets import sochi_2014

M, F = TransportMode, FlameState
MSK = "Europe/Moscow"
GEOD = Geod(ellps="WGS84")
DAY_ONE = dt.date(2013, 10, 7)


@pytest.fixture(scope="module")
def relay() -> Relay:
    return sochi_2014()


def _day(relay: Relay, n: int) -> list[Leg]:
    return [leg for leg in relay.legs if leg.id is not None and leg.id.startswith(f"day{n:03d}-")]


def _km(lat: float, lon: float, lat2: float, lon2: float) -> float:
    return float(GEOD.inv(lon, lat, lon2, lat2)[2]) / 1000


def _local_date(when: pendulum.DateTime | None, zone: str | None) -> dt.date:
    assert when is not None
    return when.in_tz(zone or MSK).date()


def _lit_torches(relay: Relay, n: int) -> list[Leg]:
    return [leg for leg in _day(relay, n) if leg.flame is F.LIT_TORCH]


# -- 1, 2: the North Pole relay ----------------------------------------------------


def test_north_pole_relay_runs_overnight_after_yaroslavl(relay: Relay) -> None:
    """Defect 1: the Pole relay runs overnight 19-20 Oct, after Yaroslavl's last torch, before Vologda's."""
    pole = relay.leg("north-pole-relay")
    assert pole.departs is not None
    assert pole.arrives is not None
    assert _local_date(pole.departs, MSK) == dt.date(2013, 10, 19)
    assert _local_date(pole.arrives, MSK) == dt.date(2013, 10, 20)
    yaroslavl = _lit_torches(relay, 13)
    vologda = _lit_torches(relay, 14)
    assert yaroslavl[-1].destination.name == "Yaroslavl"
    assert vologda[0].destination.name == "Vologda"
    assert yaroslavl[-1].arrives is not None
    assert vologda[0].departs is not None
    assert yaroslavl[-1].arrives <= pole.departs
    assert pole.arrives <= vologda[0].departs
    assert pole.arrives != pendulum.datetime(2013, 10, 20, 23, 59, tz=MSK)
    assert pole.precision is TimePrecision.APPROXIMATE
    assert pole.lit_from is FlameSource.LANTERN


def test_no_lit_torch_overlaps_the_north_pole_relay(relay: Relay) -> None:
    """Defect 1: no lit torch of any other line burns while the Pole torch does."""
    pole = relay.leg("north-pole-relay")
    assert pole.departs is not None
    assert pole.arrives is not None
    for _, leg in relay.all_legs():
        if leg is pole or leg.flame is not F.LIT_TORCH or leg.departs is None:
            continue
        assert leg.arrives is not None
        assert leg.arrives <= pole.departs or leg.departs >= pole.arrives, leg.id


def test_north_pole_branch_says_overnight(relay: Relay) -> None:
    """Defect 2: the branch's description agrees with its legs."""
    description = relay.branch("north-pole").description
    assert description is not None
    assert "overnight 19-20 Oct" in description
    assert "Yaroslavl" in description


def _old_pole(relay: Relay, precision: TimePrecision) -> Relay:
    """The relay with the Pole relay as shipped before the audit: 19 Oct 12:37 to 20 Oct 23:59."""
    branches = []
    for branch in relay.branches:
        legs = [
            attrs.evolve(
                leg,
                departs=pendulum.datetime(2013, 10, 19, 12, 37, tz=MSK),
                arrives=pendulum.datetime(2013, 10, 20, 23, 59, tz=MSK),
                precision=precision,
            )
            if leg.id == "north-pole-relay"
            else leg
            for leg in branch.legs
        ]
        branches.append(attrs.evolve(branch, legs=legs))
    return attrs.evolve(relay, branches=branches)


def test_tr211_reports_the_old_north_pole_overlap(relay: Relay) -> None:
    """The old Pole times overlap Yaroslavl's and Vologda's lit torches: TR211 names both days."""
    report = validate(_old_pole(relay, TimePrecision.APPROXIMATE), select="TR211")
    found = [f for f in report.findings if f.code == "TR211"]
    others = {f.details["other_leg_id"] for f in found} | {
        f.location.leg_id for f in found if f.location is not None
    }
    assert {leg.id for leg in _lit_torches(relay, 13)} <= others
    assert {leg.id for leg in _lit_torches(relay, 14)} <= others
    assert all(f.details["copy_leg_id"] == "north-pole-relay" for f in found)
    # Placeholder times are not evidence: information only, and the message says why.
    assert {f.severity for f in found} == {Severity.INFO}
    assert all("placeholder times" in f.message for f in found)
    assert "two torches burn at once" in found[0].message


def test_tr211_warns_when_the_times_are_evidence(relay: Relay) -> None:
    """With precise times on both sides, the overlap is a warning (TR209 stays silent on a copy)."""
    old = _old_pole(relay, TimePrecision.MINUTE)
    last = _lit_torches(relay, 13)[-1]
    legs = [
        attrs.evolve(leg, precision=TimePrecision.MINUTE) if leg is last else leg
        for leg in old.legs
    ]
    report = validate(attrs.evolve(old, legs=legs), select=["TR209", "TR211"])
    firm = [
        f
        for f in report.findings
        if last.id in (f.details["other_leg_id"], f.location and f.location.leg_id)
    ]
    assert [(f.code, f.severity) for f in firm] == [("TR211", Severity.WARNING)]
    assert firm[0].details["copy_leg_id"] == "north-pole-relay"
    assert "TR209" not in report.codes()


def test_corrected_relay_has_no_two_torches_at_once(relay: Relay) -> None:
    """The corrected data: no TR211 or TR209 finding at all, and no error."""
    report = validate(relay)
    assert report.ok
    assert not {"TR209", "TR211"} & report.codes()


# -- 3, 4, 5, 17, 18, 20, 21, 22: the main route --------------------------------


def test_day_53_train_to_novokuznetsk_then_helicopter_to_kyzyl(relay: Relay) -> None:
    """Defect 3: 28 Nov is Novokuznetsk by train first, then the lantern by helicopter to Kyzyl."""
    transfers = [
        (leg.destination.name, leg.mode) for leg in _day(relay, 53) if leg.flame is F.LANTERN
    ]
    assert transfers == [("Novokuznetsk", M.TRAIN), ("Kyzyl", M.HELICOPTER)]
    assert [leg.destination.name for leg in _lit_torches(relay, 53)] == ["Novokuznetsk", "Kyzyl"]


def test_no_perm_stage_on_day_89(relay: Relay) -> None:
    """Defect 4: 3 Jan is the train to Perm-1, a helicopter to Kungur and Kungur's stage only."""
    legs = _day(relay, 89)
    assert [(leg.destination.name, leg.mode) for leg in legs if leg.flame is F.LANTERN] == [
        ("Perm", M.TRAIN),
        ("Kungur", M.HELICOPTER),
    ]
    assert {leg.destination.name for leg in legs if leg.flame is F.LIT_TORCH} == {"Kungur"}
    assert "Perm" in {leg.destination.name for leg in _lit_torches(relay, 90)}


def test_novy_urengoy_on_day_29(relay: Relay) -> None:
    """Defect 5: 4 Nov has Novy Urengoy's morning stage before Salekhard."""
    stages = [leg.destination.name for leg in _lit_torches(relay, 29)]
    assert stages.index("Novy Urengoy") < stages.index("Salekhard")
    urengoy = next(leg for leg in _day(relay, 29) if leg.destination.name == "Novy Urengoy")
    assert urengoy.destination.timezone == "Asia/Yekaterinburg"
    assert (
        _km(
            urengoy.destination.coordinate.latitude,
            urengoy.destination.coordinate.longitude,
            66.0839,
            76.6810,
        )
        < 1
    )
    assert _local_date(urengoy.departs, "Asia/Yekaterinburg") == dt.date(2013, 11, 4)


def test_day_30_lands_at_khanty_mansiysk(relay: Relay) -> None:
    """Defect 17: the plane from Salekhard lands at Khanty-Mansiysk, then on to Nefteyugansk."""
    transfers = [
        (leg.destination.name, leg.mode) for leg in _day(relay, 30) if leg.flame is F.LANTERN
    ]
    assert transfers == [("Khanty-Mansiysk", M.PLANE), ("Nefteyugansk", M.UNKNOWN)]


def test_day_85_starts_in_kazan(relay: Relay) -> None:
    """Defect 18: the train reaches Kazan, whose first stage comes before Bolgar."""
    legs = _day(relay, 85)
    assert (legs[0].destination.name, legs[0].mode) == ("Kazan", M.TRAIN)
    stages = [leg.destination.name for leg in legs if leg.flame is F.LIT_TORCH]
    assert stages[0] == "Kazan"
    assert stages.index("Bolgar") > 0


def test_day_113_in_kaspiysk(relay: Relay) -> None:
    """Defect 20: Dagestan's stage ran inside the Anzhi Arena in Kaspiysk."""
    stage = _lit_torches(relay, 113)[0]
    assert stage.destination.name == "Kaspiysk (Anzhi Arena)"
    assert stage.destination.region == "Republic of Dagestan"
    c = stage.destination.coordinate
    assert _km(c.latitude, c.longitude, 42.8916, 47.6367) < 1


def test_moscow_and_kolomna_lamps_are_lanterns(relay: Relay) -> None:
    """Defect 21: Ostankino and the metro, and Kolomna's tram before the run, carry lamps."""
    ostankino = [leg for leg in _day(relay, 3) if leg.mode is M.OTHER]
    assert [leg.flame for leg in ostankino] == [F.LANTERN]
    kolomna = [leg for leg in _day(relay, 4) if leg.origin.name == "Kolomna"]
    assert [(leg.mode, leg.flame) for leg in kolomna[:2]] == [
        (M.OTHER, F.LANTERN),
        (M.RUNNING, F.LIT_TORCH),
    ]
    assert kolomna[1].lit_from is FlameSource.LANTERN


@pytest.mark.parametrize(
    ("day", "place"),
    [(42, "Khabarovsk"), (43, "Birobidzhan"), (82, "Cheboksary"), (96, "Penza"), (101, "Bryansk")],
)
def test_special_trains(relay: Relay, day: int, place: str) -> None:
    """Defect 22: the transfers the sources name as the special train are trains."""
    transfer = next(leg for leg in _day(relay, day) if leg.destination.name == place)
    assert transfer.flame is F.LANTERN
    assert transfer.mode is M.TRAIN


# -- 9, 15, 14, 16, 13: the ceremony and the times no source gives ----------------


def test_red_square_ceremony_on_6_october(relay: Relay) -> None:
    """Defect 9: on 6 Oct a cauldron was lit on Red Square and ten torchbearers ran in the Kremlin."""
    ceremony = relay.leg("red-square-ceremony")
    run = relay.leg("kremlin-run")
    assert ceremony.flame is F.CAULDRON
    assert ceremony.destination.name == "Red Square"
    assert run.flame is F.LIT_TORCH
    assert run.lit_from is FlameSource.CAULDRON
    for leg in (ceremony, run):
        assert _local_date(leg.departs, MSK) == dt.date(2013, 10, 6)
        assert _local_date(leg.arrives, MSK) == dt.date(2013, 10, 6)
    order = [leg.id for leg in relay.legs]
    assert (
        order.index("vnukovo-red-square")
        < order.index("red-square-ceremony")
        < order.index("kremlin-run")
    )
    assert order.index("kremlin-run") < order.index("day001-1")


def test_unsourced_times_are_placeholders(relay: Relay) -> None:
    """Defects 14-16: times no source gives are approximate and their legs say so; none invented."""
    arrival = relay.leg("vnukovo-red-square").arrives
    assert arrival is not None
    assert _local_date(arrival, MSK) == dt.date(2013, 10, 6)  # defect 15: not 7 Oct 00:00
    flight = relay.leg("flight-to-moscow")
    assert flight.arrives == pendulum.datetime(2013, 10, 6, 14, 15, tz=MSK)
    for leg_id in ("flight-to-moscow", "vnukovo-red-square", "space-walk", "north-pole-relay"):
        leg = relay.leg(leg_id)
        assert leg.precision is TimePrecision.APPROXIMATE, leg_id
        assert leg.name is not None
        assert "placeholder" in leg.name, leg_id
    walk = relay.leg("space-walk")
    assert walk.departs is not None
    assert walk.departs.in_tz("UTC").strftime("%H:%M") == "14:40"
    precise = {leg.id for _, leg in relay.all_legs() if leg.precision.value in ("exact", "minute")}
    assert precise == {"north-pole-voyage"}


def test_elbrus_date_is_approximate(relay: Relay) -> None:
    """Defect 13: the Elbrus date is disputed, so the leg is approximate, not a sourced day."""
    summit = relay.leg("elbrus-summit")
    assert summit.precision is TimePrecision.APPROXIMATE
    assert summit.name is not None
    assert "disputed" in summit.name


# -- 6, 7, 8, 10, 11, 31: places --------------------------------------------------


def test_final_legs_at_the_fisht_stadium(relay: Relay) -> None:
    """Defect 6: day 124 ends at the Fisht Olympic Stadium, not in Sochi's centre 28 km away."""
    final = _day(relay, 124)
    assert final[-1] is relay.legs[-1]
    for leg in final:
        if leg.destination.name.startswith("Sochi (Olympic Park"):
            c = leg.destination.coordinate
            assert _km(c.latitude, c.longitude, 43.4023, 39.9561) < 0.5


def test_smolensk_coordinate(relay: Relay) -> None:
    """Defect 7: Smolensk is the city, not a point 15 km west of it."""
    places = [
        p
        for _, leg in relay.all_legs()
        for p in (leg.origin, leg.destination)
        if p.name == "Smolensk"
    ]
    assert places
    for p in places:
        assert _km(p.coordinate.latitude, p.coordinate.longitude, 54.7828, 32.0453) < 1


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        ("Novokuznetsk", 53.75, 87.1167),
        ("Kemerovo", 55.3333, 86.0833),
        ("Kostroma", 57.7677, 40.9264),
    ],
)
def test_borderline_city_coordinates(relay: Relay, name: str, lat: float, lon: float) -> None:
    """Defect 31: Novokuznetsk, Kemerovo and Kostroma at their centres."""
    places = [leg.destination for leg in relay.legs if leg.destination.name == name]
    assert places
    assert all(_km(p.coordinate.latitude, p.coordinate.longitude, lat, lon) < 1 for p in places)


def test_iss_altitude_per_spacefacts(relay: Relay) -> None:
    """Defect 8: the station flies at 417-419 km per Spacefacts, not the unverified 350 km."""
    iss = relay.leg("space-walk").origin.coordinate
    assert iss.altitude is not None
    assert 417_000 <= iss.altitude <= 419_000
    claims = relay.claims_about("iss_altitude")
    spacefacts = {c.value for c in claims if "spacefacts" in c.source.url}
    assert spacefacts == {417, 419}
    assert any(c.value == 350 and c.note and "unverified" in c.note for c in claims)


def test_baikal_starts_at_taltsy(relay: Relay) -> None:
    """Defects 10, 11: a stage at Taltsy, the boat down the Angara, the finish at Listvyanka."""
    legs = relay.branch("baikal").legs
    first = legs[0]
    assert first.origin.name.startswith("Taltsy")
    assert (first.mode, first.flame, first.lit_from) == (
        M.RUNNING,
        F.LIT_TORCH,
        FlameSource.LANTERN,
    )
    assert (
        _km(first.origin.coordinate.latitude, first.origin.coordinate.longitude, 51.9908, 104.6692)
        < 1
    )
    assert (legs[1].origin.name, legs[1].mode) == (first.origin.name, M.BOAT)
    assert legs[-1].destination.name == "Listvyanka"
    assert all("stand in" in leg.destination.name for leg in legs[1:-1])
    for leg in legs:
        assert _local_date(leg.departs, "Asia/Irkutsk") == dt.date(2013, 11, 23)


# -- 12: placeholder times on the local day ---------------------------------------

_DAY_ID = re.compile(r"day(\d{3})-\d+$")


def test_day_legs_fall_on_their_local_day(relay: Relay) -> None:
    """Defect 12: every day-precision stage leg lies within its place's local day, none past midnight."""
    checked = 0
    for leg in relay.legs:
        match = _DAY_ID.match(leg.id or "")
        if match is None or leg.precision is not TimePrecision.DAY:
            continue
        date = DAY_ONE + dt.timedelta(days=int(match.group(1)) - 1)
        assert _local_date(leg.departs, leg.origin.timezone) == date, leg.id
        assert _local_date(leg.arrives, leg.destination.timezone) == date, leg.id
        checked += 1
    assert checked > 350


@pytest.mark.parametrize(
    ("day", "place", "date"),
    [
        (37, "Elizovo", dt.date(2013, 11, 12)),
        (44, "Blagoveshchensk", dt.date(2013, 11, 19)),
        (47, "Ulan-Ude", dt.date(2013, 11, 22)),
        (34, "Yakutsk", dt.date(2013, 11, 9)),
        (50, "Divnogorsk", dt.date(2013, 11, 25)),
    ],
)
def test_eastern_stages_on_the_sourced_local_date(
    relay: Relay, day: int, place: str, date: dt.date
) -> None:
    """Defect 12: the five stages that fell wholly on the next local day are back on theirs."""
    stages = [leg for leg in _lit_torches(relay, day) if leg.destination.name == place]
    assert stages
    for leg in stages:
        assert _local_date(leg.departs, leg.origin.timezone) == date
        assert _local_date(leg.arrives, leg.destination.timezone) == date


def test_space_return_departs_in_the_stations_zone(relay: Relay) -> None:
    """Defect 30: the return departs in its origin's zone (the ISS keeps Moscow time)."""
    ret = relay.leg("space-return")
    assert ret.departs is not None
    assert ret.origin.timezone == MSK
    assert ret.departs.timezone_name == MSK


# -- 23-27: claims and attributions ----------------------------------------------


def test_missing_claims_are_kept(relay: Relay) -> None:
    """Defect 27: Elbrus 5,652 m, the 1 Feb Elbrus date, the 25 Oct Pole date, the ISS, 38,525 miles."""
    assert {(c.value, c.source.url) for c in relay.claims_about("elbrus_altitude")} >= {
        (5_652, "https://www.olympic.org/sochi-2014-torch-relay"),
        (5_642, "https://www.olympic.org/news/olympic-flame-reaches-europe-s-highest-point"),
    }
    assert "2014-02-01" in {c.value for c in relay.claims_about("elbrus_climb_date")}
    assert "2013-10-25" in {c.value for c in relay.claims_about("north_pole_relay_date")}
    assert (38_525, "mi") in {(c.value, c.unit) for c in relay.claims_about("total_distance")}
    assert {c.value for c in relay.claims_about("moscow_days")} == {2, 3}
    assert 136 in {c.value for c in relay.claims_about("settlements")}
    assert {c.value for c in relay.claims_about("baikal_jetpack_height")} == {10}


def test_doubtful_attributions_fixed(relay: Relay) -> None:
    """Defects 24-26: 124 days is derived, 1,642 m is AFP's and Anadolu's, Bashny dates the arrival."""
    (derived,) = [c for c in relay.claims_about("days") if c.value == 124]
    assert derived.source.url != "https://en.wikipedia.org/wiki/2014_Winter_Olympics_torch_relay"
    assert derived.note is not None
    assert "Derived" in derived.note
    article = [c for c in relay.claims_about("days") if "wiki/2014_Winter" in c.source.url]
    assert [c.value for c in article] == [123]
    depth = {c.source.url for c in relay.claims_about("baikal_lake_depth") if c.value == 1_642}
    assert not any("olympics.com" in url for url in depth)
    assert any("funandxplore" in url for url in depth)
    assert any("worldbulletin" in url for url in depth)
    relay_dates = relay.claims_about("north_pole_relay_date")
    assert not any("bashny" in c.source.url for c in relay_dates)
    assert [c.value for c in relay.claims_about("north_pole_arrival_date")] == ["2013-10-19"]


def test_new_year_rest_day_claims_no_place(relay: Relay) -> None:
    """Defect 23: no source confirms where the flame spent 1 Jan 2014, so the data do not say."""
    (new_year,) = [r for r in relay.rest_days if r.date == dt.date(2014, 1, 1)]
    assert new_year.place is None
    assert new_year.note is not None
    assert "not confirmed" in new_year.note


# -- 28, 29: privacy --------------------------------------------------------------

NAMES = ("gladun", "pluzhnikova", "pyankov", "dmitry", "anastasia", "yury")


def test_no_personal_story_on_the_canicross_leg(relay: Relay) -> None:
    """Defect 28: the one leg that names a featured torchbearer says no more than its mode."""
    legs = [leg for _, leg in relay.all_legs() if leg.torchbearers]
    assert [leg.id for leg in legs] == ["day004-canicross"]
    name = legs[0].name or ""
    assert name == "Day 4: Arkhangelskoye: canicross"
    for person in relay.torchbearers():
        assert (person.age, person.birth_year, person.story) == (None, None, None)


def test_ids_do_not_spell_names(relay: Relay) -> None:
    """Defect 29: no identifier in the data spells a torchbearer's name."""
    ids = {tb.id for tb in relay.torchbearers()} | {leg.id for _, leg in relay.all_legs()}
    for ident in ids:
        assert ident is not None
        assert not any(n in ident.lower() for n in NAMES), ident


def test_redacted_sochi_names_nobody() -> None:
    """Defect 29: after redact(), nothing in the written relay spells a name; ids are pseudonyms."""
    relay = sochi_2014()
    redacted = redact(relay)
    text = native.dumps(redacted).lower()
    assert text == native.dumps(relay, redact=True).lower()
    for name in NAMES:
        assert name not in text, name
    assert {tb.id for tb in redacted.torchbearers()} == {"tb-1", "tb-2", "tb-3"}
    assert all(tb.name is None and tb.hometown is None for tb in redacted.torchbearers())
    # Counts survive: three people, one on the canicross leg.
    assert len(redacted.leg("day004-canicross").torchbearers) == 1
