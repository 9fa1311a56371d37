"""Land outlines for orientation, shipped with the package: Natural Earth 1:110m.

Read from ``land_110m.npz`` (built by ``data-src/naturalearth/build_land.py``;
the source and its public-domain status are in ``NOTICE.md``): 287 rings of
the countries' outlines in hundredths of a degree, about 36 KB. Nothing is
fetched, ever.
"""

from __future__ import annotations

import functools
import importlib.resources
import itertools

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection

from ._geometry import FloatArray
from ._style import LAND_COLOUR

__all__ = ["draw_land", "land_rings"]


@functools.cache
def land_rings() -> tuple[FloatArray, ...]:
    """Every ring of the outlines, as (n, 2) arrays of longitude and latitude in degrees."""
    resource = importlib.resources.files(__package__).joinpath("land_110m.npz")
    with resource.open("rb") as stream, np.load(stream, allow_pickle=False) as data:
        lonlat = data["lonlat"].astype(np.float64) / 100.0
        starts = [*(int(s) for s in data["starts"]), len(lonlat)]
    rings = (lonlat[a:b] for a, b in itertools.pairwise(starts))
    return tuple(ring for ring in rings if len(ring) >= 3)


def draw_land(axes: Axes, west: float, east: float, south: float, north: float) -> None:
    """Fill the land that falls in a window of longitude and latitude, copied across 180°.

    Natural Earth's rings lie in [-180, 180]; a window past 180 (or before
    -180) shows copies moved by a whole turn. Only rings whose box meets the
    window are drawn, so files stay small.
    """
    polygons = []
    for ring in land_rings():
        lo, hi = float(ring[:, 0].min()), float(ring[:, 0].max())
        if ring[:, 1].max() < south or ring[:, 1].min() > north:
            continue
        for shift in (-360.0, 0.0, 360.0):
            if lo + shift <= east and hi + shift >= west:
                polygons.append(ring + np.array([shift, 0.0]))
    if polygons:
        axes.add_collection(
            PolyCollection(
                polygons,
                facecolors=LAND_COLOUR,
                edgecolors="#c9c3b0",
                linewidths=0.3,
                zorder=0,
                label="_land",
            ),
            autolim=False,
        )
