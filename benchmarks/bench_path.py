"""Build-time and memory targets for ``Path.from_arrays``; see benchmarks/README.md.

Run ``python benchmarks/bench_path.py`` (``--quick`` for a smoke run). Exits 1
if a target fails.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
import tracemalloc
from array import array
from collections.abc import Callable
from importlib.metadata import version

import numpy as np
import pendulum
from _harness import Row, parse_args, parser, report, speed_row

from torchrelay import Path

START = dt.datetime(2013, 10, 7, 5, tzinfo=dt.UTC).timestamp()  # Sochi 2014 relay, Moscow
ZONE = "Europe/Moscow"


def coordinates(n: int, seed: int = 2014) -> tuple[list[float], list[float], list[float]]:
    """Latitudes, longitudes and altitudes as lists of Python floats, all in range."""
    rng = np.random.default_rng(seed)
    lats = rng.uniform(-80.0, 80.0, n).tolist()
    lons = rng.uniform(-179.0, 179.0, n).tolist()
    alts = rng.uniform(0.0, 3000.0, n).tolist()
    return lats, lons, alts


def utc_times(n: int) -> list[dt.datetime]:
    """*n* aware stdlib datetimes in UTC, one a second."""
    return [dt.datetime.fromtimestamp(START + i, dt.UTC) for i in range(n)]


def pendulum_times(n: int) -> list[pendulum.DateTime]:
    """*n* pendulum DateTimes in Europe/Moscow, one a second.

    Built through the constructor: ``pendulum.from_timestamp`` takes about
    12 µs a call, which would dominate the run at a million points.
    """
    tz = pendulum.timezone(ZONE)
    local = (dt.datetime.fromtimestamp(START + i, tz) for i in range(n))
    return [
        pendulum.DateTime(
            d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond, tz, fold=d.fold
        )
        for d in local
    ]


def pendulum_row(lats: list[float], lons: list[float], repeat: int) -> Row:
    """Information only: pendulum's own ``timestamp()`` dominates both sides."""
    moscow = pendulum_times(len(lats))
    return speed_row(
        "times, pendulum Moscow",
        lambda: Path.from_arrays(lats, lons, times=moscow),
        lambda: (array("d", lats), array("d", lons), [d.timestamp() for d in moscow]),
        repeat,
        None,
    )


def retained(name: str, build: Callable[[], Path], n: int) -> Row:
    """Bytes a point the built path keeps (tracemalloc) against its columns' ``nbytes``.

    Tracing starts after the inputs exist, so only what *build* allocates and
    keeps counts.
    """
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        path = build()
        gc.collect()
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    kept = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    columns = (path.latitudes, path.longitudes, path.altitudes, path.times, path.offsets)
    nbytes = sum(c.nbytes for c in columns if c is not None)
    return Row(name, kept / n, nbytes / n, "B/pt", 40.0, on="ours")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(parser("Build-time and memory targets for Path.from_arrays."), argv)
    n, repeat = args.points, args.repeat
    lats, lons, alts = coordinates(n)

    def floats_peer() -> object:
        return array("d", lats), array("d", lons)

    rows = [speed_row("floats", lambda: Path.from_arrays(lats, lons), floats_peer, repeat, 1.3)]

    utc = utc_times(n)
    rows.append(
        speed_row(
            "times, stdlib UTC",
            lambda: Path.from_arrays(lats, lons, times=utc),
            lambda: (floats_peer(), [d.timestamp() for d in utc]),
            repeat,
            1.2,
        )
    )
    rows.append(pendulum_row(lats, lons, repeat))
    rows.append(retained("memory, times", lambda: Path.from_arrays(lats, lons, times=utc), n))
    rows.append(
        retained(
            "memory, altitudes+times+offsets", lambda: Path.from_arrays(lats, lons, alts, utc), n
        )
    )
    return report(rows, args, numpy=version("numpy"), pendulum=version("pendulum"))


if __name__ == "__main__":
    sys.exit(main())
