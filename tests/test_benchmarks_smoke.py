"""Smoke tests for the benchmark scripts.

They only check that each script runs and prints its table. They do not assert
speed or memory: those targets are judged by running the scripts themselves
(exit status 1 when a target fails), never by a timed unit test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
HEADER = ["benchmark", "ours", "peer", "ratio", "target", "result"]


@pytest.mark.parametrize(
    ("script", "args"),
    [
        ("bench_path.py", ["--quick"]),
        ("bench_geodesy.py", ["--quick"]),
        ("bench_native.py", ["--quick", "--points", "20000", "--repeat", "1"]),
        ("bench_import.py", ["--quick", "--repeat", "1"]),
        ("bench_cli.py", ["--quick", "--repeat", "1"]),
        ("bench_gpx_kml.py", ["--quick", "--points", "5000", "--repeat", "1"]),
        ("bench_geojson_csv.py", ["--quick", "--points", "20000", "--repeat", "1"]),
        ("bench_kml.py", ["--quick", "--points", "5000", "--repeat", "1"]),
    ],
)
def test_benchmark_runs_and_reports(script: str, args: list[str]) -> None:
    """The script exits 0 (targets met) or 1 (a target missed), never crashes, and prints its table."""
    path = BENCHMARKS / script
    if not path.exists():
        pytest.skip("benchmarks/ is not in this checkout")
    result = subprocess.run(
        [sys.executable, str(path), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    assert any(line.split() == HEADER for line in result.stdout.splitlines()), result.stdout
