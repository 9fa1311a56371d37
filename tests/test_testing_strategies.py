"""The hypothesis strategies that torchrelay ships for its users' tests."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
import textwrap
from pathlib import Path as FilePath

import attrs
import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import torchrelay
import torchrelay.testing as trs

ATTRS_CLASSES = [
    getattr(torchrelay, name)
    for name in torchrelay.__all__
    if inspect.isclass(getattr(torchrelay, name)) and attrs.has(getattr(torchrelay, name))
]


def test_the_attrs_classes_are_found() -> None:
    """The parametrisation below covers the model's classes, so it cannot pass vacuously."""
    names = {cls.__name__ for cls in ATTRS_CLASSES}
    assert {"Coordinate", "Place", "Path", "Leg", "Relay", "Branch", "Torchbearer"} <= names


@pytest.mark.parametrize("cls", ATTRS_CLASSES, ids=lambda c: c.__name__)
# No shrinking: the failure to report is "this class has no working strategy",
# and shrinking a relay that failed to build can take minutes.
@settings(
    max_examples=5,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(data=st.data())
def test_from_type_builds_every_public_class(cls: type, data: st.DataObject) -> None:
    """st.from_type(cls) draws valid instances of every attrs class torchrelay exports.

    A new public class needs a strategy in torchrelay.testing, registered in
    torchrelay.testing._register, for this to pass.
    """
    value = data.draw(st.from_type(cls))
    assert isinstance(value, cls)
    assert repr(attrs.evolve(value)) == repr(value)  # repr: NaN fields are never == themselves


_ENTRY_POINT_CHECK = textwrap.dedent(
    """
    import sys

    from hypothesis import Phase, given, settings, strategies as st

    # Only hypothesis was imported: torchrelay is loaded by its entry point.
    relay_type = sys.modules["torchrelay"].Relay
    print(repr(st.from_type(relay_type)))
    seen = []

    @settings(max_examples=1, phases=[Phase.generate], database=None, deadline=None)
    @given(st.from_type(relay_type))
    def draw(relay):
        seen.append(relay)

    draw()
    print(type(seen[0]).__name__)
    """
)


def _run_fresh(code: str, cwd: FilePath, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HYPOTHESIS")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_strategies_are_registered_through_the_entry_point(tmp_path: FilePath) -> None:
    """In a fresh interpreter that imports only hypothesis, from_type(Relay) uses our strategy.

    This proves the ``hypothesis`` entry point in the package metadata, not
    anything this test suite registers.
    """
    result = _run_fresh(_ENTRY_POINT_CHECK, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["relays()", "Relay"]


def test_without_plugins_torchrelay_is_not_loaded(tmp_path: FilePath) -> None:
    """The check above can fail: with hypothesis' plugins off, nothing loads torchrelay."""
    result = _run_fresh(_ENTRY_POINT_CHECK, tmp_path, HYPOTHESIS_NO_PLUGINS="1")
    assert result.returncode != 0
    assert "KeyError: 'torchrelay'" in result.stderr


# what the strategies promise


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(trs.relays(max_legs=4, max_branches=1))
def test_main_line_legs_chain_in_place_and_time(relay: torchrelay.Relay) -> None:
    """Generated main-line legs start where and when the previous one ended."""
    for before, after in zip(relay.legs, relay.legs[1:], strict=False):
        assert after.origin == before.destination
        assert after.departs == before.arrives


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(trs.relays(max_legs=2, max_branches=2))
def test_branch_links_name_main_line_legs(relay: torchrelay.Relay) -> None:
    """Generated branches only link to legs that are on the main line."""
    main_ids = {leg.id for leg in relay.legs}
    for branch in relay.branches:
        assert branch.leaves_from is None or branch.leaves_from in main_ids
        assert branch.rejoins_at is None or branch.rejoins_at in main_ids


@given(trs.paths(min_points=2, max_points=6))
def test_generated_path_times_do_not_go_backwards(path: torchrelay.Path) -> None:
    """Generated paths have times that never decrease (untimed points aside), or no times."""
    if path.times is not None:
        timed = path.times[~np.isnan(path.times)]
        assert bool(np.all(np.diff(timed) >= 0))
    assert 2 <= len(path) <= 6


@given(trs.coordinates(with_altitude=True), trs.coordinates(with_altitude=False))
def test_coordinates_with_altitude_knob(
    with_alt: torchrelay.Coordinate, without: torchrelay.Coordinate
) -> None:
    """with_altitude forces an altitude in or out."""
    assert with_alt.altitude is not None
    assert without.altitude is None


@given(trs.instants())
def test_instants_are_aware_in_a_listed_zone(instant: object) -> None:
    """Generated instants carry one of the listed zones."""
    import pendulum

    assert isinstance(instant, pendulum.DateTime)
    assert instant.timezone_name in trs.TIMEZONES


def test_listed_zones_are_known() -> None:
    """Every zone the strategies draw from is an IANA zone."""
    for zone in trs.TIMEZONES:
        assert torchrelay.check_timezone(zone) == zone
