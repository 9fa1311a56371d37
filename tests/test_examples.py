"""Every script in examples/ runs, so the examples cannot rot."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

EXAMPLES = sorted((pathlib.Path(__file__).resolve().parents[1] / "examples").glob("*.py"))


def test_there_are_examples() -> None:
    """The examples folder is not empty (a glob that finds nothing would pass every test below)."""
    assert len(EXAMPLES) >= 8


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_runs(script: pathlib.Path, tmp_path: pathlib.Path) -> None:
    """The example exits 0 and prints something, run from a folder other than the checkout."""
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


def test_where_example_answers_the_question() -> None:
    """The where-was-the-flame example finds the spacewalk with the unlit torch at 18:40 Moscow time."""
    script = next(p for p in EXAMPLES if p.name == "where_was_the_flame.py")
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    assert "2013-11-09T14:40:00+00:00" in out
    assert "branch space: Spacewalk" in out
    assert "torch unlit" in out


def test_tutorial_example_builds_a_clean_relay(tmp_path: pathlib.Path) -> None:
    """The tutorial's script ends with no warnings and a file that reads back."""
    script = next(p for p in EXAMPLES if p.name == "tutorial_relay.py")
    out_file = tmp_path / "mine.relay.json"
    out = subprocess.run(
        [sys.executable, str(script), str(out_file)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=tmp_path,
    ).stdout
    assert "validation: {'error': 0, 'warning': 0, 'info': 4}" in out
    assert "the flame was on_leg on canicross" in out
    assert out_file.exists()


def _run(name: str, cwd: pathlib.Path, *args: str) -> str:
    script = next(p for p in EXAMPLES if p.name == name)
    return subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
        cwd=cwd,
    ).stdout


def test_london_example_finds_the_fastest_day(tmp_path: pathlib.Path) -> None:
    """The London example reads the 70 days of tracks and names a fastest and a slowest day."""
    out = _run("london_fastest_day.py", tmp_path)
    assert "70 days with moving stretches" in out
    assert "fastest: day " in out
    assert "slowest: day " in out


def test_convert_example_writes_every_format(tmp_path: pathlib.Path) -> None:
    """The conversion example writes native, GeoJSON, GPX and CSV files that read back."""
    out = _run("convert_formats.py", tmp_path, str(tmp_path))
    for name in ("sochi.relay.json", "sochi.geojson", "sochi.gpx", "sochi.csv"):
        assert (tmp_path / name).stat().st_size > 0
        assert f"{name}: " in out
    assert "sochi.geojson: " in out
    assert out.startswith(f"writing into {tmp_path}\n")
    assert out.count("read back: 365 main-line legs") == 4


def test_pictures_example_draws_three_files(tmp_path: pathlib.Path) -> None:
    """The pictures example writes a PNG, an SVG and a PDF."""
    _run("draw_pictures.py", tmp_path, str(tmp_path))
    assert (tmp_path / "sochi-map.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "sochi-timeline.svg").read_bytes().startswith(b"<?xml")
    assert (tmp_path / "sochi-profile.pdf").read_bytes().startswith(b"%PDF")


def test_gpx_example_cleans_the_track(tmp_path: pathlib.Path) -> None:
    """The GPX example drops the repeated point and leaves only the lineage finding."""
    out = _run("gpx_import.py", tmp_path)
    assert "as imported: ['TR408']" in out
    assert "cleaned: 4 -> 3 points" in out
    assert "after: ['TR203']" in out


def test_google_earth_example_writes_a_kmz(tmp_path: pathlib.Path) -> None:
    """The Google Earth example writes a KMZ of Sochi 2014 whose doc.kml has a folder a branch."""
    import zipfile

    target = tmp_path / "sochi.kmz"
    out = _run("google_earth.py", tmp_path / "..", str(target))
    assert f"wrote {target}" in out
    assert "not in the file: nothing" in out
    assert "376 placemarks, 4 folders" in out
    assert "read back: 365 main-line legs, 4 branches" in out
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["doc.kml"]
