"""Shared test configuration: hypothesis profiles.

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

from hypothesis import settings

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
