"""Shared test configuration: hypothesis profiles, and a clean format registry per test.

Two profiles: ``ci`` (chosen when the ``CI`` environment variable is set) is
derandomized so that a run can be repeated exactly, and ``dev`` explores new
examples on every run. Neither has a deadline: speed is measured in
``benchmarks/``, not asserted by unit tests, and a deadline would make the
suite's result depend on how busy the machine is.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pathlib
import shutil
import subprocess
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import settings

from torchrelay.adapters import _registry

settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# When a property test fails, hypothesis' pytest plugin imports libcst to
# suggest a patch. Old libcst releases define a mypy_extensions.TypedDict,
# which warns; with filterwarnings=error that warning aborts the whole run
# (INTERNALERROR) instead of reporting the failing example. Import it once
# here, quietly, so the plugin finds it already loaded.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    with contextlib.suppress(ImportError):
        import libcst  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_format_registry() -> Iterator[None]:
    """Give every test the format registry as it was, whatever the test registered."""
    state = _registry._snapshot()
    yield
    _registry._restore(state)


# -- Files and tools from outside the project ---------------------------------------

SHARED = pathlib.Path(__file__).resolve().parents[1].parent / "shared"
"""The shared folder beside the repository: real files, bad input, schemas."""

REQUIRE_TOOLS = os.environ.get("TORCHRELAY_REQUIRE_TOOLS") == "1"
"""Set in .ci/run: a missing external tool or shared folder fails instead of skipping."""


def missing(what: str) -> None:
    """Skip for a missing tool or folder, or fail where TORCHRELAY_REQUIRE_TOOLS=1 asks for it."""
    if REQUIRE_TOOLS:
        pytest.fail(f"{what} is missing and TORCHRELAY_REQUIRE_TOOLS=1 requires it")
    pytest.skip(f"{what} is missing")


def shared_files(*parts: str) -> list[pathlib.Path]:
    """The files of a shared folder, sorted; empty where the folder is absent."""
    folder = SHARED.joinpath(*parts)
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


def shared_folder(*parts: str) -> pathlib.Path:
    """A shared folder, or a skip (a failure with TORCHRELAY_REQUIRE_TOOLS=1) where it is absent."""
    folder = SHARED.joinpath(*parts)
    if not folder.is_dir():
        missing(f"the shared folder {folder}")
    return folder


def tool_module(name: str) -> Any:
    """An external Python package, or a skip (a failure where tools are required)."""
    try:
        return importlib.import_module(name)
    except ImportError:
        missing(f"the Python package {name}")
        raise  # not reached: missing() skips or fails


def program(name: str) -> str:
    """The path of an external program, or a skip (a failure where tools are required)."""
    found = shutil.which(name)
    if found is None:
        missing(f"the program {name}")
        raise AssertionError  # not reached
    return found


def ogrinfo_summary(path: pathlib.Path) -> tuple[set[str], str]:
    """The field names GDAL's ogrinfo lists for a file, and its whole summary."""
    result = subprocess.run(
        [program("ogrinfo"), "-ro", "-so", "-al", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    fields = {line.split(":")[0] for line in result.stdout.splitlines() if ": " in line}
    return fields, result.stdout
