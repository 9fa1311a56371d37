"""How the pictures tell things apart: a colour for each mode and flame state, a line, a hatch.

The tables are fixed (not drawn from matplotlib's colour cycle), so a mode has
the same colour in every picture and every relay, and a picture does not
change when another mode is added.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

from .._modes import FlameState, Medium, TransportMode

__all__ = [
    "CANCELLED_COLOUR",
    "FLAME_COLOURS",
    "FLAME_LABELS",
    "FLAME_LINESTYLES",
    "GAP_COLOUR",
    "LAND_COLOUR",
    "MEDIUM_HATCHES",
    "REST_COLOUR",
    "label",
    "mode_colour",
]

# matplotlib's "tab20" and "tab20b" colours, written out so that the table
# does not depend on a colormap's name or version.
_PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896",
    "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5", "#393b79",
    "#637939", "#8c6d31", "#843c39", "#7b4173", "#5254a3", "#8ca252", "#bd9e39",
    "#ad494a", "#a55194", "#6b6ecf", "#b5cf6b", "#e7ba52",
)  # fmt: skip
_MODE_COLOURS = {mode: _PALETTE[i % len(_PALETTE)] for i, mode in enumerate(TransportMode)}
_MODE_COLOURS[TransportMode.UNKNOWN] = "#555555"
_MODE_COLOURS[TransportMode.OTHER] = "#999999"


def mode_colour(mode: TransportMode) -> str:
    """The colour a mode is drawn in, the same in every picture."""
    colour: str = _MODE_COLOURS[mode]
    return colour


def label(value: TransportMode | FlameState | Medium) -> str:
    """A choice's value as a reader would write it: ``dog_sled`` is "dog sled"."""
    text: str = value.value
    return text.replace("_", " ")


LineStyle = Literal["-", "--", "-.", ":"] | tuple[float, tuple[float, ...]]

FLAME_LINESTYLES: Mapping[FlameState, LineStyle] = MappingProxyType(
    {
        FlameState.LIT_TORCH: "-",
        FlameState.CAULDRON: "-",
        FlameState.FLARE: "-.",
        FlameState.LANTERN: "--",
        FlameState.UNLIT: ":",
        FlameState.UNKNOWN: (0, (3, 2, 1, 2, 1, 2)),
    }
)
"""The line a leg is drawn with on the map, by what carried the flame."""

FLAME_LABELS: Mapping[FlameState, str] = MappingProxyType(
    {
        FlameState.LIT_TORCH: "lit torch",
        FlameState.CAULDRON: "cauldron",
        FlameState.FLARE: "flare (under water)",
        FlameState.LANTERN: "lantern",
        FlameState.UNLIT: "unlit",
        FlameState.UNKNOWN: "flame state unknown",
    }
)
"""How the legends name each flame state."""

FLAME_COLOURS: Mapping[FlameState, str] = MappingProxyType(
    {
        FlameState.LIT_TORCH: "#e4572e",
        FlameState.CAULDRON: "#a4161a",
        FlameState.FLARE: "#f3a712",
        FlameState.LANTERN: "#29335c",
        FlameState.UNLIT: "#b8b8b8",
        FlameState.UNKNOWN: "#6c757d",
    }
)
"""The colour of a leg's bar on the timeline, by what carried the flame."""

MEDIUM_HATCHES: Mapping[Medium, str] = MappingProxyType(
    {
        Medium.GROUND: "",
        Medium.WATER: "---",
        Medium.UNDERWATER: "ooo",
        Medium.AIR: "///",
        Medium.SPACE: "...",
    }
)
"""The pattern of a leg's bar on the timeline, by what its mode moves through."""

LAND_COLOUR = "#e8e4d8"
REST_COLOUR = "#d8f0d8"
GAP_COLOUR = "#f2f2f2"
CANCELLED_COLOUR = "#c1121f"
