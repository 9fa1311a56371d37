"""Geodesy targets: path length against pyproj, accuracy against GeographicLib, relay summaries.

Run ``python benchmarks/bench_geodesy.py`` (``--quick`` for a smoke run). Exits 1
if a target fails. Targets:

* ``Path.length()`` of a 1,000,000-point path takes at most 1.5 times pyproj's
  ``Geod(ellps="WGS84").line_length`` on the same coordinates;
* every segment of a sample (random pairs plus the hard cases: antimeridian,
  poles, nearly antipodal) agrees with the pure-Python GeographicLib to 1 mm;
* summary figures (distance in total, by mode, by day, on foot; relay days;
  durations and speeds by mode) for a relay of 2,000 legs cost at most 50 µs a
  leg beyond the geodesic computations themselves (one pass of pyproj over the
  same legs, the peer).
"""

from __future__ import annotations

import datetime as dt
import sys

import numpy as np
from _harness import Row, compare, parse_args, parser, report, speed_row
from geographiclib.geodesic import Geodesic
from pyproj import Geod

from torchrelay import (
    Coordinate,
    FlameState,
    Leg,
    Path,
    Place,
    Relay,
    TransportMode,
)

GEOD = Geod(ellps="WGS84")
MODES = [TransportMode.RUNNING, TransportMode.CAR, TransportMode.TRAIN, TransportMode.PLANE]


def random_path(n: int, seed: int = 2014) -> Path:
    """A random walk of *n* points that crosses the antimeridian and nears the pole."""
    rng = np.random.default_rng(seed)
    lats = np.clip(np.cumsum(rng.normal(0.0, 0.01, n)) + 60.0, -89.0, 89.0)
    lons = np.mod(np.cumsum(rng.normal(0.002, 0.01, n)) + 180.0 + 170.0, 360.0) - 180.0
    return Path.from_arrays(lats, lons)


def length_row(path: Path, repeat: int) -> Row:
    lons, lats = path.longitudes, path.latitudes
    return speed_row(
        f"Path.length(), {len(path):,} points vs Geod.line_length",
        path.length,
        lambda: GEOD.line_length(lons, lats),
        repeat,
        1.5,
    )


def accuracy_row(path: Path, sample: int = 2_000) -> Row:
    """The largest difference, in mm, from GeographicLib over a sample of pairs."""
    rng = np.random.default_rng(7)
    idx = rng.choice(len(path) - 1, size=min(sample, len(path) - 1), replace=False)
    lats, lons = path.latitudes, path.longitudes
    pairs = [(lats[i], lons[i], lats[i + 1], lons[i + 1]) for i in idx]
    # Random far pairs, and the hard cases.
    far = rng.uniform([-90, -180, -90, -180], [90, 180, 90, 180], size=(sample, 4))
    pairs += [tuple(row) for row in far]
    pairs += [
        (64.7337, 177.5089, 64.5011, -165.4064),  # Anadyr-Nome, across 180°
        (68.9585, 33.0827, 90.0, 0.0),  # Murmansk-North Pole
        (90.0, 0.0, -90.0, 0.0),  # pole to pole
        (0.0, 0.0, 0.5, 179.7),  # nearly antipodal
        (-30.0, 0.0, 29.9, 179.8),  # nearly antipodal
    ]
    worst = 0.0
    for lat1, lon1, lat2, lon2 in pairs:
        ours = Path.from_arrays([lat1, lat2], [lon1, lon2]).length().meters
        ref = Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"]
        worst = max(worst, abs(ours - ref) * 1000.0)
    return Row(f"max error vs GeographicLib, {len(pairs):,} pairs", worst, None, "mm", 1.0, "ours")


def sample_relay(n_legs: int, seed: int = 2014) -> Relay:
    """A relay of *n_legs* legs over 120 days: straight legs and 50-point paths, four modes."""
    rng = np.random.default_rng(seed)
    start = dt.datetime(2013, 10, 7, 5, tzinfo=dt.UTC)
    lat, lon = 55.75, 37.62
    places = []
    for i in range(n_legs + 1):
        lat = float(np.clip(lat + rng.normal(0.0, 0.3), 42.0, 75.0))
        lon = float(np.mod(lon + rng.normal(1.0, 0.3) + 180.0, 360.0) - 180.0)
        places.append(
            Place(f"p{i}", Coordinate(lat, lon), timezone="Europe/Moscow", region=f"r{i % 83}")
        )
    legs = []
    step = dt.timedelta(days=120) / n_legs
    for i in range(n_legs):
        a, b = places[i], places[i + 1]
        departs = start + step * i
        path = None
        if i % 2:
            f = np.linspace(0.0, 1.0, 50)
            path = Path.from_arrays(
                a.coordinate.latitude + f * (b.coordinate.latitude - a.coordinate.latitude),
                a.coordinate.longitude + f * (b.coordinate.longitude - a.coordinate.longitude),
            )
        legs.append(
            Leg(
                a,
                b,
                departs,
                departs + step * 0.8,
                MODES[i % len(MODES)],
                FlameState.LIT_TORCH,
                path=path,
                id=f"leg-{i}",
            )
        )
    return Relay("bench", "bench", legs, timezone="Europe/Moscow", day_one=dt.date(2013, 10, 7))


def summaries(relay: Relay) -> object:
    return (
        relay.distance(),
        relay.distance_by_mode(),
        relay.distance_by_day(),
        relay.distance_on_foot(),
        relay.days(),
        relay.duration_by_mode(),
        relay.speed_by_mode(),
    )


def _columns(legs: list[Leg]) -> tuple[np.ndarray, np.ndarray]:
    lats, lons = [], []
    for leg in legs:
        if leg.path is not None:
            lats.append(leg.path.latitudes)
            lons.append(leg.path.longitudes)
        else:
            a, b = leg.origin.coordinate, leg.destination.coordinate
            lats.append(np.array([a.latitude, b.latitude]))
            lons.append(np.array([a.longitude, b.longitude]))
    return np.concatenate(lats), np.concatenate(lons)


def geodesics(relay: Relay) -> object:
    """The geodesic work itself: one bulk call a distance pass of :func:`summaries`.

    ``distance``, ``distance_by_mode``, ``distance_by_day`` and ``speed_by_mode``
    each measure every leg; ``distance_on_foot`` measures the legs on foot.
    """
    legs = list(relay.legs)
    everything = _columns(legs)
    on_foot = _columns([leg for leg in legs if leg.mode.on_foot])
    for lats, lons in (everything, everything, everything, everything, on_foot):
        GEOD.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
    return None


def summary_row(n_legs: int, repeat: int) -> tuple[Row, dict[str, object]]:
    relay = sample_relay(n_legs)
    ours, peer = compare(lambda: summaries(relay), lambda: geodesics(relay), max(repeat, 9))
    per_leg = (ours - peer) * 1e3 / n_legs
    figures = summaries(relay)
    total = figures[0]  # type: ignore[index]
    row = Row(
        f"relay summaries beyond geodesics, {n_legs:,} legs (peer: geodesics/leg)",
        per_leg,
        peer * 1e3 / n_legs,
        "µs/leg",
        50.0,
        "ours",
    )
    return row, {"relay_total_km": round(total.km, 3), "summary_ms": ours, "geodesic_ms": peer}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(parser(__doc__.splitlines()[0]), argv)
    path = random_path(args.points)
    rows = [length_row(path, args.repeat), accuracy_row(path, 200 if args.quick else 2_000)]
    row, extra = summary_row(500 if args.quick else 2_000, args.repeat)
    rows.append(row)
    return report(rows, args, **extra)


if __name__ == "__main__":
    sys.exit(main())
