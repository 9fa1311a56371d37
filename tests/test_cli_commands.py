"""Every subcommand run as a user runs it: a subprocess, its output, its status and its stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path as FilePath

import pytest

from torchrelay import dump
from torchrelay.datasets import demo_relay, sochi_2014

COMMAND = [sys.executable, "-m", "torchrelay"]


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*COMMAND, *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def sochi_file(tmp_path_factory: pytest.TempPathFactory) -> FilePath:
    path = tmp_path_factory.mktemp("cli") / "sochi.relay.json"
    dump(sochi_2014(), path)
    return path


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> FilePath:
    path = tmp_path_factory.mktemp("cli") / "demo.relay.json"
    dump(demo_relay(), path)
    return path


def _one_line(result: subprocess.CompletedProcess[bytes]) -> str:
    err = result.stderr.decode()
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(
    "command",
    ["demo", "info", "validate", "convert", "where", "formats", "map", "timeline", "profile"],
)
def test_every_help_has_examples(command: str) -> None:
    """Each subcommand's --help shows examples that use the subcommand."""
    result = run(command, "--help")
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "Examples:" in out
    assert f"torchrelay {command}" in out.split("Examples:")[1]


def test_info_text_and_json(sochi_file: FilePath) -> None:
    """info prints a summary, and a documented JSON shape with ISO times and distances."""
    text = run("info", str(sochi_file))
    assert text.returncode == 0, text.stderr
    assert text.stdout.decode().startswith("Sochi 2014 Olympic Torch Relay\n")
    result = run("info", "--format", "json", str(sochi_file))
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    assert facts["name"] == "Sochi 2014 Olympic Torch Relay"
    relay = sochi_2014()
    zone = relay.reference_timezone()
    assert facts["timezone"] == zone == "Europe/Moscow"
    assert facts["start"] == relay.starts.in_tz(zone).isoformat()  # type: ignore[union-attr]
    assert facts["start"].endswith("+04:00")
    assert facts["end"] == relay.ends.in_tz(zone).isoformat()  # type: ignore[union-attr]
    assert facts["days"] == sochi_2014().length_in_days()
    assert facts["legs"] == sum(1 for _ in sochi_2014().all_legs())
    assert {b["name"] for b in facts["branches"]} == {"north-pole", "elbrus", "baikal", "space"}
    assert facts["distance_m"] == pytest.approx(sochi_2014().distance().meters)
    by_mode = facts["distance_by_mode_m"]
    assert by_mode["plane"] > 1_000_000
    assert all(meters > 0 for meters in by_mode.values())
    assert sum(facts["distance_by_basis_m"].values()) == pytest.approx(facts["distance_m"])
    assert facts["disagreeing_claims"], "Sochi's sources disagree on some figures"


def test_info_reads_standard_input(demo_file: FilePath) -> None:
    """- reads standard input, and the format is sniffed from its first bytes."""
    result = run("info", "--format", "json", "-", stdin=demo_file.read_bytes())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["name"] == demo_relay().name


def test_validate_format_json_and_alias(demo_file: FilePath) -> None:
    """--format json prints the report; --json is the same."""
    a = run("validate", "--format", "json", str(demo_file))
    b = run("validate", "--json", str(demo_file))
    assert a.returncode == b.returncode == 0
    assert json.loads(a.stdout) == json.loads(b.stdout)


def test_a_closed_pipe_ends_quietly_with_the_status(sochi_file: FilePath) -> None:
    """`torchrelay validate --format json x | head -1` exits 0 with nothing on stderr."""
    shell = (
        f"{sys.executable} -m torchrelay validate --format json {sochi_file} | head -c 1 "
        "> /dev/null; echo ${PIPESTATUS[0]}"
    )
    done = subprocess.run(["bash", "-c", shell], capture_output=True, timeout=120, check=False)
    assert done.stdout.decode().strip() == "0"
    assert done.stderr == b""


def test_a_full_disk_is_one_line_and_status_2() -> None:
    """Writing to /dev/full ends with one line on stderr and exit 2, no traceback."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [*COMMAND, "demo"], stdout=full, stderr=subprocess.PIPE, timeout=120, check=False
        )
    assert result.returncode == 2
    err = _one_line(result)
    assert err == "torchrelay demo: cannot write the output: the disk is full\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["info", "missing.json"], "torchrelay info: missing.json: no such file"),
        (["info", "."], "torchrelay info: .: is a directory, not a relay file"),
        (["validate", "--from", "shapefile", "x.json"], "--from shapefile: no such format"),
        (["where", "missing.json", "--at", "2013-10-19T12:00:00+04:00"], "no such file"),
        (["convert", "missing.json", "out.json"], "torchrelay convert: missing.json: no such file"),
        (["demo", "atlantis"], "no built-in relay 'atlantis'"),
    ],
)
def test_bad_input_is_one_line_and_status_2(
    tmp_path: FilePath, args: list[str], message: str
) -> None:
    """A missing file, a folder or an unknown name: one line naming it, exit 2."""
    result = subprocess.run(
        [*COMMAND, *args], cwd=tmp_path, capture_output=True, timeout=120, check=False
    )
    assert result.returncode == 2
    assert message in _one_line(result)


def test_unknown_format_speaks_of_from(tmp_path: FilePath) -> None:
    """A file of no known format is told to use --from, never the API's format=."""
    odd = tmp_path / "notes.txt"
    odd.write_text("hello")
    err = _one_line(run("info", str(odd)))
    assert "give --from FORMAT" in err
    assert "format=" not in err
    err = _one_line(run("info", "--from", "shapefile", str(odd)))
    assert "--from shapefile: no such format" in err


def test_a_parse_error_names_the_file_and_the_problems(tmp_path: FilePath) -> None:
    """A broken file: one line with its name and what is wrong."""
    bad = tmp_path / "bad.relay.json"
    bad.write_text('{"format": "torchrelay", "version": 2, "name": ')
    result = run("validate", str(bad))
    assert result.returncode == 2
    err = _one_line(result)
    assert "bad.relay.json" in err
    assert "line 1" in err


def test_encoding_is_refused_by_a_format_without_it(demo_file: FilePath) -> None:
    """--encoding on a native file says which formats take it, in the command's words."""
    err = _one_line(run("info", "--encoding", "cp1251", str(demo_file)))
    assert "--encoding is not an option of this file's format" in err


def test_debug_shows_the_traceback(tmp_path: FilePath) -> None:
    """--debug lets the error through, with its traceback."""
    bad = tmp_path / "bad.relay.json"
    bad.write_text("{")
    result = run("--debug", "validate", str(bad))
    assert result.returncode != 0
    assert b"Traceback" in result.stderr


def test_convert_writes_a_file_and_standard_output(tmp_path: FilePath, demo_file: FilePath) -> None:
    """convert writes OUT by its suffix, or to - with --to; the result reads back equal."""
    from torchrelay import load

    out = tmp_path / "copy.relay.json"
    result = run("convert", str(demo_file), str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert load(out) == demo_relay()
    piped = run("convert", "--to", "native", str(demo_file), "-")
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == out.read_bytes()
    refused = run("convert", str(demo_file), "-")
    assert refused.returncode == 2
    assert "needs --to FORMAT" in _one_line(refused)


def test_strict_convert_writes_nothing_and_says_why_in_one_line(
    tmp_path: FilePath, sochi_file: FilePath
) -> None:
    """``--strict`` refuses a conversion that loses data: status 2, one line, no file."""
    target = tmp_path / "sochi.csv"
    result = run("convert", "--strict", str(sochi_file), str(target))
    assert result.returncode == 2
    line = _one_line(result)
    assert line.startswith(f"torchrelay convert: {target}: not written, because --strict was given")
    assert "torchbearers" in line
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_convert_redacts(tmp_path: FilePath, sochi_file: FilePath) -> None:
    """--redact leaves no torchbearer's name in the output."""
    out = tmp_path / "redacted.relay.json"
    assert run("convert", "--redact", str(sochi_file), str(out)).returncode == 0
    names = [tb.name for tb in sochi_2014().torchbearers() if tb.name]
    assert names
    text = out.read_text("utf-8")
    assert not [name for name in names if name in text]


def test_where_tells_leg_state_and_local_time(sochi_file: FilePath) -> None:
    """where names the leg, the flame's state and the local time at an instant."""
    result = run("where", "--format", "json", str(sochi_file), "--at", "2013-10-07T12:00:00+04:00")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["status"] in {"on_leg", "between_legs"}
    assert found["local_time"].endswith("+04:00")
    assert found["leg"]
    text = run("where", str(sochi_file), "--at", "2013-10-07T08:00:00Z").stdout.decode()
    assert "status: " in text
    assert "local_time: 2013-10-07T12:00:00+04:00" in text


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("yesterday", "--at 'yesterday': not a time"),
        ("2013-10-07T12:00:00", "give the time's offset or Z"),
    ],
)
def test_where_refuses_a_bad_instant(demo_file: FilePath, at: str, message: str) -> None:
    """A bad --at is one line and status 2."""
    result = run("where", str(demo_file), "--at", at)
    assert result.returncode == 2
    assert message in _one_line(result)


def test_formats_lists_the_registry() -> None:
    """formats lists native with its suffix and what it keeps, as text and JSON."""
    text = run("formats").stdout.decode()
    assert any(line.startswith("native: .relay.json") for line in text.splitlines())
    rows = json.loads(run("formats", "--format", "json").stdout)
    native = next(r for r in rows if r["name"] == "native")
    assert ".relay.json" in native["suffixes"]
    assert "point_times" in native["keeps"]


def test_no_colour_in_pipes_or_with_no_color(sochi_file: FilePath) -> None:
    """Output in a pipe carries no escape codes, with or without NO_COLOR."""
    for env in ({}, {"NO_COLOR": "1"}):
        result = run("validate", str(sochi_file), env=env)
        assert b"\x1b[" not in result.stdout + result.stderr


@pytest.mark.parametrize("name", ["sochi-2014", "london-2012", "paris-2024"])
def test_demo_takes_every_built_in_relay(name: str) -> None:
    """demo NAME summarises each dataset that torchrelay.datasets lists."""
    from torchrelay import datasets

    assert name in datasets.names()
    result = run("demo", name)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().splitlines()[0] == datasets.load(name).name


@pytest.mark.parametrize(
    ("command", "suffix"), [("map", "svg"), ("timeline", "png"), ("profile", "pdf")]
)
def test_pictures_are_written(
    tmp_path: FilePath, demo_file: FilePath, command: str, suffix: str
) -> None:
    """map, timeline and profile write the picture their -o names, valid by its signature."""
    out = tmp_path / f"{command}.{suffix}"
    result = run(command, str(demo_file), "-o", str(out))
    assert result.returncode == 0, result.stderr
    head = out.read_bytes()[:8]
    signature = {"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF"}[suffix]
    assert head.startswith(signature)


def test_a_picture_to_standard_output_needs_to(demo_file: FilePath) -> None:
    """-o - writes the picture to stdout with --to; without it, one line and status 2."""
    result = run("map", "--to", "png", str(demo_file), "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"\x89PNG")
    refused = run("map", str(demo_file), "-o", "-")
    assert refused.returncode == 2
    assert "needs --to png, svg or pdf" in _one_line(refused)


def test_a_picture_of_an_unknown_kind_is_refused(tmp_path: FilePath, demo_file: FilePath) -> None:
    """A suffix that is no picture format: one line naming the formats, status 2, no file."""
    out = tmp_path / "map.jpg"
    result = run("map", str(demo_file), "-o", str(out))
    assert result.returncode == 2
    assert "use one of pdf, png, svg" in _one_line(result)
    assert not out.exists()


def test_what_a_reader_could_not_keep_is_said_in_the_commands_words(tmp_path: FilePath) -> None:
    """A KML NetworkLink is never fetched: the command says so on stderr, one line, no traceback."""
    source = tmp_path / "linked.kml"
    source.write_text(
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>A</name>'
        "<Point><coordinates>37.6,55.7</coordinates></Point></Placemark>"
        "<NetworkLink><name>remote</name><Link><href>http://127.0.0.1:9/x.kml</href></Link>"
        "</NetworkLink></Document></kml>",
        encoding="utf-8",
    )
    result = run("convert", str(source), str(tmp_path / "out.geojson"))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.decode().splitlines()
    assert lines == [
        f"torchrelay: {source}: read but not kept: KML NetworkLink (never fetched) "
        "(1, such as 'remote')"
    ]
    piped = run("info", "--from", "kml", "-", stdin=source.read_bytes())
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr.decode().startswith(
        "torchrelay: <stdin>: read but not kept: KML NetworkLink"
    )
