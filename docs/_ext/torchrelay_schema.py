"""A Sphinx directive that lists the keys of the native JSON Schema, so the page cannot drift.

``.. native-schema-keys::``
    One table an object of the schema that
    :func:`torchrelay.adapters.native.schema` returns (the document first,
    then each object of ``$defs`` by name): its keys, whether each is
    required, and the JSON it takes (a type, a reference to another object,
    the values of an enum). The schema is generated from the model's classes,
    and this table from the schema.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles
from sphinx.util.typing import ExtensionMetadata

from torchrelay.adapters import native

__all__ = ["json_type", "schema_keys_rst", "setup"]

_ENUM_SHOWN = 8  # an enum of more values shows its first ones, then a count


def json_type(spec: dict[str, Any]) -> str:
    """A short text for what one property of the schema takes."""
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return f"`{name}`_"
    if "const" in spec:
        return f"``{spec['const']!r}``".replace("'", '"')
    if "enum" in spec:
        values = [f"``{v}``" for v in spec["enum"]]
        more = len(values) - _ENUM_SHOWN
        shown = ", ".join(values[:_ENUM_SHOWN])
        return f"one of {shown}" + (f" and {more} more" if more > 0 else "")
    if "anyOf" in spec:
        return " or ".join(json_type(option) for option in spec["anyOf"])
    kind = spec.get("type", "any")
    if kind == "array" and "items" in spec:
        return f"array of {json_type(spec['items'])}"
    text = kind if isinstance(kind, str) else " or ".join(kind)
    if spec.get("description"):
        text += f" ({spec['description']})"
    return text


def _table(title: str, spec: dict[str, Any], model: str) -> list[str]:
    required = set(spec.get("required", ()))
    lines = [
        title,
        "~" * len(title),
        "",
        f"A :class:`~torchrelay.{model}`: each key holds its attribute of the same name.",
        "",
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 20 10 70",
        "",
        "   * - Key",
        "     - Required",
        "     - Takes",
    ]
    for key, prop in spec.get("properties", {}).items():
        lines += [
            f"   * - ``{key}``",
            f"     - {'yes' if key in required else ''}",
            f"     - {json_type(prop)}",
        ]
    return [*lines, ""]


def schema_keys_rst(schema: dict[str, Any] | None = None) -> list[str]:
    """The reStructuredText of one key table an object of the native schema."""
    schema = native.schema() if schema is None else schema
    lines = _table("Document", schema, "Relay")
    for name, spec in sorted(schema.get("$defs", {}).items()):
        lines += _table(name, spec, name)
    return lines


class NativeSchemaKeys(SphinxDirective):
    """Render :func:`schema_keys_rst` in place of the directive."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        """Parse the generated tables, each under its own heading."""
        container = nodes.section()
        source = self.get_source_info()[0] or "<native-schema-keys>"
        nested_parse_with_titles(
            self.state, StringList(schema_keys_rst(), source=source), container
        )
        return list(container.children)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directive."""
    app.add_directive("native-schema-keys", NativeSchemaKeys)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
