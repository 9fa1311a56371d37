"""Import cost: ``import torchrelay`` against importing its own dependencies.

Run ``python benchmarks/bench_import.py`` (``--quick`` for a smoke run). Exits 1
if the target fails. Each run is a fresh interpreter that times its imports with
``time.perf_counter`` and prints the seconds (interpreter start-up is left out,
so the figure is what a script pays for the import itself). Runs alternate,
ours then peer, and the median of each side is kept. Target:

* ``import torchrelay`` takes at most 1.25 times ``import numpy, pyproj,
  pendulum, attrs``: the model costs little beyond the libraries it is built
  on, because formats, validation rules, datasets, strategies and geopy load
  only when first used.

Bytecode caches are allowed for both sides (``PYTHONDONTWRITEBYTECODE`` is
dropped for the runs): pip compiles the dependencies' caches when it installs
them, and an editable install of torchrelay writes its own on the untimed
warm-up run, so neither side pays for compiling source.

``--points`` is not used by this script.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys

from _harness import Row, parse_args, parser, report

OURS = "torchrelay"
PEER = "numpy, pyproj, pendulum, attrs"
_TIMER = "import time; t = time.perf_counter(); import {}; print(time.perf_counter() - t)"
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def import_ms(modules: str) -> float:
    """Milliseconds a fresh interpreter spends on ``import <modules>``."""
    done = subprocess.run(
        [sys.executable, "-c", _TIMER.format(modules)],
        capture_output=True,
        text=True,
        check=True,
        env=_ENV,
    )
    return float(done.stdout) * 1e3


def medians(sides: list[str], repeat: int) -> list[float]:
    """The median import time of each side, runs alternating between the sides."""
    for modules in sides:  # warm the file system cache, untimed
        import_ms(modules)
    runs: list[list[float]] = [[] for _ in sides]
    for _ in range(repeat):
        for i, modules in enumerate(sides):
            runs[i].append(import_ms(modules))
    return [statistics.median(r) for r in runs]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(parser("Import-time target for torchrelay.", repeat=15), argv)
    if args.quick and "--repeat" not in (argv or sys.argv):
        args.repeat = 3
    ours, peer, adapters, geopy = medians(
        [OURS, PEER, "torchrelay.adapters, torchrelay.validation", "geopy.distance"], args.repeat
    )
    rows = [
        Row(f"import {OURS} vs import {PEER}", ours, peer, "ms", 1.25),
        Row("import torchrelay.adapters, torchrelay.validation", adapters, None, "ms"),
        Row("import geopy.distance (loaded on first geodesic)", geopy, None, "ms"),
    ]
    print(f"median of {args.repeat} fresh interpreters a row\n")
    return report(rows, args, python=sys.version.split()[0])


if __name__ == "__main__":
    sys.exit(main())
