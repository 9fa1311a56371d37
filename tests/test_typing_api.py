"""The typed public API, checked as a user's code would be.

``tests/typing/api.py`` is realistic user code; this runs it, and type-checks
it with ``mypy --strict`` when mypy is installed.
"""

from __future__ import annotations

import runpy
from pathlib import Path as FilePath

import pytest

API = FilePath(__file__).parent / "typing" / "api.py"
ROOT = FilePath(__file__).parents[1]


def test_api_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The typing example is working code: it runs as a script and prints its report."""
    runpy.run_path(str(API), run_name="__main__")
    out = capsys.readouterr().out
    assert "measured: " in out
    assert out.count("refused: ") == 4


def test_api_example_passes_mypy_strict() -> None:
    """The typing example passes ``mypy --strict``: the annotations serve real user code."""
    api = pytest.importorskip("mypy.api")
    stdout, stderr, status = api.run(
        ["--strict", "--cache-dir", str(ROOT / ".mypy_cache"), "--no-error-summary", str(API)]
    )
    assert (stdout, stderr, status) == ("", "", 0)
