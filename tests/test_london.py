"""The built-in London 2012 relay: facts from its sources, its cleaning, and how it was built."""

from __future__ import annotations

import collections
import datetime as dt
import gzip
import importlib.util
import json
import os
import pathlib
from importlib import resources
from types import ModuleType

import pytest

import torchrelay
from torchrelay import FlameState, Relay, TimePrecision, TransportMode
from torchrelay.adapters import native
from torchrelay.datasets import london_2012

ROOT = pathlib.Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data-src" / "london2012"
BUILD = SOURCE / "build.py"
SHARED_LOG = ROOT.parent / "shared" / "datasets-src" / "london2012" / "gps-complete.txt"
REQUIRE = os.environ.get("TORCHRELAY_REQUIRE_TOOLS") == "1"
FILE = "london_2012.json.gz"


@pytest.fixture(scope="module")
def relay() -> Relay:
    return london_2012()


@pytest.fixture(scope="module")
def build_module() -> ModuleType:
    if not BUILD.exists():
        pytest.skip("data-src is not in this checkout")
    spec = importlib.util.spec_from_file_location("london_build", BUILD)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shipped_text() -> str:
    data = resources.files("torchrelay.datasets").joinpath(FILE).read_bytes()
    return gzip.decompress(data).decode("utf-8")


def _day(relay: Relay, number: int) -> list[torchrelay.Leg]:
    return [
        leg for leg in relay.legs if leg.id is not None and leg.id.startswith(f"day{number:02d}-")
    ]


def test_starts_at_lands_end_on_19_may(relay: Relay) -> None:
    """Day 1 is 19 May 2012, first fix 07:39:20 BST near Land's End; 70 days counted in London time."""
    first = relay.legs[0]
    assert first.origin.name == "Land's End"
    assert first.departs is not None
    assert first.departs.isoformat() == "2012-05-19T07:39:20+01:00"
    assert round(first.origin.coordinate.latitude, 3) == 50.116
    assert round(first.origin.coordinate.longitude, 3) == -5.531
    assert relay.day_one == dt.date(2012, 5, 19)
    assert relay.timezone == "Europe/London"
    assert relay.length_in_days() == 70
    assert {c.value for c in relay.claims_about("days")} == {70}


def test_ends_at_the_olympic_stadium_on_27_july(relay: Relay) -> None:
    """The log's last fix is on Tower Bridge at 12:00:01; a day-precision leg takes it to the stadium."""
    last_fix = relay.leg("day70-02")
    assert last_fix.destination.name == "Tower Bridge"
    assert last_fix.arrives is not None
    assert last_fix.arrives.isoformat() == "2012-07-27T12:00:01+01:00"
    assert round(last_fix.destination.coordinate.latitude, 3) == 51.506
    finale = relay.legs[-1]
    assert finale.id == "day70-finale"
    assert finale.destination.name == "Olympic Stadium"
    assert finale.precision is TimePrecision.DAY
    assert finale.departs is not None
    assert finale.departs.date() == dt.date(2012, 7, 27)
    assert relay.day_number(finale.departs) == 70


def test_the_seventy_days_and_their_overnight_cities(relay: Relay) -> None:
    """The days table has 70 dated days; a few overnight cities match the legs that end there."""
    days = relay.extras["london2012:days"]
    assert isinstance(days, list)
    assert len(days) == 70
    by_day = {d["day"]: d for d in days}  # type: ignore[index]
    assert by_day[1] == {
        "day": 1,
        "date": "2012-05-19",
        "overnight": "Plymouth",
        "sources": by_day[1]["sources"],  # type: ignore[index]
    }
    assert (by_day[19]["date"], by_day[19]["overnight"]) == ("2012-06-06", "Belfast")  # type: ignore[index]
    assert (by_day[36]["date"], by_day[36]["overnight"]) == ("2012-06-23", "Manchester")  # type: ignore[index]
    assert (by_day[58]["date"], by_day[58]["overnight"]) == ("2012-07-15", "Portsmouth")  # type: ignore[index]
    assert (by_day[70]["date"], by_day[70]["overnight"]) == ("2012-07-27", "Olympic Stadium")  # type: ignore[index]
    day_one = _day(relay, 1)
    assert day_one[-1].destination.name == "Plymouth"
    assert day_one[-1].arrives is not None
    assert day_one[-1].arrives.isoformat() == "2012-05-19T19:52:01+01:00"
    assert _day(relay, 36)[-1].destination.name == "Manchester"
    assert not relay.rest_days
    numbers = {relay.day_number(leg.departs) for leg in relay.legs if leg.departs is not None}
    assert numbers == set(range(1, 71))


def test_dublin_on_6_june_is_kept(relay: Relay) -> None:
    """The upstream 'outlier' at St Stephen's Green is the real Dublin visit of 6 Jun (day 19)."""
    dublin = relay.leg("day19-02")
    assert dublin.origin.country == "IE"
    assert dublin.destination.country == "IE"
    assert dublin.path is not None
    lat, lon = dublin.path.latitudes, dublin.path.longitudes
    inside = ((lat >= 53.2) & (lat <= 53.5) & (lon >= -6.5) & (lon <= -6.0)).sum()
    assert inside == 69
    assert (53.34029583263, -6.258211044218) in set(zip(lat.tolist(), lon.tolist(), strict=True))
    assert dublin.departs is not None
    assert dublin.departs.date() == dt.date(2012, 6, 6)
    urls = {s.url for s in dublin.sources}
    assert "http://uk.reuters.com/article/olympics-torch-dublin-idUKL3E7N84JX20111208" in urls
    to_dublin = relay.leg("day19-01-transfer")
    assert "by road" in (to_dublin.name or "")


def test_flights_and_ferries_where_a_source_says_which(relay: Relay) -> None:
    """Six flights and three ferries are legs of their own mode, each with its source; the flame in a lantern."""
    crossings = [leg for leg in relay.legs if leg.mode in (TransportMode.PLANE, TransportMode.SHIP)]
    assert [(leg.id, leg.mode.value) for leg in crossings] == [
        ("day15-02-transfer", "plane"),
        ("day15-04-transfer", "plane"),
        ("day20-07-transfer", "ship"),
        ("day23-03-transfer", "plane"),
        ("day23-05-transfer", "plane"),
        ("day23-07-transfer", "plane"),
        ("day57-02-transfer", "ship"),
        ("day57-04-transfer", "ship"),
        ("day58-04-transfer", "plane"),
    ]
    for leg in crossings:
        assert leg.flame is FlameState.LANTERN
        assert len(leg.sources) >= 2, leg.id  # a source for the mode, and the log
    to_man = relay.leg("day15-02-transfer")
    assert (to_man.origin.country, to_man.destination.country) == ("GB", "IM")
    assert to_man.precision is TimePrecision.APPROXIMATE  # the log jumps: no tracked flight
    jersey = relay.leg("day58-04-transfer")
    assert (jersey.origin.country, jersey.destination.country) == ("GG", "JE")
    stornoway = relay.leg("day23-07-transfer")  # the one flight the feed tracked point by point
    assert stornoway.path is not None
    assert len(stornoway.path) == 31
    assert stornoway.precision is TimePrecision.EXACT
    assert stornoway.speed() is not None


def test_leg_and_point_counts(relay: Relay) -> None:
    """206 legs: 118 moving stretches, 9 sourced crossings, 78 transfers of unknown mode, the finale."""
    modes = collections.Counter(leg.mode.value for leg in relay.legs)
    assert modes == {"other": 118, "unknown": 79, "plane": 6, "ship": 3}
    assert len(relay.legs) == 206
    moving = [leg for leg in relay.legs if leg.mode is TransportMode.OTHER]
    assert all(leg.flame is FlameState.LIT_TORCH for leg in moving)
    assert all(leg.extras["london2012:status"] == "RUNNING" for leg in moving)
    points = sum(len(leg.path) for leg in relay.legs if leg.path is not None)
    assert points == 19_851
    assert sum(len(leg.path) for leg in moving if leg.path is not None) == 19_674


def test_every_path_is_timed_in_bst(relay: Relay) -> None:
    """Every path point has its time, with the +01:00 offset of BST, in Europe/London."""
    for leg in relay.legs:
        if leg.path is None:
            continue
        assert leg.path.has_times, leg.id
        assert leg.path.timezone == "Europe/London"
        assert leg.path.offsets is not None
        assert set(leg.path.offsets.tolist()) == {3600}, leg.id
        assert leg.path.altitudes is None
    assert "Europe/London" in str(relay.extras["london2012:zone_assumption"])
    assert "assumption" in (relay.description or "")


def test_cleaning_counts(relay: Relay) -> None:
    """The rows each cleaning rule dropped are recorded in the relay, and add up with what is kept."""
    cleaning = relay.extras["london2012:cleaning"]
    assert isinstance(cleaning, dict)
    assert cleaning["rows"] == 50_418
    assert cleaning["dropped"] == {
        "duplicate": 2_723,
        "null_island": 335,
        "spike": 44,
        "stale_nearby": 88,
        "stale_replay": 2_943,
        "status_glitch": 3_548,
        "too_short": 0,
    }
    for leg in relay.legs:
        if leg.path is not None:
            assert not ((leg.path.latitudes == 0) & (leg.path.longitudes == 0)).any()


def test_figures_are_claims_with_sources(relay: Relay) -> None:
    """8,000 miles, 8,000 torchbearers and the disagreeing counts of communities, each with its source."""
    assert {(c.value, c.unit) for c in relay.claims_about("total_distance")} == {
        (8_000, "mi"),
        (12_800, "km"),
    }
    assert {c.value for c in relay.claims_about("torchbearers")} == {8_000}
    assert {c.value for c in relay.claims_about("communities")} == {1_018, 1_019, 1_021}
    assert {c.value for c in relay.claims_about("day24_distance")} == {138.42, 400}
    for claim in relay.claims:
        assert claim.source.url.startswith("http")


def test_no_torchbearer_names(relay: Relay) -> None:
    """No leg names a torchbearer, the document has no torchbearer field, and no bearers list was copied."""
    assert not list(relay.torchbearers())
    assert all(not leg.torchbearers for leg in relay.legs)
    assert not (SOURCE / "bearers").exists()
    document = json.loads(_shipped_text())
    assert not [leg for leg in document["legs"] if "torchbearers" in leg]
    assert "campaigns" not in document


def test_validates_without_errors(relay: Relay) -> None:
    """No errors; the warnings and infos left are the ones the data card explains."""
    report = torchrelay.validate(relay)
    assert report.ok
    codes = collections.Counter((f.severity.value, f.code) for f in report.findings)
    assert codes == {
        ("warning", "TR203"): 1,
        ("warning", "TR303"): 2,
        ("info", "TR407"): 2,
        ("info", "TR408"): 79,
    }


def test_round_trips_through_native_v2(relay: Relay) -> None:
    """Written and read back in the native format, the relay is equal, and its text is stable."""
    text = native.dumps(relay)
    again = native.loads(text)
    assert again == relay
    assert native.dumps(again) == text
    assert json.loads(text)["version"] == 2


def test_the_shipped_file_is_valid_against_the_schema() -> None:
    """The packaged London document validates against the native format's JSON Schema."""
    import jsonschema

    jsonschema.validate(json.loads(_shipped_text()), native.schema())


def test_the_package_stays_small() -> None:
    """The compressed file is well under 1 MB, and the whole package under 5 MB."""
    data = resources.files("torchrelay.datasets").joinpath(FILE).read_bytes()
    assert len(data) < 1_000_000
    package = pathlib.Path(torchrelay.__file__).parent
    total = sum(
        p.stat().st_size for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )
    assert total < 5_000_000


def test_the_packaged_file_is_the_build_scripts_output(build_module: ModuleType) -> None:
    """Rebuilding from the log in data-src gives the shipped document, so it cannot drift from its source."""
    built, dropped, matched = build_module.build()
    assert native.dumps(built) == _shipped_text()
    assert dropped == built.extras["london2012:cleaning"]["dropped"]
    assert len(matched) == 9
    assert gzip.decompress(build_module.document(built)) == _shipped_text().encode("utf-8")


def test_the_log_in_the_repository_is_the_shared_one() -> None:
    """The copied log is byte for byte the team's shared copy of the upstream file."""
    if not SHARED_LOG.exists():
        if REQUIRE:
            pytest.fail(f"{SHARED_LOG} is missing and TORCHRELAY_REQUIRE_TOOLS=1")
        pytest.skip("../shared/datasets-src/london2012 is not beside the project")
    if not (SOURCE / "gps-complete.txt").exists():
        pytest.skip("data-src is not in this checkout")
    assert (SOURCE / "gps-complete.txt").read_bytes() == SHARED_LOG.read_bytes()


def test_a_malformed_log_row_is_refused(build_module: ModuleType, tmp_path: pathlib.Path) -> None:
    """The build names the file and line of a row it cannot read, rather than guessing."""
    bad = tmp_path / "log.txt"
    bad.write_text("2012-05-19T07:39:20.xml, 50.1, -5.5, RUNNING\nnot a row\n", encoding="ascii")
    with pytest.raises(ValueError, match=r"log\.txt:2: expected"):
        build_module.read_log(bad)


def test_the_data_licence_ships_beside_the_data() -> None:
    """The package's NOTICE carries the log's MIT notice and the London sources."""
    notice = resources.files("torchrelay.datasets").joinpath("NOTICE.md").read_text("utf-8")
    assert "london_2012.json.gz" in notice
    assert "Copyright (c) 2022 Matt Chadburn" in notice
    assert "commuterjoy/torch-relay" in notice
