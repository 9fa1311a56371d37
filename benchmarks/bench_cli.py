"""Start-up cost of the command: ``torchrelay --help`` against ``python -c "import torchrelay"``.

Run ``python benchmarks/bench_cli.py`` (``--quick`` for a smoke run). Exits 1 if
the target fails. Each run is a fresh interpreter timed from outside, start-up
included on both sides; runs alternate and the median of each side is kept.
Target:

* ``torchrelay --help`` takes at most 1.5 times ``python -c "import torchrelay"``:
  the command loads click and its own modules, and no format, rule or dataset,
  until a subcommand needs them.

Bytecode caches are allowed on both sides, as in ``bench_import.py``.
``--points`` is not used by this script.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from _harness import Row, parse_args, parser, report

_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
OURS = [sys.executable, "-m", "torchrelay", "--help"]
PEER = [sys.executable, "-c", "import torchrelay"]


def run_ms(command: list[str]) -> float:
    """Milliseconds from starting *command* to its exit."""
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, env=_ENV)
    return (time.perf_counter() - start) * 1e3


def main(argv: list[str] | None = None) -> int:
    args = parse_args(parser("Start-up target for the torchrelay command.", repeat=15), argv)
    if args.quick and "--repeat" not in (argv or sys.argv):
        args.repeat = 3
    for command in (OURS, PEER):  # warm the caches, untimed
        run_ms(command)
    ours: list[float] = []
    peer: list[float] = []
    for _ in range(args.repeat):
        ours.append(run_ms(OURS))
        peer.append(run_ms(PEER))
    rows = [
        Row(
            'torchrelay --help vs python -c "import torchrelay"',
            statistics.median(ours),
            statistics.median(peer),
            "ms",
            1.5,
        )
    ]
    print(f"median of {args.repeat} fresh interpreters a row\n")
    return report(rows, args, python=sys.version.split()[0])


if __name__ == "__main__":
    sys.exit(main())
