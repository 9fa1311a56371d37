"""Arcs of longitude: the shortest one that covers several, across the antimeridian if shorter.

Longitudes lie on a circle, so the extent of a set of them is not their
minimum and maximum: points at 170°E and 170°W are 20° apart across 180°, not
340°. RFC 7946 (section 5.2) writes such an extent with its west edge greater
than its east edge. This one calculation serves every box in the package:
:class:`~torchrelay.BoundingBox` (legs, paths, relays), the ``bbox`` members
the GeoJSON writer and ``__geo_interface__`` put out, and the window of the
route map, so that all of them agree on where a route runs.
"""

from __future__ import annotations

import numpy as np

from ._columns import FloatArray

__all__ = ["arc_hull", "interval_hull", "points_arc", "wrap"]

WORLD = (-180.0, 180.0)


def wrap(delta: FloatArray) -> FloatArray:
    """Longitude differences brought into [-180, 180)."""
    return np.mod(delta + 180.0, 360.0) - 180.0


def arc_hull(starts: FloatArray, ends: FloatArray, widths: FloatArray) -> tuple[float, float]:
    """The shortest arc of longitude that covers every arc, as its west and east edges.

    Each arc runs eastward from its start to its end, *widths* degrees; an end
    west of its start crosses the antimeridian. The result crosses it where
    its west edge is greater than its east edge (RFC 7946 §5.2); it is
    ``(-180, 180)`` where the arcs leave no gap, or for no arcs. Edges come out
    as given, not recomputed, so no rounding creeps in; where two gaps are as
    wide, the one across the antimeridian is left out.
    """
    if len(starts) == 0 or float(widths.max(initial=0.0)) >= 360.0:
        return WORLD
    crossing = (ends < starts) | ((ends == starts) & (widths > 0.0))
    lo = np.concatenate((starts, np.full(int(crossing.sum()), -180.0)))
    hi = np.concatenate((np.where(crossing, 180.0, ends), ends[crossing]))
    order = np.argsort(lo, kind="stable")
    lo, hi = lo[order], hi[order]
    # The uncovered gaps lie where the next start passes the reach so far; the
    # box is the circle less the widest gap.
    reach = np.maximum.accumulate(hi)
    gaps = lo[1:] - reach[:-1]
    wrap_gap = (float(lo[0]) + 360.0) - float(reach[-1])
    best = int(np.argmax(gaps)) if len(gaps) else -1
    if best >= 0 and float(gaps[best]) > wrap_gap:
        west, east = float(lo[best + 1]), float(reach[best])
    elif wrap_gap <= 0.0:
        return WORLD
    else:
        west, east = float(lo[0]), float(reach[-1])
    if east == -180.0 and west > -180.0:
        east = 180.0
    return west, east


def interval_hull(wests: FloatArray, easts: FloatArray) -> tuple[float, float]:
    """The shortest arc around boxes' longitude edges, each crossing 180° where west > east.

    A box of one longitude (west equal to east) is a point, not the whole
    circle; a box from -180 to 180 is the whole circle.
    """
    wests = np.asarray(wests, dtype=np.float64)
    easts = np.asarray(easts, dtype=np.float64)
    widths = np.where((wests == -180.0) & (easts == 180.0), 360.0, np.mod(easts - wests, 360.0))
    starts = np.where(wests == 180.0, -180.0, wests)
    ends = np.where((easts == -180.0) & (widths > 0.0), 180.0, easts)
    return arc_hull(starts, ends, widths)


def points_arc(lons: FloatArray) -> tuple[float, float]:
    """The shortest arc that holds every longitude, its east edge unwrapped to be ≥ its west.

    Longitudes may be unwrapped (past ±180); the west edge is in [-180, 180).

    For drawing: an arc from 150 to 200 holds Chukotka and Alaska. The whole
    world, ``(-180, 180)``, for no longitudes.
    """
    given = np.asarray(lons, dtype=np.float64)
    outside = (given < -180.0) | (given > 180.0)
    if outside.any():  # only those: wrapping costs a rounding
        given = np.where(outside, wrap(given), given)
    west, east = arc_hull(given, given, np.zeros(len(given)))
    if east < west:
        east += 360.0
    if west == 180.0:  # the same meridian as -180, which is in range
        west, east = -180.0, east - 360.0
    return west, east
