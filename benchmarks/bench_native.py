"""Native JSON targets: big paths against the json module, many legs at a cost a leg.

Run ``python benchmarks/bench_native.py`` (``--quick`` for a smoke run). Exits 1
if a target fails. Targets, each measured in the same run:

* writing a relay of a few legs with 1,000,000 path points (with altitudes and
  times) takes at most 2 times ``json.dumps`` of the same document;
* reading it back takes at most 2 times ``json.loads`` of the same text;
* reading a relay of 14,000 legs costs at most 50 µs a leg beyond ``json.loads``.
"""

from __future__ import annotations

import json
import sys

import attrs
import numpy as np
from _harness import Row, compare, parse_args, parser, report, speed_row

from torchrelay import Path, Relay
from torchrelay.adapters import native
from torchrelay.datasets import sochi_2014


def big_path_relay(points: int) -> Relay:
    """The Sochi relay's first three legs, the middle one carrying a GPS-like track."""
    rng = np.random.default_rng(2014)
    lats = np.clip(55.75 + np.cumsum(rng.normal(0, 1e-4, points)), -90, 90)
    lons = 37.62 + np.cumsum(rng.normal(0, 1e-4, points))
    alts = 150 + np.cumsum(rng.normal(0, 0.1, points))
    times = 1_381_132_800.0 + np.arange(points, dtype=np.float64)
    path = Path.from_arrays(lats, lons, alts, times, timezone="Europe/Moscow")
    legs = list(sochi_2014().legs[:3])
    legs[1] = attrs.evolve(legs[1], path=path)
    return Relay("big path", "benchmark", legs)


def many_legs_relay(n: int) -> Relay:
    """*n* legs made by repeating the Sochi main line with fresh ids."""
    source = sochi_2014().legs
    legs = [attrs.evolve(source[i % len(source)], id=f"leg-{i}") for i in range(n)]
    return Relay("many legs", "benchmark", legs)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(parser(__doc__ or "", points=1_000_000, repeat=3), argv)
    n_legs = 14_000 if not args.quick else 1_400
    rows: list[Row] = []

    relay = big_path_relay(args.points)
    text = native.dumps(relay)
    doc = json.loads(text)
    rows.append(
        speed_row(
            f"dumps, {args.points:,} points vs json.dumps",
            lambda: native.dumps(relay),
            lambda: json.dumps(doc, ensure_ascii=False, allow_nan=False, separators=(",", ":")),
            args.repeat,
            2.0,
        )
    )
    rows.append(
        speed_row(
            f"loads, {args.points:,} points vs json.loads",
            lambda: native.loads(text),
            lambda: json.loads(text),
            args.repeat,
            2.0,
        )
    )

    many = native.dumps(many_legs_relay(n_legs))
    ours_ms, peer_ms = compare(lambda: native.loads(many), lambda: json.loads(many), args.repeat)
    per_leg_us = (ours_ms - peer_ms) * 1e3 / n_legs
    name = f"loads beyond json.loads, {n_legs:,} legs"
    rows.append(Row(name, per_leg_us, None, "µs/leg", 50.0, "ours"))
    rows.append(Row(f"json.loads, {n_legs:,} legs", peer_ms * 1e3 / n_legs, None, "µs/leg"))
    return report(rows, args, legs=n_legs)


if __name__ == "__main__":
    sys.exit(main())
