"""The command run as ``python -m torchrelay`` in this interpreter, summaries, and lazy names."""

from __future__ import annotations

import importlib
import runpy
import sys

import pytest

import torchrelay
from torchrelay import Coordinate, FlameState, Leg, Place, Relay, TransportMode
from torchrelay.cli import summarize
from torchrelay.datasets import sochi_2014


def test_python_dash_m_runs_the_command_and_exits_with_its_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Running torchrelay.__main__ as a script runs main() on sys.argv and exits with its code."""
    monkeypatch.setattr(sys, "argv", ["torchrelay", "demo"])
    monkeypatch.delitem(sys.modules, "torchrelay.__main__", raising=False)
    with pytest.raises(SystemExit) as caught:
        runpy.run_module("torchrelay.__main__", run_name="__main__")
    assert caught.value.code == 0
    assert capsys.readouterr().out.splitlines()[0] == sochi_2014().name


def test_a_relay_without_times_is_summarised_without_dates_or_days() -> None:
    """An unscheduled relay has no dates line and no relay days, but its legs and modes."""
    here = Place("Moscow", Coordinate(55.7539, 37.6208), timezone="Europe/Moscow")
    leg = Leg(here, here, None, None, TransportMode.RUNNING, FlameState.LIT_TORCH, id="a")
    lines = summarize(Relay("Unscheduled", "g", (leg,), timezone="Europe/Moscow")).splitlines()
    assert lines == [
        "Unscheduled",
        "  games: g",
        "  distance: 0 m by ground, water and air (space legs apart: 0 m)",
        "  legs: 1 on the main line, 0 on branches",
        "  modes: running (1)",
    ]


@pytest.mark.parametrize("name", ["adapters", "datasets", "exceptions", "testing", "validation"])
def test_a_public_submodule_is_loaded_by_name_on_first_use(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """torchrelay.<submodule> comes from __getattr__ when not yet bound, and is then kept."""
    module = importlib.import_module(f"torchrelay.{name}")
    monkeypatch.delattr(torchrelay, name)
    assert name not in vars(torchrelay)
    assert getattr(torchrelay, name) is module
    assert vars(torchrelay)[name] is module
