"""Transport modes and flame states: facts kept as one table."""

from __future__ import annotations

import math

import pytest

from torchrelay import MODE_TABLE, FlameSource, FlameState, Medium, ModeInfo, TransportMode


def test_every_mode_has_a_row() -> None:
    """MODE_TABLE has exactly one row for every TransportMode, and nothing else."""
    assert set(MODE_TABLE) == set(TransportMode)
    assert all(isinstance(row, ModeInfo) for row in MODE_TABLE.values())


@pytest.mark.parametrize("mode", list(TransportMode), ids=lambda m: m.value)
def test_mode_properties_read_the_table(mode: TransportMode) -> None:
    """A mode's medium, open_flame and speed range are its table row."""
    row = MODE_TABLE[mode]
    assert mode.info is row
    assert mode.medium is row.medium
    assert mode.open_flame is row.open_flame
    assert mode.speed_range_kmh == (row.min_speed_kmh, row.max_speed_kmh)


@pytest.mark.parametrize("mode", list(TransportMode), ids=lambda m: m.value)
def test_speed_ranges_are_ordered(mode: TransportMode) -> None:
    """Every speed range runs from a non-negative minimum up to a maximum no smaller."""
    low, high = mode.speed_range_kmh
    assert not math.isnan(low)
    assert not math.isnan(high)
    assert 0.0 <= low <= high


@pytest.mark.parametrize("mode", [TransportMode.SPACEWALK, TransportMode.SPACECRAFT])
def test_space_modes(mode: TransportMode) -> None:
    """Space has no oxygen: space modes are Medium.SPACE and carry no open flame."""
    assert mode.medium is Medium.SPACE
    assert not mode.open_flame


def test_diving_is_underwater_without_open_flame() -> None:
    """The Baikal dive went under water, where only a flare burns."""
    assert TransportMode.DIVING.medium is Medium.UNDERWATER
    assert not TransportMode.DIVING.open_flame


def test_icebreaker_is_water() -> None:
    """The icebreaker to the North Pole travelled on water."""
    assert TransportMode.ICEBREAKER.medium is Medium.WATER


def test_planes_carry_no_open_flame() -> None:
    """Safety rules forbid an open flame inside a plane; the flame flies in a lantern."""
    assert TransportMode.PLANE.medium is Medium.AIR
    assert not TransportMode.PLANE.open_flame


def test_on_foot() -> None:
    """Running is on foot; a car is not."""
    assert TransportMode.RUNNING.on_foot
    assert TransportMode.WALKING.on_foot
    assert not TransportMode.CAR.on_foot
    assert not TransportMode.PLANE.on_foot


def test_only_ground_modes_are_on_foot() -> None:
    """Nobody carries the flame on foot through the air, water or space."""
    assert all(m.medium is Medium.GROUND for m in TransportMode if m.on_foot)


def test_the_fastest_plausible_runner() -> None:
    """A running leg faster than 25 km/h on average is beyond a marathon record."""
    assert TransportMode.RUNNING.speed_range_kmh[1] == 25.0


def test_modes_round_trip_through_their_values() -> None:
    """Every mode is found again from its value, as formats store it."""
    for mode in TransportMode:
        assert TransportMode(mode.value) is mode
    assert len({m.value for m in TransportMode}) == len(TransportMode)


def test_flame_states() -> None:
    """Only UNLIT and UNKNOWN are not known to burn; torches and cauldrons burn in the open."""
    assert [s for s in FlameState if not s.burning] == [FlameState.UNLIT, FlameState.UNKNOWN]
    assert FlameState.LIT_TORCH.open_flame
    assert FlameState.CAULDRON.open_flame
    assert not FlameState.LANTERN.open_flame
    assert not FlameState.FLARE.open_flame
    assert not FlameState.UNLIT.open_flame


def test_flame_sources() -> None:
    """A lighter or an unknown source breaks the Olympic lineage; the rest keep it."""
    assert {s for s in FlameSource if not s.olympic} == {FlameSource.LIGHTER, FlameSource.UNKNOWN}


def test_mode_info_is_frozen() -> None:
    """The table's rows cannot be changed in place."""
    with pytest.raises(AttributeError):
        MODE_TABLE[TransportMode.RUNNING].max_speed_kmh = 100.0  # type: ignore[misc]
