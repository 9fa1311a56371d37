"""Every script in examples/ runs, so the examples cannot rot."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

EXAMPLES = sorted((pathlib.Path(__file__).resolve().parents[1] / "examples").glob("*.py"))


def test_there_are_examples() -> None:
    """The examples folder is not empty (a glob that finds nothing would pass every test below)."""
    assert len(EXAMPLES) >= 6


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
