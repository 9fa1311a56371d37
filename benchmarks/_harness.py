"""Shared helpers for the benchmark scripts: timing against a peer, a table, an exit status.

Each benchmark compares our code with a *peer* measured in the same run (the
cheapest plain-Python way to do the same work), so the verdict is a ratio and
does not depend on how fast or busy the machine is. Scripts build rows with
:func:`compare` or :func:`Row` directly, then call :func:`report`.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Literal

HEADER = ("benchmark", "ours", "peer", "ratio", "target", "result")


@dataclass(frozen=True)
class Row:
    """One line of the table.

    The target is ``ours / peer <= limit`` (*on* ``"ratio"``) or ``ours <= limit``
    (*on* ``"ours"``); a row without *limit* is information only.
    """

    name: str
    ours: float
    peer: float | None
    unit: str
    limit: float | None = None
    on: Literal["ratio", "ours"] = "ratio"

    @property
    def ratio(self) -> float | None:
        return None if not self.peer else self.ours / self.peer

    @property
    def target(self) -> str:
        if self.limit is None:
            return "info"
        return (
            f"ratio <= {self.limit:g}" if self.on == "ratio" else f"<= {self.limit:g} {self.unit}"
        )

    @property
    def passed(self) -> bool | None:
        if self.limit is None:
            return None
        value = self.ratio if self.on == "ratio" else self.ours
        return value is not None and value <= self.limit

    def cells(self) -> tuple[str, ...]:
        peer = "-" if self.peer is None else f"{self.peer:.1f} {self.unit}"
        ratio = "-" if self.ratio is None else f"{self.ratio:.2f}"
        result = {None: "info", True: "PASS", False: "FAIL"}[self.passed]
        return (self.name, f"{self.ours:.1f} {self.unit}", peer, ratio, self.target, result)


def _time_once(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def compare(
    ours: Callable[[], object], peer: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Best (minimum) milliseconds of *ours* and of *peer* over *repeat* runs each.

    Both run once untimed first. Runs alternate (ours, peer, ours, ...) so that
    load from other processes hits both sides alike, and the garbage collector
    is off while timing.
    """
    ours()
    peer()
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        times = [(_time_once(ours), _time_once(peer)) for _ in range(repeat)]
    finally:
        if was_enabled:
            gc.enable()
    return min(t[0] for t in times) * 1e3, min(t[1] for t in times) * 1e3


def speed_row(
    name: str,
    ours: Callable[[], object],
    peer: Callable[[], object],
    repeat: int,
    limit: float | None,
) -> Row:
    """Time *ours* against *peer*; the target is ``ours / peer <= limit``."""
    ours_ms, peer_ms = compare(ours, peer, repeat)
    return Row(name, ours_ms, peer_ms, "ms", limit)


def peak_mb(fn: Callable[[], object]) -> float:
    """The peak memory ``tracemalloc`` traces while *fn* runs, in megabytes."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def parser(description: str, points: int = 1_000_000, repeat: int = 5) -> argparse.ArgumentParser:
    """The common command line: ``--points``, ``--repeat``, ``--quick``, ``--json``."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--points", type=int, help=f"input size (default {points:,})")
    p.add_argument("--repeat", type=int, help=f"timed runs, best one kept (default {repeat})")
    p.add_argument("--quick", action="store_true", help="a smoke run: 100,000 points, 2 repeats")
    p.add_argument("--json", metavar="FILE", help="also write the results to FILE as JSON")
    p.set_defaults(default_points=points, default_repeat=repeat)
    return p


def parse_args(p: argparse.ArgumentParser, argv: list[str] | None = None) -> argparse.Namespace:
    """Parse, filling ``points`` and ``repeat`` from ``--quick`` or the defaults."""
    args = p.parse_args(argv)
    if args.points is None:
        args.points = 100_000 if args.quick else args.default_points
    if args.repeat is None:
        args.repeat = 2 if args.quick else args.default_repeat
    if args.points < 1 or args.repeat < 1:
        p.error("--points and --repeat must be at least 1")
    return args


def format_table(rows: list[Row]) -> str:
    lines = [HEADER, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    out = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) for line in lines]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in out)


def report(rows: list[Row], args: argparse.Namespace, **extra: Any) -> int:
    """Print the table, write ``--json`` if asked; return 1 if any target fails, else 0."""
    print(f"{args.points:,} points, best of {args.repeat} (after one warm-up)\n")
    print(format_table(rows))
    failed = [row.name for row in rows if row.passed is False]
    print(f"\n{len(failed)} target(s) failed" + (f": {', '.join(failed)}" if failed else ""))
    if args.json:
        result = {
            "points": args.points,
            "repeat": args.repeat,
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            **extra,
            "rows": [
                {**asdict(r), "ratio": r.ratio, "target": r.target, "passed": r.passed}
                for r in rows
            ],
            "passed": not failed,
        }
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
            f.write("\n")
    return 1 if failed else 0
