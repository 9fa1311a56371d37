"""The CSV format: both layouts written and read back, loggers' tracks, dialects, formula injection."""

from __future__ import annotations

import contextlib
import pathlib
import warnings

import attrs
import numpy as np
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import torchrelay
from conftest import ogrinfo_summary, shared_files, shared_folder
from torchrelay import Coordinate, FlameState, Leg, Path, Place, Relay, TransportMode
from torchrelay.adapters import csv as relay_csv
from torchrelay.adapters import get_format
from torchrelay.datasets import demo_relay, sochi_2014
from torchrelay.exceptions import LossWarning, ParseError, TorchRelayError
from torchrelay.testing import assert_equivalent, relays

FORMAT = get_format("csv")


def _relay_fields(relay: Relay) -> Relay:
    """What a CSV has no place for, at the relay level, as the reader fills it in."""
    return attrs.evolve(
        relay, name="CSV import", games=None, timezone=None, day_one=None, description=None
    )


def _with(*legs: Leg) -> Relay:
    return Relay("CSV import", None, legs)


OLYMPIA = Place("Olympia", Coordinate(37.638869, 21.629794), timezone="Europe/Athens")


def test_registered() -> None:
    """CSV is a built-in format for .csv, text/csv, keeping status, zones, precision and flame."""
    assert FORMAT is relay_csv.FORMAT
    assert FORMAT.suffixes == (".csv",)
    assert FORMAT.media_type == "text/csv"


def test_sochi_legs_read_back_on_the_keeps() -> None:
    """Sochi 2014 as a row a leg reads back equivalent on what CSV keeps."""
    relay = sochi_2014()
    back = relay_csv.loads(relay_csv.dumps(relay))
    assert_equivalent(_relay_fields(relay), back, keeps=FORMAT.keeps)
    assert len(back.legs) == len(relay.legs)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(relays())
def test_generated_relays_read_back_on_the_keeps(relay: Relay) -> None:
    """Any relay without paths reads back from the legs layout equivalent on the keeps."""
    relay = attrs.evolve(
        relay,
        legs=[attrs.evolve(leg, path=None) for leg in relay.legs],
        branches=[
            attrs.evolve(b, legs=[attrs.evolve(leg, path=None) for leg in b.legs])
            for b in relay.branches
        ],
    )
    back = relay_csv.loads(relay_csv.dumps(relay))
    assert_equivalent(_relay_fields(relay), back, keeps=FORMAT.keeps)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(relays(with_offsets=True, with_partial_times=True, with_columns=True))
def test_generated_paths_read_back_from_the_points_layout(relay: Relay) -> None:
    """Every path's positions, altitudes, times with offsets and columns come back from a row a point."""
    paths = [leg.path for _, leg in relay.all_legs() if leg.path is not None]
    if not paths:
        return
    back = relay_csv.loads(relay_csv.dumps(relay, layout="points"))
    assert len(back.legs) == len(paths)
    for path, leg in zip(paths, back.legs, strict=True):
        assert leg.path is not None
        got = leg.path
        for name in ("latitudes", "longitudes", "altitudes", "times", "offsets"):
            a, b = getattr(path, name), getattr(got, name)
            assert (a is None) == (b is None), name
            if name == "times" and a is not None:  # written to the microsecond, as RFC 3339 text
                assert np.allclose(a, b, rtol=0, atol=1e-6, equal_nan=True), name
            elif a is not None:
                assert np.array_equal(a, b, equal_nan=a.dtype.kind == "f"), name
        for name, column in path.columns.items():
            if column.dtype != object and np.isnan(column).all():
                continue  # an empty column reads as none
            assert name in got.columns, name


def test_the_legs_layout_warns_about_paths() -> None:
    """Paths have no place in a row a leg: writing them there warns, naming the points layout."""
    path = Path.from_arrays([37.6, 37.7], [21.6, 21.7])
    leg = Leg(OLYMPIA, OLYMPIA, None, None, TransportMode.RUNNING, FlameState.LIT_TORCH, path=path)
    with pytest.warns(LossWarning, match=r"dropped 2 path points \(use layout='points'\)"):
        relay_csv.dumps(_with(leg))


def test_ogrinfo_reads_both_layouts(tmp_path: pathlib.Path) -> None:
    """GDAL reads our CSV files, listing mode, departs and arrives as fields of the legs layout."""
    legs = tmp_path / "sochi.csv"
    legs.write_text(relay_csv.dumps(sochi_2014()), encoding="utf-8")
    fields, summary = ogrinfo_summary(legs)
    assert {"mode", "departs", "arrives", "flame"} <= fields
    assert f"Feature Count: {len(list(sochi_2014().all_legs()))}" in summary
    path = Path.from_arrays([37.6, 37.7, 37.8], [21.6, 21.7, 21.8], times=[0.0, 1.0, 2.0])
    track = Leg(
        OLYMPIA, OLYMPIA, None, None, TransportMode.RUNNING, FlameState.LIT_TORCH, path=path
    )
    points = tmp_path / "track.csv"
    points.write_text(relay_csv.dumps(_with(track), layout="points"), encoding="utf-8")
    fields, summary = ogrinfo_summary(points)
    assert {"leg_id", "latitude", "longitude", "time"} <= fields
    assert "Feature Count: 3" in summary


def test_a_gps_logger_track_is_one_leg() -> None:
    """A logger's columns are found by name, without regard to case; others become per-point columns."""
    text = "Time,LAT,Lng,Ele,hr\n2013-10-07T12:00:00Z,55.75,37.62,150,120\n2013-10-07T12:00:05Z,55.76,37.63,,121\n"
    relay = relay_csv.loads(text, source="walk.csv")
    (leg,) = relay.legs
    assert leg.mode is TransportMode.UNKNOWN
    assert not leg.scheduled
    path = leg.path
    assert path is not None
    assert path.latitudes.tolist() == [55.75, 55.76]
    assert path.altitudes is not None
    assert path.altitudes.tolist()[0] == 150.0
    assert path.times is not None
    assert path.times.tolist() == [1381147200.0, 1381147205.0]
    assert path.columns["csv:hr"].tolist() == [120.0, 121.0]
    assert relay.name == "walk.csv"


def test_semicolons_with_decimal_commas_and_a_bom() -> None:
    """A ';' file with decimal commas and a UTF-8 byte order mark reads its numbers right."""
    data = "\ufefflat;lon;name\n37,64;21,63;Olympia\n".encode()
    path = relay_csv.loads(data).legs[0].path
    assert path is not None
    assert (path.latitudes[0], path.longitudes[0]) == (37.64, 21.63)


def test_another_encoding_is_read_when_declared(tmp_path: pathlib.Path) -> None:
    """A cp1251 file gets a ParseError suggesting encoding=, and reads with it."""
    target = tmp_path / "moscow.csv"
    target.write_bytes("lat,lon,name\n55.7558,37.6173,Москва\n".encode("cp1251"))
    with pytest.raises(ParseError, match=r"moscow.csv: line 2: not UTF-8 .* encoding='cp1251'"):
        torchrelay.load(target)
    relay = torchrelay.load(target, encoding="cp1251")
    assert relay.legs[0].path.columns["csv:name"].tolist() == ["Москва"]  # type: ignore[union-attr]


def test_quoted_fields_may_hold_line_breaks() -> None:
    """A leg name with a line break in it reads back whole, and errors still name the right line."""
    leg = Leg(OLYMPIA, OLYMPIA, None, None, "running", "lit_torch", name="Day 1\nOlympia")  # type: ignore[arg-type]
    assert relay_csv.loads(relay_csv.dumps(_with(leg))).legs[0].name == "Day 1\nOlympia"
    text = relay_csv.dumps(_with(leg, attrs.evolve(leg, name="two"))).replace(
        ",running,", ",teleport,"
    )
    with pytest.raises(ParseError, match=r"line 2, column 'mode'"):
        relay_csv.loads(text)


@pytest.mark.parametrize(
    "risky", ["=HYPERLINK(1)", "+SUM(1)", "-2+3", "@cmd", "\tx", "\rx", "'quoted"]
)
def test_formula_injection_is_neutralised_and_restored(risky: str) -> None:
    """A risky text cell is written behind an apostrophe in a marked file, and read back as it was."""
    leg = Leg(OLYMPIA, OLYMPIA, None, None, "running", "lit_torch", name=risky)  # type: ignore[arg-type]
    text = relay_csv.dumps(_with(leg))
    if risky != "'quoted":
        assert text.splitlines()[0].endswith(relay_csv.NEUTRALISED_MARKER)
        assert f"'{risky[:3]}" in text
    assert relay_csv.loads(text).legs[0].name == risky


def test_numbers_and_foreign_apostrophes_are_left_alone() -> None:
    """Negative longitudes are not neutralised, and a foreign file's apostrophes are kept."""
    west = Place("Uelen", Coordinate(66.16, -169.81))
    text = relay_csv.dumps(_with(Leg(west, west, None, None, "running", "lit_torch")))  # type: ignore[arg-type]
    assert ",-169.81," in text
    assert relay_csv.NEUTRALISED_MARKER not in text
    foreign = relay_csv.loads("lat,lon,name\n1,2,'Twas\n")
    assert foreign.legs[0].path.columns["csv:name"].tolist() == ["'Twas"]  # type: ignore[union-attr]


def test_times_keep_their_zones_in_the_legs_layout() -> None:
    """Departures and arrivals keep their IANA zones."""
    at = pendulum.datetime(2013, 11, 9, 18, 40, tz="Europe/Moscow")
    leg = Leg(OLYMPIA, OLYMPIA, at, at.add(hours=2), "running", "lit_torch", precision="minute")  # type: ignore[arg-type]
    back = relay_csv.loads(relay_csv.dumps(_with(leg))).legs[0]
    assert back == leg


REAL = shared_files("realdata", "csv") + shared_files("badinput", "csv")


def test_the_shared_csv_files_are_there() -> None:
    """The real and bad CSV files are found (skips outside a checkout with ../shared)."""
    assert list(shared_folder("realdata", "csv").iterdir())
    assert list(shared_folder("badinput", "csv").iterdir())


EXPECTED_ERRORS = {
    "gdal__csv_for_gpx.csv": "line 1: no latitude and longitude columns",
    "gdal__header_with_line_break.csv": "line 1: no latitude and longitude columns",
    "gdal__inf_nan.csv": "line 1: no latitude and longitude columns",
    "gdal__testtypeautodetect.csv": "line 1: no latitude and longitude columns",
    "gdal__unbalanced_double_quotes.csv": "line 3: not CSV",
    "cp1251_no_declaration.csv": "line 2: not UTF-8",
    "field_over_128k.csv": "line 2: not CSV: field larger than field limit",
    "nul_byte.csv": "line 2: a NUL character",
}


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_every_shared_csv_file_loads_or_names_its_line(path: pathlib.Path) -> None:
    """Each real or bad file gives a track, or a ParseError that names its line and why."""
    expected = EXPECTED_ERRORS.get(path.name)
    if expected is None:
        relay = relay_csv.loads(path.read_bytes(), source=path.name)
        assert relay.legs[0].path is not None
        return
    with pytest.raises(ParseError) as caught:
        relay_csv.loads(path.read_bytes(), source=path.name)
    assert f"{path.name}: {expected}" in str(caught.value)


def test_the_formula_file_keeps_its_text_as_given() -> None:
    """The bad-input file of formulas reads as text cells, exactly as in the file (no marker)."""
    folder = shared_folder("badinput", "csv")
    relay = relay_csv.loads((folder / "formula_injection.csv").read_bytes())
    names = relay.legs[0].path.columns["csv:name"].tolist()  # type: ignore[union-attr]
    assert names[1:] == ["+SUM(1+1)", "-2+3", "@cmd"]


SEEDS = [relay_csv.dumps(demo_relay()).encode(), relay_csv.dumps(sochi_2014()).encode()[:6000]]
SEEDS += [p.read_bytes()[:4000] for p in REAL]
TOKENS = [
    b'"',
    b";",
    b",",
    b"\x00",
    b"\xff",
    b"\r",
    b"\n",
    b"=1+1",
    b"nan",
    b"inf",
    b"-",
    b"9" * 400,
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEEDS), st.data())
def test_only_torchrelay_errors_escape(seed: bytes, data: st.DataObject) -> None:
    """A mutated CSV (flipped, cut, repeated, with tokens spliced in) reads or fails with a TorchRelayError."""
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(seed)))
        action = data.draw(st.sampled_from(["cut", "insert", "repeat"]))
        if action == "cut":
            seed = seed[:at] + seed[at + data.draw(st.integers(1, 40)) :]
        elif action == "insert":
            seed = seed[:at] + data.draw(st.sampled_from(TOKENS)) + seed[at:]
        else:
            seed = seed[:at] + seed[at : at + 80] * 2 + seed[at + 80 :]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with contextlib.suppress(TorchRelayError):
            relay_csv.loads(seed)
