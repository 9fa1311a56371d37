"""The one rule for a leg's distance, on columns: path, straight line, declared, space apart.

A leg's distance says where it comes from (:class:`~torchrelay.DistanceBasis`):

* on the ground, on water and in the air it is *measured*: along the leg's
  path where the path has at least two points, else along the geodesic
  between origin and destination (a lower bound of the route);
* in space (:attr:`~torchrelay.TransportMode.in_space`) a ground distance means
  nothing, so it is what a source *declares*, or none.

:meth:`Leg.distance() <torchrelay.Leg.distance>` applies the rule to one leg,
and the relay's column view (``_legtable``) to every leg at once, for the
relay's sums and for validation; both call the functions below, so the figures
cannot disagree. Basis codes are small integers so that the rule runs on numpy
columns; :data:`BASES` turns a code back into its :class:`DistanceBasis`.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ._geodesy import FloatArray
from ._units import Distance, DistanceBasis

__all__ = [
    "BASES",
    "DECLARED",
    "NO_DISTANCE",
    "ON_PATH",
    "STRAIGHT",
    "CodeArray",
    "distance_of",
    "ground_distance",
    "leg_distance",
]

CodeArray = npt.NDArray[np.int8]

NO_DISTANCE, ON_PATH, STRAIGHT, DECLARED = 0, 1, 2, 3
BASES: tuple[DistanceBasis | None, ...] = (
    None,
    DistanceBasis.PATH,
    DistanceBasis.STRAIGHT_LINE,
    DistanceBasis.DECLARED,
)
"""The basis of each code: no distance, along the path, straight line, declared."""


def ground_distance(path_m: FloatArray, straight_m: FloatArray) -> tuple[FloatArray, CodeArray]:
    """Each leg's length measured on the ground, and its basis code.

    Args:
        path_m: The length along each leg's path, NaN where it has no path of
            two points or more.
        straight_m: The geodesic from each leg's origin to its destination.
    """
    on_path = ~np.isnan(path_m)
    meters = np.where(on_path, path_m, straight_m)
    return meters, np.where(on_path, ON_PATH, STRAIGHT).astype(np.int8)


def leg_distance(
    in_space: npt.NDArray[np.bool_],
    declared_m: FloatArray,
    ground_m: FloatArray,
    ground_code: CodeArray,
) -> tuple[FloatArray, CodeArray]:
    """Each leg's distance (NaN where it has none) and its basis code.

    Args:
        in_space: Whether each leg is in space.
        declared_m: What a source declares, NaN where nothing is declared.
        ground_m: What :func:`ground_distance` measured.
        ground_code: Its basis codes.
    """
    declared = np.where(np.isnan(declared_m), NO_DISTANCE, DECLARED).astype(np.int8)
    meters = np.where(in_space, declared_m, ground_m)
    return meters, np.where(in_space, declared, ground_code).astype(np.int8)


def distance_of(meters: float, code: int) -> Distance | None:
    """One figure of the rule as a :class:`Distance`, or ``None`` where the leg has none."""
    if code == NO_DISTANCE:
        return None
    return Distance(meters, basis=BASES[code])
