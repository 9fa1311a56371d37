"""Sphinx directives that render torchrelay's data, so that the docs cannot drift.

``.. transport-mode-table::``
    A table of every :class:`torchrelay.TransportMode` with the facts that
    :data:`torchrelay.MODE_TABLE` holds about it.

``.. markdown-changelog:: ../CHANGELOG.md``
    The changelog, read from its Markdown file at build time. Only the subset
    of Markdown that Keep a Changelog uses is understood: ATX headings, ``-``
    and ``*`` lists, paragraphs, inline code, emphasis, links and fenced code
    blocks. Anything else is kept as plain text, never dropped.

It also adapts napoleon to torchrelay's docstrings (see :func:`_before_napoleon`)
and warns about exported names that no page documents.
"""

from __future__ import annotations

import importlib
import math
import re
from pathlib import Path
from typing import ClassVar

import attrs
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles
from sphinx.util.typing import ExtensionMetadata

from torchrelay import MODE_TABLE, TransportMode

__all__ = ["GeneratedDirective", "markdown_to_rst", "mode_table_rst", "setup"]

logger = logging.getLogger(__name__)


# -- The transport modes -------------------------------------------------------


def _speed(value: float) -> str:
    return "no limit" if math.isinf(value) else f"{value:,.0f}"


def mode_table_rst() -> list[str]:
    """The reStructuredText of a list-table with one row a transport mode."""
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: auto",
        "",
        "   * - Mode",
        "     - Value",
        "     - Medium",
        "     - Open flame",
        "     - On foot",
        "     - Plausible speed (km/h)",
    ]
    for mode in TransportMode:
        info = MODE_TABLE[mode]
        lines += [
            f"   * - :attr:`~torchrelay.TransportMode.{mode.name}`",
            f"     - ``{mode.value}``",
            f"     - {info.medium.name.lower().replace('_', ' ')}",
            f"     - {'yes' if info.open_flame else 'no'}",
            f"     - {'yes' if mode.on_foot else 'no'}",
            f"     - {_speed(info.min_speed_kmh)} to {_speed(info.max_speed_kmh)}",
        ]
    return lines


class GeneratedDirective(SphinxDirective):
    """A directive that parses reStructuredText generated from torchrelay in its place.

    Subclasses say what to generate in :meth:`lines`; sections in it become
    sections of the page. The other extensions in docs/_ext build on it.
    """

    has_content = False

    def lines(self) -> list[str]:
        """The reStructuredText to parse."""
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        """Parse the generated text in place of the directive."""
        container = nodes.section()
        source = self.get_source_info()[0] or f"<{self.name}>"
        nested_parse_with_titles(self.state, StringList(self.lines(), source=source), container)
        return list(container.children)


class TransportModeTable(GeneratedDirective):
    """Render :data:`torchrelay.MODE_TABLE` as a table."""

    def lines(self) -> list[str]:
        """The table."""
        return mode_table_rst()


# -- The changelog -------------------------------------------------------------

_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"(\s*)[-*+]\s+(.*)")
_LINK_DEF = re.compile(r"\s{0,3}\[([^\]]+)\]:\s*(\S+)")
_FENCE = re.compile(r"\s*(```|~~~)\s*([\w+-]*)")
_INLINE = re.compile(
    r"`(?P<code>[^`]+)`"
    r"|\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)"
    r"|\[(?P<ref>[^\]]+)\]"
    r"|\*\*(?P<strong>[^*]+)\*\*"
    r"|\*(?P<em>[^*]+)\*"
)
_UNDERLINES = "=-~^\"'"


def _escape(text: str) -> str:
    """Escape everything reStructuredText could read as markup."""
    return re.sub(r"([\\`*_|\[\]<>:])", r"\\\1", text)


def _link(text: str, url: str) -> str:
    return f"`{_escape(text)} <{url}>`__"


def _inline(text: str, links: dict[str, str]) -> str:
    out: list[str] = []
    pos = 0
    for match in _INLINE.finditer(text):
        out.append(_escape(text[pos : match.start()]))
        pos = match.end()
        if match["code"] is not None:
            out.append(f"``{match['code']}``")
        elif match["url"] is not None:
            out.append(_link(match["text"], match["url"]))
        elif match["ref"] is not None:
            url = links.get(match["ref"].lower())
            out.append(_link(match["ref"], url) if url else _escape(match["ref"]))
        elif match["strong"] is not None:
            out.append(f"**{_escape(match['strong'])}**")
        else:
            out.append(f"*{_escape(match['em'])}*")
        # Inline markup must end before a word character; a backslash-space
        # separates them without showing.
        if pos < len(text) and (text[pos].isalnum() or text[pos] == "_"):
            out.append("\\ ")
    out.append(_escape(text[pos:]))
    return "".join(out)


def markdown_to_rst(markdown: str) -> list[str]:
    """Convert Keep-a-Changelog Markdown to reStructuredText lines."""
    raw = markdown.splitlines()
    links = {m[1].lower(): m[2] for line in raw if (m := _LINK_DEF.fullmatch(line))}
    lines: list[str] = []
    fence: str | None = None
    item_indent: str | None = None  # where the text of the open list item starts
    for line in raw:
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
                lines.append("")
            else:
                lines.append(f"   {line}")
            continue
        if (m := _FENCE.match(line)) is not None:
            fence = m[1]
            lines += ["", f".. code-block:: {m[2] or 'text'}", ""]
        elif _LINK_DEF.fullmatch(line):
            continue
        elif (m := _HEADING.fullmatch(line)) is not None:
            title = _inline(m[2], links)
            lines += ["", title, _UNDERLINES[len(m[1]) - 1] * max(len(title), 4), ""]
        elif (m := _BULLET.fullmatch(line)) is not None:
            lines += ["", f"{m[1]}- {_inline(m[2], links)}"]
            item_indent = m[1] + "  "
            continue
        elif line.strip():
            indent = line[: len(line) - len(line.lstrip())]
            if item_indent is not None and len(indent) < len(item_indent):
                indent = item_indent  # Markdown's lazy continuation of a list item
            text = _inline(line.strip(), links)
            # A line that reStructuredText would read as a comment or directive.
            lines.append(indent + ("\\" + text if text.startswith("..") else text))
        else:
            lines.append("")
        if not line.strip() or _HEADING.fullmatch(line) or _FENCE.match(line):
            item_indent = None
    return lines


class MarkdownChangelog(SphinxDirective):
    """Include a Keep-a-Changelog Markdown file, converted to reStructuredText."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, object]] = {}

    def run(self) -> list[nodes.Node]:
        """Read, convert and parse the file in place of the directive."""
        _, filename = self.env.relfn2path(self.arguments[0], self.env.docname)
        path = Path(filename)
        self.env.note_dependency(str(path))
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as err:
            raise self.error(f"cannot read the changelog {path}: {err}") from err
        container = nodes.section()
        content = StringList(markdown_to_rst(text), source=str(path))
        nested_parse_with_titles(self.state, content, container)
        return list(container.children)


# -- Docstrings ----------------------------------------------------------------


def _before_napoleon(
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    """Adapt torchrelay's docstring conventions to napoleon, before it runs.

    * An attrs class's constructor arguments are its attributes, so its
      ``Args:`` section is rendered as ``Attributes:``: every field gets an
      anchor that ``:attr:`` references reach, and its type from the annotation.
    * torchrelay takes types from annotations and never writes Google's inline
      ``type: description`` form in attribute docstrings, so a colon in their
      first line ("Elbrus: 5,642 m") is text, not the end of a type.
    """
    if what == "class" and isinstance(obj, type) and attrs.has(obj):
        for i, line in enumerate(lines):
            if line == "Args:":
                lines[i] = "Attributes:"
    elif what in {"attribute", "data", "property"}:
        for i, line in enumerate(lines):
            if line.strip():
                lines[i] = ": " + line
                break


# -- Completeness --------------------------------------------------------------

#: Modules whose ``__all__`` must be documented somewhere in the docs.
PUBLIC_MODULES = (
    "torchrelay",
    "torchrelay.adapters",
    "torchrelay.adapters.native",
    "torchrelay.exceptions",
    "torchrelay.plot",
    "torchrelay.testing",
)


def _check_public_names(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn about every exported name that no page documents.

    A re-export counts as documented where it is defined, or where the same
    object is documented under another public module (``torchrelay.load`` is
    ``torchrelay.adapters.load``).
    """
    documented = set(env.domains.python_domain.objects)
    exported = [
        (f"{module_name}.{name}", getattr(module, name, None))
        for module_name in PUBLIC_MODULES
        for module in [importlib.import_module(module_name)]
        for name in getattr(module, "__all__", ())
    ]
    documented_ids = {id(obj) for qualified, obj in exported if qualified in documented}
    for qualified, obj in exported:
        home = f"{getattr(obj, '__module__', '')}.{getattr(obj, '__qualname__', '')}"
        if qualified in documented or home in documented:
            continue
        if callable(obj) and id(obj) in documented_ids:
            continue
        logger.warning(
            "%s is exported in __all__ but no page documents it; "
            "add it to docs/api.rst or the page about its topic",
            qualified,
            type="torchrelay",
            subtype="undocumented",
        )


def _public_bases(app: Sphinx, name: str, obj: object, options: object, bases: list[type]) -> None:
    """Show torchrelay's private enum base as the plain Enum it behaves as."""
    import enum

    from torchrelay._convert import Choice

    bases[:] = [enum.Enum if base is Choice else base for base in bases]


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directives and the docstring hook."""
    app.add_directive("transport-mode-table", TransportModeTable)
    app.add_directive("markdown-changelog", MarkdownChangelog)
    app.setup_extension("sphinx.ext.napoleon")
    # napoleon listens at the default priority, 500; this must run first.
    app.connect("autodoc-process-docstring", _before_napoleon, priority=400)
    app.connect("env-check-consistency", _check_public_names)
    app.connect("autodoc-process-bases", _public_bases)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
