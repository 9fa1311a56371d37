"""Sphinx directives that render the format registry, so that the docs cannot drift.

``.. format-table::``
    One row a registered format (built in, or from a plugin installed where
    the docs are built): name, suffixes, media type, whether it is binary,
    and its description.

``.. format-features::``
    A table of every :class:`torchrelay.adapters.Feature` against every
    format, read from :attr:`torchrelay.adapters.Format.keeps`.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from torchrelay.adapters import Feature, Format, formats

__all__ = ["feature_table_rst", "format_table_rst", "setup"]


def _header(*titles: str) -> list[str]:
    lines = [".. list-table::", "   :header-rows: 1", "   :widths: auto", ""]
    first, *rest = titles
    lines.append(f"   * - {first}")
    lines += [f"     - {title}" for title in rest]
    return lines


def format_table_rst(registered: Sequence[Format] | None = None) -> list[str]:
    """The reStructuredText of a list-table with one row a format."""
    lines = _header("Format", "Suffixes", "Media type", "Binary", "Description")
    for fmt in formats() if registered is None else registered:
        suffixes = ", ".join(f"``{s}``" for s in fmt.suffixes) or "none"
        lines += [
            f"   * - ``{fmt.name}``",
            f"     - {suffixes}",
            f"     - ``{fmt.media_type}``",
            f"     - {'yes' if fmt.binary else 'no'}",
            f"     - {fmt.description or ' '}",
        ]
    return lines


def feature_table_rst(registered: Sequence[Format] | None = None) -> list[str]:
    """The reStructuredText of a list-table: features down, formats across, from ``keeps``."""
    shown = formats() if registered is None else registered
    lines = _header("Feature", *(f"``{fmt.name}``" for fmt in shown))
    for feature in Feature:
        lines.append(f"   * - :attr:`~torchrelay.adapters.Feature.{feature.name}`")
        lines += [f"     - {'kept' if feature in fmt.keeps else 'lost'}" for fmt in shown]
    return lines


class _Table(SphinxDirective):
    has_content = False

    def rst(self) -> list[str]:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        """Parse the generated table in place of the directive."""
        container = nodes.container()
        source = self.get_source_info()[0] or f"<{self.name}>"
        self.state.nested_parse(
            StringList(self.rst(), source=source), self.content_offset, container
        )
        return list(container.children)


class FormatTable(_Table):
    """Render the registered formats as a table."""

    def rst(self) -> list[str]:
        """The table's source."""
        return format_table_rst()


class FeatureTable(_Table):
    """Render what each registered format keeps as a table."""

    def rst(self) -> list[str]:
        """The table's source."""
        return feature_table_rst()


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directives."""
    app.add_directive("format-table", FormatTable)
    app.add_directive("format-features", FeatureTable)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
