"""Speed targets for ``torchrelay.validate``; see benchmarks/README.md.

Targets, each judged as a ratio measured in the same run:

* validating a relay of 14,000 legs with 1,000,000 path points in total takes
  at most 3 times computing its distances (``Relay.distance()``);
* validating twice the relay (28,000 legs, 2,000,000 points) takes at most
  2.3 times validating it once: validation is linear in legs and points.

Every measurement runs on a relay built afresh (outside the timer), so that no
cache on the objects carries over from one run to the next. The relay is a
chain of runs on foot, one GPS point every 4 seconds at about 9 km/h, lit
torch, one named adult a leg: valid, so every rule runs to its end.

Run ``python benchmarks/bench_validation.py`` (``--quick`` for a smoke run:
100,000 points and 1,400 legs). Exits 1 if a target fails.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from importlib.metadata import version

import numpy as np
import pendulum
from _harness import Row, parse_args, parser, report

from torchrelay import (
    Coordinate,
    FlameSource,
    FlameState,
    Leg,
    Path,
    Place,
    Relay,
    TimePrecision,
    Torchbearer,
    TransportMode,
    validate,
)

POINTS_PER_LEG = 1_000_000 / 14_000
START = pendulum.datetime(2013, 10, 7, 10, tz="Europe/Moscow").timestamp()
STEP_S = 4.0


def build(points: int, seed: int = 2014) -> Relay:
    """A valid relay of about ``points / 71.4`` legs with *points* path points in total."""
    n_legs = max(1, round(points / POINTS_PER_LEG))
    rng = np.random.default_rng(seed)
    # One random walk of steps under 12 m (under 11 km/h), shared by consecutive
    # legs at their ends.
    total = points + n_legs - 1
    lat = 55.75 + np.cumsum(rng.uniform(-0.00008, 0.00008, total))
    lon = 37.62 + np.cumsum(rng.uniform(-0.00012, 0.00012, total))
    times = START + STEP_S * np.arange(total)
    bounds = np.linspace(0, total - 1, n_legs + 1).round().astype(int)
    legs = []
    for i in range(n_legs):
        a, b = int(bounds[i]), int(bounds[i + 1])
        path = Path.from_arrays(lat[a : b + 1], lon[a : b + 1], times=times[a : b + 1])
        origin = Place(f"P{i}", Coordinate(float(lat[a]), float(lon[a])), timezone="Europe/Moscow")
        destination = Place(
            f"P{i + 1}", Coordinate(float(lat[b]), float(lon[b])), timezone="Europe/Moscow"
        )
        legs.append(
            Leg(
                origin,
                destination,
                pendulum.from_timestamp(float(times[a]), tz="Europe/Moscow"),
                pendulum.from_timestamp(float(times[b]), tz="Europe/Moscow"),
                TransportMode.RUNNING,
                FlameState.LIT_TORCH,
                torchbearers=[Torchbearer(birth_year=1980, id=f"tb-{i}")],
                path=path,
                id=f"leg-{i}",
                precision=TimePrecision.EXACT,
                lit_from=FlameSource.SUN if i == 0 else FlameSource.PREVIOUS,
            )
        )
    return Relay("Benchmark relay", "Benchmark Games", legs, timezone="Europe/Moscow")


def best_fresh(
    sides: list[tuple[Callable[[Relay], object], int]], repeat: int
) -> tuple[list[float], list[object]]:
    """Best milliseconds of each side, each run on a relay freshly built with its points.

    Sides run alternately, after one untimed warm-up each, with the garbage
    collector off while timing.
    """
    best = [float("inf")] * len(sides)
    results: list[object] = [None] * len(sides)
    for run in range(repeat + 1):
        for i, (fn, points) in enumerate(sides):
            relay = build(points)
            gc.collect()
            gc.disable()
            try:
                start = time.perf_counter()
                results[i] = fn(relay)
                elapsed = time.perf_counter() - start
            finally:
                gc.enable()
            if run:
                best[i] = min(best[i], elapsed * 1e3)
            del relay
    return best, results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(parser("Speed targets for torchrelay.validate.", repeat=5), argv)
    n, repeat = args.points, args.repeat
    legs = max(1, round(n / POINTS_PER_LEG))
    (ours, peer, double), (rep, _, rep2) = best_fresh(
        [(validate, n), (lambda r: r.distance(), n), (validate, 2 * n)], repeat
    )
    findings = len(rep.findings) + len(rep2.findings)  # type: ignore[attr-defined]
    rows = [
        Row(f"validate vs distance, {legs:,} legs", ours, peer, "ms", 3.0),
        Row(f"validate {2 * legs:,} vs {legs:,} legs", double, ours, "ms", 2.3),
        Row("validate, per 1,000 legs", ours / legs * 1000, None, "ms"),
        Row("findings on the valid relays", float(findings), None, ""),
    ]
    return report(rows, args, legs=legs, numpy=version("numpy"), pyproj=version("pyproj"))


if __name__ == "__main__":
    sys.exit(main())
