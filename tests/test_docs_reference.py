"""The reference pages are generated from the code, and the code has what they need.

The command line's reference (docs/cli.rst) is rendered by sphinx-click from
the click group, so it can only be as good as the help texts: every
subcommand must have one, and every option a help string. The exception tree
(docs/exceptions.rst) and the native format's keys (docs/native.rst) are
rendered by the directives in docs/_ext; these tests check that what the
directives render names every class and every key, and that the tree written
out in :mod:`torchrelay.exceptions`' docstring (for ``help()``) agrees.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import click
import pytest

import torchrelay.exceptions
from torchrelay.adapters import native
from torchrelay.cli._commands import torchrelay as group

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _extension(name: str) -> ModuleType:
    pytest.importorskip("sphinx")
    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(DOCS / "_ext"))


def _commands() -> Iterator[tuple[str, click.Command]]:
    yield "torchrelay", group
    for name, command in sorted(group.commands.items()):
        yield f"torchrelay {name}", command


COMMANDS = dict(_commands())


def test_the_walk_finds_every_subcommand() -> None:
    """Not vacuously green: the group's subcommands are all here."""
    expected = {"convert", "demo", "formats", "info", "map", "profile", "timeline"}
    assert expected | {"validate", "where"} <= set(group.commands)


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_command_has_help_and_examples(path: str) -> None:
    """A subcommand without a help text would be a bare heading in the reference."""
    command = COMMANDS[path]
    assert command.help, f"{path} has no help text"
    assert len(command.help.split()) >= 5, f"{path}'s help says too little: {command.help!r}"
    assert command.epilog, f"{path} shows no examples"
    examples = [line.strip() for line in command.epilog.splitlines()[2:]]
    assert examples, f"{path}'s epilog has no example lines"
    assert all(line.startswith(path) for line in examples), examples


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_option_has_a_help_string(path: str) -> None:
    """Each option says what it does; each argument is named in the command's help."""
    command = COMMANDS[path]
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{path} {param.opts[0]} has no help string"
        else:
            name = (param.metavar or param.name or "").upper()
            assert name in (command.help or ""), f"{path}'s help does not mention {name}"


def test_cli_page_renders_every_subcommand_from_the_group() -> None:
    """The page renders the whole group, nested, and names every subcommand in its overview."""
    page = (DOCS / "cli.rst").read_text(encoding="utf-8")
    directive = re.search(r"^\.\. click:: (\S+)\n((?:   :.*\n)+)", page, re.MULTILINE)
    assert directive is not None, "docs/cli.rst does not render the command with sphinx-click"
    assert directive[1] == "torchrelay.cli._commands:torchrelay"
    assert ":nested: full" in directive[2]
    conf = (DOCS / "conf.py").read_text(encoding="utf-8")
    assert '"torchrelay_cli"' in conf
    overview = page.split("Subcommands\n", 1)[0]
    for name in group.commands:
        assert f"$ torchrelay {name} " in overview or f"$ torchrelay {name}\n" in overview, name


def test_examples_become_a_console_block() -> None:
    """The epilog's examples render as a code block, so ``--format`` stays two hyphens."""
    cli = _extension("torchrelay_cli")
    lines = ["Some text.", "", "| Examples:", "|   torchrelay demo", "|   torchrelay x --y", ""]
    out = cli.examples_as_console(lines)
    assert out[:2] == ["Some text.", ""]
    assert "   $ torchrelay demo" in out
    assert "   $ torchrelay x --y" in out
    assert ".. code-block:: console" in out
    assert cli.examples_as_console(["no examples"]) == ["no examples"]


def test_exception_tree_names_every_class_with_its_builtin() -> None:
    """Every exception and warning of the module is on the page, under its parent."""
    tree = _extension("torchrelay_reference")
    rows = tree.exception_tree()
    classes = tree.exception_classes()
    assert {cls for _, cls, _ in rows} == set(classes)
    assert len(rows) == len(classes) >= 20
    exported = {
        name
        for name in torchrelay.exceptions.__all__
        if isinstance(getattr(torchrelay.exceptions, name), type)
        and issubclass(getattr(torchrelay.exceptions, name), BaseException)
    }
    assert {cls.__name__ for cls in classes} == exported
    text = "\n".join(tree.exception_tree_rst())
    for depth, cls, builtins in rows:
        assert issubclass(cls, torchrelay.exceptions.TorchRelayError) != (
            depth == 0 and cls is not torchrelay.exceptions.TorchRelayError
        )
        line = next(line for line in text.splitlines() if f".{cls.__name__}`" in line)
        assert line.startswith("  " * depth + "- ")
        for builtin in builtins:
            assert f":class:`{builtin}`" in line
    page = (DOCS / "exceptions.rst").read_text(encoding="utf-8")
    assert ".. exception-tree::" in page


_DOC_ROW = re.compile(r"^    ([│├└─ ]*)(\w+)(?: \((\w+)\))?")


def test_module_docstring_tree_matches_the_classes() -> None:
    """The tree written out for ``help()`` has every class, parent and builtin the code has."""
    tree = _extension("torchrelay_reference")
    written: dict[str, tuple[int, str | None]] = {}
    for line in (torchrelay.exceptions.__doc__ or "").splitlines():
        if (m := _DOC_ROW.match(line)) is not None and m[2][0].isupper():
            written[m[2]] = (len(m[1]) // 4, m[3])
    generated = {
        cls.__name__: (depth, builtins[0] if builtins else None)
        for depth, cls, builtins in tree.exception_tree()
    }
    # The docstring draws the warnings under UserWarning: one level deeper.
    generated |= {
        name: (depth + 1, None)
        for name, (depth, _) in generated.items()
        if issubclass(getattr(torchrelay.exceptions, name), Warning)
    }
    written.pop("UserWarning", None)
    assert written == generated


def test_native_keys_table_names_every_key_of_the_schema() -> None:
    """Every object of the schema, and every key of each, is on docs/native.rst."""
    keys = _extension("torchrelay_reference")
    schema = native.schema()
    text = "\n".join(keys.schema_keys_rst())
    for name, spec in [("Document", schema), *schema["$defs"].items()]:
        section = text.split(f"\n{name}\n", 1)[1] if name != "Document" else text
        assert f":class:`~torchrelay.{'Relay' if name == 'Document' else name}`" in section
        for key in spec["properties"]:
            assert f"``{key}``" in section, (name, key)
    assert keys.json_type({"type": ["string", "null"]}) == "string or null"
    assert keys.json_type({"enum": list("abcdefghij")}).endswith("and 2 more")
    assert keys.json_type({"$ref": "#/$defs/Leg"}) == "`Leg`_"
    page = (DOCS / "native.rst").read_text(encoding="utf-8")
    assert ".. native-schema-keys::" in page
    assert "literalinclude:: ../src/torchrelay/adapters/schemas/torchrelay-2.schema.json" in page
    for key in schema["properties"]:
        if key != "$schema":
            assert f"``{key}``" in page.split("Every object's keys", 1)[0], key
