"""How the flame travels, and in what state.

The facts about each transport mode live in one table, :data:`MODE_TABLE`, so
that validation rules and the docs read the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from ._convert import Choice

__all__ = ["FlameSource", "FlameState", "Medium", "ModeInfo", "TransportMode"]


class Medium(Choice):
    """What a mode of transport moves through.

    .. versionadded:: 0.1.0
    """

    GROUND = "ground"
    WATER = "water"
    UNDERWATER = "underwater"
    AIR = "air"
    SPACE = "space"


@attrs.frozen
class ModeInfo:
    """What torchrelay knows about a transport mode.

    Attributes:
        medium: What the mode moves through.
        open_flame: Whether an open flame can burn while travelling this way.
            It cannot in space (no oxygen), under water, or inside a plane or a
            spacecraft, where safety rules forbid one; a lantern can travel
            where the rules allow it, which validation checks separately.
        min_speed_kmh: The slowest average speed that is plausible over a leg.
        max_speed_kmh: The fastest average speed that is plausible over a leg.

    .. versionadded:: 0.1.0
    """

    medium: Medium
    open_flame: bool
    min_speed_kmh: float
    max_speed_kmh: float


class TransportMode(Choice):
    """How a leg of a relay travels.

    Each member knows its :attr:`medium`, whether an :attr:`open_flame` can
    burn in it, and a plausible :attr:`speed_range_kmh`, all read from
    :data:`MODE_TABLE`.

    >>> TransportMode.ICEBREAKER.medium
    <Medium.WATER: 'water'>
    >>> TransportMode.SPACEWALK.open_flame
    False

    .. versionadded:: 0.1.0
    """

    WALKING = "walking"
    RUNNING = "running"
    CANICROSS = "canicross"
    HORSE = "horse"
    TROIKA = "troika"
    REINDEER_SLEIGH = "reindeer_sleigh"
    DOG_SLED = "dog_sled"
    CAMEL = "camel"
    SNOWMOBILE = "snowmobile"
    BICYCLE = "bicycle"
    SKIS = "skis"
    ROLLER_SKIS = "roller_skis"
    SNOWBOARD = "snowboard"
    CLIMBING = "climbing"
    CAR = "car"
    BUS = "bus"
    ALL_TERRAIN_VEHICLE = "all_terrain_vehicle"
    TRAIN = "train"
    PLANE = "plane"
    HELICOPTER = "helicopter"
    BOAT = "boat"
    SHIP = "ship"
    ICEBREAKER = "icebreaker"
    DIVING = "diving"
    JETPACK = "jetpack"
    BALLOON = "balloon"
    CABLE_CAR = "cable_car"
    FUNICULAR = "funicular"
    SPACECRAFT = "spacecraft"
    SPACEWALK = "spacewalk"
    OTHER = "other"
    UNKNOWN = "unknown"

    @property
    def info(self) -> ModeInfo:
        """The row of :data:`MODE_TABLE` for this mode."""
        return MODE_TABLE[self]

    @property
    def medium(self) -> Medium:
        """What this mode moves through."""
        return MODE_TABLE[self].medium

    @property
    def open_flame(self) -> bool:
        """Whether an open flame can burn while travelling this way."""
        return MODE_TABLE[self].open_flame

    @property
    def speed_range_kmh(self) -> tuple[float, float]:
        """The plausible average speed over a leg, slowest and fastest, in km/h."""
        row = MODE_TABLE[self]
        return (row.min_speed_kmh, row.max_speed_kmh)

    @property
    def on_foot(self) -> bool:
        """Whether a person carries the flame under their own power.

        Sources count "distance on foot" separately from distance by vehicle;
        this is the line between them.
        """
        return self in _ON_FOOT

    @property
    def in_space(self) -> bool:
        """Whether this mode travels in space (:attr:`Medium.SPACE`), where ground distance means nothing.

        The one test of "is this leg in space?": distances, speeds and
        validation all ask it.

        .. versionadded:: 0.1.0
        """  # noqa: E501
        return self in _IN_SPACE


_ON_FOOT = frozenset(
    {
        TransportMode.WALKING,
        TransportMode.RUNNING,
        TransportMode.CANICROSS,
        TransportMode.SKIS,
        TransportMode.ROLLER_SKIS,
        TransportMode.SNOWBOARD,
        TransportMode.CLIMBING,
    }
)

# Speeds are averages over a whole leg, not peaks. Sources: a fast marathon is
# about 21 km/h; the icebreaker 50 Let Pobedy made 15.3 kn (28 km/h) to the Pole;
# low Earth orbit is about 7.7 km/s (27,700 km/h).
_G, _W, _U, _A, _S = Medium.GROUND, Medium.WATER, Medium.UNDERWATER, Medium.AIR, Medium.SPACE
_INF = float("inf")
_MODE_ROWS: dict[TransportMode, ModeInfo] = {
    TransportMode.WALKING: ModeInfo(_G, True, 0.0, 8.0),
    TransportMode.RUNNING: ModeInfo(_G, True, 0.0, 25.0),
    TransportMode.CANICROSS: ModeInfo(_G, True, 0.0, 30.0),
    TransportMode.HORSE: ModeInfo(_G, True, 0.0, 60.0),
    TransportMode.TROIKA: ModeInfo(_G, True, 0.0, 50.0),
    TransportMode.REINDEER_SLEIGH: ModeInfo(_G, True, 0.0, 40.0),
    TransportMode.DOG_SLED: ModeInfo(_G, True, 0.0, 45.0),
    TransportMode.CAMEL: ModeInfo(_G, True, 0.0, 40.0),
    TransportMode.SNOWMOBILE: ModeInfo(_G, True, 0.0, 120.0),
    TransportMode.BICYCLE: ModeInfo(_G, True, 0.0, 60.0),
    TransportMode.SKIS: ModeInfo(_G, True, 0.0, 60.0),
    TransportMode.ROLLER_SKIS: ModeInfo(_G, True, 0.0, 40.0),
    TransportMode.SNOWBOARD: ModeInfo(_G, True, 0.0, 80.0),
    TransportMode.CLIMBING: ModeInfo(_G, True, 0.0, 5.0),
    TransportMode.CAR: ModeInfo(_G, True, 0.0, 200.0),
    TransportMode.BUS: ModeInfo(_G, True, 0.0, 130.0),
    TransportMode.ALL_TERRAIN_VEHICLE: ModeInfo(_G, True, 0.0, 80.0),
    TransportMode.TRAIN: ModeInfo(_G, True, 0.0, 350.0),
    TransportMode.PLANE: ModeInfo(_A, False, 0.0, 1100.0),
    TransportMode.HELICOPTER: ModeInfo(_A, False, 0.0, 350.0),
    TransportMode.BOAT: ModeInfo(_W, True, 0.0, 100.0),
    TransportMode.SHIP: ModeInfo(_W, True, 0.0, 60.0),
    TransportMode.ICEBREAKER: ModeInfo(_W, True, 0.0, 40.0),
    TransportMode.DIVING: ModeInfo(_U, False, 0.0, 10.0),
    TransportMode.JETPACK: ModeInfo(_A, True, 0.0, 100.0),
    TransportMode.BALLOON: ModeInfo(_A, True, 0.0, 200.0),
    TransportMode.CABLE_CAR: ModeInfo(_A, True, 0.0, 50.0),
    TransportMode.FUNICULAR: ModeInfo(_G, True, 0.0, 50.0),
    TransportMode.SPACECRAFT: ModeInfo(_S, False, 0.0, 40_300.0),
    TransportMode.SPACEWALK: ModeInfo(_S, False, 0.0, 28_500.0),
    TransportMode.OTHER: ModeInfo(_G, True, 0.0, _INF),
    TransportMode.UNKNOWN: ModeInfo(_G, True, 0.0, _INF),
}
MODE_TABLE: Mapping[TransportMode, ModeInfo] = MappingProxyType(_MODE_ROWS)
"""The facts about every :class:`TransportMode`, as data (a read-only mapping).

.. versionadded:: 0.1.0
"""


class FlameState(Choice):
    """What carries the flame on a leg.

    >>> FlameState.UNLIT.burning
    False

    .. versionadded:: 0.1.0
    """

    LIT_TORCH = "lit_torch"
    """A torch with the Olympic flame burning in the open."""
    LANTERN = "lantern"
    """The flame kept in a closed safety lamp, as on flights and the icebreaker."""
    FLARE = "flare"
    """A burner that stays alight under water, as in the Lake Baikal dive."""
    CAULDRON = "cauldron"
    """The flame burning in a cauldron at a ceremony."""
    UNLIT = "unlit"
    """A torch carried without flame, as on the spacewalk."""
    UNKNOWN = "unknown"
    """Sources do not say, as for a track imported from a GPS watch.

    Validation counts an unknown state as neither burning nor unlit: it
    reports the leg instead of guessing.
    """

    @property
    def burning(self) -> bool:
        """Whether the flame is known to be alight in this state."""
        return self not in (FlameState.UNLIT, FlameState.UNKNOWN)

    @property
    def open_flame(self) -> bool:
        """Whether the flame burns in the open air, as a torch or cauldron does."""
        return self in (FlameState.LIT_TORCH, FlameState.CAULDRON)


class FlameSource(Choice):
    """Where a flame was lit from.

    Every lighting names its source so that the flame's lineage can be traced
    back to Olympia; :attr:`LIGHTER` records a flame that was not the Olympic one.

    .. versionadded:: 0.1.0
    """

    SUN = "sun"
    """The sun's rays in a parabolic mirror, as at Olympia."""
    PREVIOUS = "previous"
    """The flame of the leg before, passed torch to torch (the usual case)."""
    LANTERN = "lantern"
    """A copy of the flame kept in a lantern."""
    CAULDRON = "cauldron"
    """A cauldron that holds the Olympic flame."""
    LIGHTER = "lighter"
    """A lighter or match: not the Olympic flame."""
    UNKNOWN = "unknown"
    """Sources do not say."""

    @property
    def olympic(self) -> bool:
        """Whether a flame lit from this source can be the Olympic flame."""
        return self not in (FlameSource.LIGHTER, FlameSource.UNKNOWN)


# A tuple, not a set: ``in`` tests identity first, and enum hashing is slow.
_IN_SPACE = tuple(m for m, row in _MODE_ROWS.items() if row.medium is Medium.SPACE)
