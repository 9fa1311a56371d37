"""The torchrelay command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path as FilePath

import pytest

import torchrelay
from torchrelay import cli


def _demo_name() -> str:
    from torchrelay.datasets import sochi_2014

    return sochi_2014().name


def test_demo_prints_the_relay_and_returns_0(capsys: pytest.CaptureFixture[str]) -> None:
    """``torchrelay demo`` prints a summary that starts with the relay's name, and succeeds."""
    assert cli.main(["demo"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == _demo_name()
    assert "  games: " in out
    assert "  legs: " in out
    assert err == ""


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """``--version`` prints the installed version and returns 0, without SystemExit."""
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"torchrelay {torchrelay.__version__}"


def test_unknown_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown command is a usage error: exit status 2 and a message on stderr."""
    assert cli.main(["teleport"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "No such command 'teleport'" in captured.err
    assert "Try 'torchrelay --help'" in captured.err


def test_no_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A command is required: the help goes to stderr and the status is 2."""
    assert cli.main([]) == 2
    err = capsys.readouterr().err
    assert "Usage: torchrelay" in err
    assert "Examples:" in err


def test_python_dash_m(tmp_path: FilePath) -> None:
    """``python -m torchrelay demo`` runs the same command in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-m", "torchrelay", "demo"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == _demo_name()


def test_python_dash_m_passes_the_exit_status(tmp_path: FilePath) -> None:
    """``python -m torchrelay`` exits with the command's status, 2 for a bad command."""
    result = subprocess.run(
        [sys.executable, "-m", "torchrelay", "teleport"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    assert "No such command" in result.stderr


def test_summary_counts_dates_in_the_reference_zone() -> None:
    """Without a declared zone, the summary's dates are in the zone relay days are counted in."""
    from torchrelay import Coordinate, FlameState, Leg, Place, Relay, TransportMode, local_datetime

    moscow = Place("Moscow", Coordinate(55.7539, 37.6208), timezone="Europe/Moscow")
    # 00:30 to 01:30 in Moscow on 7 Oct is still 6 Oct in UTC.
    leg = Leg(
        moscow,
        moscow,
        local_datetime(2013, 10, 7, 0, 30, tz="Europe/Moscow"),
        local_datetime(2013, 10, 7, 1, 30, tz="Europe/Moscow"),
        TransportMode.RUNNING,
        FlameState.LIT_TORCH,
    )
    relay = Relay("r", None, [leg])
    assert relay.reference_timezone() == "Europe/Moscow"
    text = cli.summarize(relay)
    assert "  dates: 2013-10-07 to 2013-10-07 (1 calendar days, Europe/Moscow)" in text
    assert "relay days: 1, counting day 1 as the first departure (Europe/Moscow)" in text
