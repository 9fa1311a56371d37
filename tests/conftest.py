"""Shared test configuration: hypothesis profiles, and a clean format registry per test.

Two profiles: ``ci`` (chosen when the ``CI`` environment variable is set) is
derandomized so that a run can be repeated exactly, and ``dev`` explores new
examples on every run. Neither has a deadline: speed is measured in
``benchmarks/``, not asserted by unit tests, and a deadline would make the
suite's result depend on how busy the machine is.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Iterator

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
