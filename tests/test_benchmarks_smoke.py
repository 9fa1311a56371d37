"""Smoke test for benchmarks/bench_path.py.

It only checks that the script runs and prints its table. It does not assert
speed or memory: those targets are judged by running the script itself (exit
status 1 when a target fails), never by a timed unit test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_path.py"


@pytest.mark.skipif(not SCRIPT.exists(), reason="benchmarks/ is not in this checkout")
def test_bench_path_quick_runs_and_reports() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    header = ["benchmark", "ours", "peer", "ratio", "target", "result"]
    assert any(line.split() == header for line in result.stdout.splitlines()), result.stdout
