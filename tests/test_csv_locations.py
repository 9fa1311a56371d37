"""CSV problems name their line and field as data, and the bulk read gives what the row read gives."""

from __future__ import annotations

import pathlib

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

import torchrelay
from conftest import shared_files
from torchrelay import Relay
from torchrelay.adapters import _csv_read
from torchrelay.adapters import csv as relay_csv
from torchrelay.datasets import demo_relay
from torchrelay.exceptions import Location, ParseError
from torchrelay.testing import relays

# The shared bad and real files that cannot be read: the line each problem is on.
EXPECTED_LINES = {
    "gdal__csv_for_gpx.csv": 1,
    "gdal__header_with_line_break.csv": 1,
    "gdal__inf_nan.csv": 1,
    "gdal__testtypeautodetect.csv": 1,
    "gdal__unbalanced_double_quotes.csv": 3,
    "cp1251_no_declaration.csv": 2,
    "field_over_128k.csv": 2,
    "nul_byte.csv": 2,
}
SHARED = [
    p
    for p in shared_files("badinput", "csv") + shared_files("realdata", "csv")
    if p.name in EXPECTED_LINES
]


def _problem(text: str | bytes, source: str | None = None) -> tuple[Location, str]:
    with pytest.raises(ParseError) as caught:
        relay_csv.loads(text, source=source)
    assert caught.value.source == source
    (problem,) = caught.value.problems
    return problem.location, problem.message


@pytest.mark.parametrize("path", SHARED, ids=lambda p: p.name)
def test_shared_bad_files_name_their_line_as_data(path: pathlib.Path) -> None:
    """Each unreadable shared file's problem has its line as a number, and the file's name."""
    where, _ = _problem(path.read_bytes(), source=path.name)
    assert where.line == EXPECTED_LINES[path.name]
    assert where.parts == ()


def test_a_bad_number_names_line_column_and_field() -> None:
    """A latitude that is not a number: line 4 (header line 1), column 1, field 'lat'."""
    text = "lat,lon,name\n1,2,a\n3,4,b\nx,6,c\n"
    where, message = _problem(text, source="log.csv")
    assert (where.line, where.column, where.field) == (4, 1, "lat")
    assert message == "must be a number (got 'x')"
    assert str(where) == "line 4, column 'lat'"


def test_lines_count_the_line_breaks_inside_quotes() -> None:
    """A quoted name over two lines pushes the bad time of the next row to line 4."""
    text = 'lat,lon,time,name\n1,2,2020-01-01T00:00:00Z,"two\nlines"\n3,4,noon,b\n'
    where, message = _problem(text)
    assert (where.line, where.column, where.field) == (4, 3, "time")
    assert "ISO 8601" in message


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("lat,lon\n1,2\n95,3\n", 3, "lat"),  # out of range: the point's own line
        ('lat,lon,n\n1,2,"a\nb"\n100,2,c\n', 4, "lat"),
        ("lat,lon\n1,2\n3\n", 3, None),  # too few fields
        ("lat,lon\n1,2\r3,4,5\n", 3, None),  # a bare carriage return ends a line
        ("lat,lon\n,2\n", 2, "lat"),  # an empty latitude
        ("lat,lon\n", 2, None),  # no rows
        ("", 1, None),
        ("lat,lon\n1,2\n1-2,3\n", 3, "lat"),  # plain bytes, not a number
        ("lat,lon\n1\r2,3\n", 2, None),  # a bare carriage return inside a line
        ("lat,lon,time\n1,2,2020-01-01T00:00:0xZ\n", 2, "time"),
        ("leg_id,index,latitude,longitude,altitude,time,hr\na,0,1,2,,,1\n", 2, None),
        (
            "leg_id,index,latitude,longitude,altitude,time\na,0,1,2,,\nb,0,1,2,,\na,0,1,2,,\n",
            4,
            "leg_id",
        ),
    ],
)
def test_every_problem_has_its_line(text: str, line: int, field: str | None) -> None:
    """Bad positions, widths, carriage returns, empty cells, repeated legs: each on its line."""
    where, _ = _problem(text)
    assert (where.line, where.field) == (line, field)


def test_the_legs_layout_names_line_and_field() -> None:
    """A bad mode and a repeated leg id are named by line, field and column in a CSV of legs."""
    text = relay_csv.dumps(demo_relay())
    lines = text.splitlines()
    header = lines[0].split(",")
    bad = "\r\n".join([*lines[:2], lines[2].replace(",running,", ",teleport,"), *lines[3:]])
    where, _ = _problem(bad)
    assert (where.line, where.field, where.column) == (3, "mode", header.index("mode") + 1)
    first_id, second_id = lines[1].split(",")[2], lines[2].split(",")[2]
    twice = "\r\n".join([*lines[:2], lines[2].replace(second_id, first_id, 1)])
    where, message = _problem(twice)
    assert (where.line, where.field) == (3, "id")
    assert "used twice" in message


def test_a_branch_leg_that_repeats_an_id_is_named_by_its_line() -> None:
    """A branch's leg whose id the main line has: its own line, field 'id'."""
    text = relay_csv.dumps(demo_relay())
    lines = text.splitlines()
    first_id = lines[1].split(",")[2]
    cells = lines[2].split(",")
    cells[1], cells[2] = "pole", first_id
    where, message = _problem("\r\n".join([*lines[:2], ",".join(cells)]))
    assert (where.line, where.field) == (3, "id")
    assert "used twice" in message


def _slow(text: str) -> Relay:
    original = _csv_read.byte_columns
    _csv_read.byte_columns = lambda *args: None  # type: ignore[assignment]
    try:
        return relay_csv.loads(text)
    finally:
        _csv_read.byte_columns = original


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(relays(with_offsets=True, with_partial_times=True, with_columns=True))
def test_the_bulk_read_equals_the_row_read(relay: Relay) -> None:
    """Cut in bulk or read row by row, a points CSV gives the same relay."""
    if not any(leg.path is not None for _, leg in relay.all_legs()):
        return
    text = relay_csv.dumps(relay, layout="points")
    assert relay_csv.loads(text) == _slow(text)


@pytest.mark.parametrize(
    "text",
    [
        "lat;lon;ele;time\n55,75;37,62;;2020-01-01T00:00:00+04:00\n55,76;37,63;1,5;2020-01-01T00:00:01+04:00\n",
        "lat,lon,ele,time\n 55.75,37.62,1,1577836800\n55.76,37.63,,1577836801.5\n",
        "y,x,alt,timestamp\r\n1e1,2,3,2020-01-01T00:00:00Z\r\n1.5e1,3,4,2020-01-01T00:00:01.5Z\r\n",
        "lat,lon,time\n1,2,2020-01-01 00:00:00\n1,2,\n",
        "lat,lon,ele\n1,2,\n3,4,\n",
        "leg_id,index,latitude,longitude,altitude,time,gpx:hr\n"
        + "".join(f"{'x' * 70}{i // 2},{i},1,2,3,2020-01-01T00:00:0{i}Z,{i}\n" for i in range(4)),
        "lat,lon,name,torchrelay:neutralised\n1,2,'=x,\n3,4,'''y,\n",
        'lat,lon,name,torchrelay:neutralised\n1,2,"\'=x",\n',
        "lat;lon;ele\n55,75;37,62;1,5\n55,5;37;-2\n",
        "lat,lon,ele\n 1,2,3\n",
        "lat,lon,time\n1,2,1577836800\n1,2,1577836801\n",
        "lat,lon,time\n1,2,2020-01-01T00:00:00+04:00\n1,2,2020-01-01T00:00:00+05:00\n",
    ],
    ids=[
        "decimal-commas",
        "spaces-and-seconds",
        "crlf-exponents",
        "no-offset",
        "no-altitude",
        "long-ids",
        "marked",
        "marked-and-quoted",
        "decimal-comma-block",
        "padded-block",
        "posix-seconds",
        "two-offsets",
    ],
)
def test_dialects_read_alike_both_ways(text: str) -> None:
    """Decimal commas, padded numbers, CRLF, mixed times, long ids, marked files: both ways agree."""
    fast, slow = relay_csv.loads(text), _slow(text)
    assert fast == slow
    path = fast.legs[0].path
    assert path is not None
    assert np.isfinite(path.latitudes).all()


def test_a_big_track_reads_fast_and_whole(tmp_path: pathlib.Path) -> None:
    """A logger's 50,000 rows come back exactly, through torchrelay.load."""
    n = 50_000
    lat = np.round(np.linspace(55.0, 56.0, n), 7)
    target = tmp_path / "big.csv"
    pairs = zip(lat.tolist(), lat[::-1].tolist(), strict=True)
    rows = "".join(f"{a!r},{b!r},{i}\n" for i, (a, b) in enumerate(pairs))
    target.write_text("lat,lon,ele\n" + rows, encoding="utf-8")
    path = torchrelay.load(target).legs[0].path
    assert path is not None
    assert np.array_equal(path.latitudes, lat)
    assert np.array_equal(path.longitudes, lat[::-1])
    assert path.altitudes is not None
    assert path.altitudes[-1] == n - 1
