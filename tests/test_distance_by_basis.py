"""Relay.distance_by_basis: how much of a relay's distance is measured and how much declared."""

from __future__ import annotations

import pytest

from torchrelay.datasets import london_2012, sochi_2014


@pytest.mark.parametrize("load", [sochi_2014, london_2012], ids=["sochi", "london"])
def test_the_parts_add_up_to_the_distance_leg_by_leg(load: object) -> None:
    """Each basis sums the legs' own distances of that basis, and the parts make the total."""
    relay = load()  # type: ignore[operator]
    parts = relay.distance_by_basis()
    expected: dict[object, float] = {}
    for _, leg in relay.all_legs():
        if leg.mode.in_space:
            continue
        distance = leg.distance()
        if distance is not None:
            expected[distance.basis] = expected.get(distance.basis, 0.0) + distance.meters
    assert {basis: d.meters for basis, d in parts.items()} == pytest.approx(expected)
    assert all(d.basis is basis for basis, d in parts.items())
    assert sum(d.meters for d in parts.values()) == pytest.approx(relay.distance().meters)


def test_space_legs_count_only_when_asked() -> None:
    """Space legs, declared, join the parts with include_space=True."""
    relay = sochi_2014()
    without = relay.distance_by_basis()
    with_space = relay.distance_by_basis(include_space=True)
    declared = lambda parts: sum(d.meters for b, d in parts.items() if b and b.value == "declared")  # noqa: E731
    assert declared(with_space) - declared(without) == pytest.approx(relay.space_distance().meters)
