"""Modules stay small enough to hold one concept: none over 500 lines.

STYLE.md asks for modules of 50 to 400 lines, split by concept. The hard limit
here is 500, for every module of the package, adapters and validation
included; tiny package faces (``__init__.py``, ``__main__.py``) may be short.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "torchrelay"
LIMIT = 500
SHORT_LIMIT = 50
# Modules left over the limit on purpose, each with the reason and who owns the split.
OVER_LIMIT: set[str] = set()  # none: every module is within the limit
# Short modules that are not faces: one small concept each, fine as they are.
SHORT_OK = {"validation/_rules/__init__.py", "adapters/_zones.py"}  # zones from coordinates

MODULES = sorted(p.relative_to(SOURCE).as_posix() for p in SOURCE.rglob("*.py"))


def _lines(name: str) -> int:
    return len((SOURCE / name).read_text(encoding="utf-8").splitlines())


def test_the_walk_finds_the_modules() -> None:
    """Not vacuously green: the package's modules are found, and the exceptions exist."""
    assert len(MODULES) >= 40
    assert set(OVER_LIMIT) | SHORT_OK <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_module_is_at_most_500_lines(name: str) -> None:
    """Every module has at most 500 lines, but for the listed ones being split elsewhere."""
    if name in OVER_LIMIT:
        pytest.skip(f"{name} is over {LIMIT} lines on purpose: see OVER_LIMIT")
    assert _lines(name) <= LIMIT, f"{name} has {_lines(name)} lines; split it by concept"


@pytest.mark.parametrize("name", MODULES)
def test_module_is_not_a_fragment(name: str) -> None:
    """A module under 50 lines is a package face or one of the listed small concepts."""
    face = name.endswith(("__init__.py", "__main__.py"))
    if not face and name not in SHORT_OK:
        assert _lines(name) >= SHORT_LIMIT, f"{name} has {_lines(name)} lines: merge it"
