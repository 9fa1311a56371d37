"""The README's promises: its first two commands, and its Python session."""

from __future__ import annotations

import doctest
import pathlib

README = pathlib.Path(__file__).resolve().parents[1] / "README.md"


def test_readme_opens_with_the_demo_and_test_commands() -> None:
    """The first code block holds exactly the install-and-demo and install-and-test commands."""
    text = README.read_text(encoding="utf-8")
    block = text.split("```console\n", 1)[1].split("```", 1)[0]
    assert block.splitlines() == [
        "pip install -e . && torchrelay demo",
        "pip install -e '.[test]' && pytest",
    ]
    assert text.index("```console") < text.index("```pycon")


def test_readme_session_runs() -> None:
    """Every line of the README's pycon session gives the output it shows."""
    failures, tried = doctest.testfile(
        str(README), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert tried > 0
    assert failures == 0
