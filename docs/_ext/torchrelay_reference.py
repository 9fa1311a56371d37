"""Sphinx directives for reference pages drawn from the package, so that none can fall behind it.

``.. exception-tree::``
    Every exception and warning class that :mod:`torchrelay.exceptions`
    exports, as a nested list under its torchrelay parent, each with the
    builtin classes it also subclasses and the first line of its docstring.
    The tree is walked from the module at build time: a new class in the
    module's ``__all__`` shows up on the page without anyone editing it.

``.. native-schema-keys::``
    One table an object of the schema that
    :func:`torchrelay.adapters.native.schema` returns (the document first,
    then each object of ``$defs`` by name): its keys, whether each is
    required, and the JSON it takes (a type, a reference to another object,
    the values of an enum). The schema is generated from the model's classes,
    and these tables from the schema.
"""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata
from torchrelay_docs import GeneratedDirective

import torchrelay.exceptions
from torchrelay.adapters import native

__all__ = [
    "exception_classes",
    "exception_tree",
    "exception_tree_rst",
    "json_type",
    "schema_keys_rst",
    "setup",
]

# -- The exception tree ----------------------------------------------------------

#: One row of the tree: depth, the class, and the builtin bases it adds.
Row = tuple[int, type[BaseException], tuple[str, ...]]


def exception_classes(module: ModuleType = torchrelay.exceptions) -> list[type[BaseException]]:
    """The exception and warning classes in *module*'s ``__all__``, in its order."""
    found = [getattr(module, name) for name in module.__all__]
    return [obj for obj in found if isinstance(obj, type) and issubclass(obj, BaseException)]


def _builtins(cls: type[BaseException], ours: set[type[BaseException]]) -> tuple[str, ...]:
    """The builtin bases *cls* names itself, beyond what its parent brings (not Exception)."""
    return tuple(
        base.__name__ for base in cls.__bases__ if base not in ours and base is not Exception
    )


def exception_tree(module: ModuleType = torchrelay.exceptions) -> list[Row]:
    """Every class of *module* under its first torchrelay base, depth first, in ``__all__`` order.

    The errors come first, from :class:`~torchrelay.exceptions.TorchRelayError`,
    then the warnings, each a root of its own.
    """
    classes = exception_classes(module)
    ours = set(classes)

    def parent(cls: type[BaseException]) -> type[BaseException] | None:
        return next((base for base in cls.__bases__ if base in ours), None)

    def sort_key(cls: type[BaseException]) -> tuple[bool, int]:
        # Children in the order their parent's docstring tree lists them:
        # the order of definition in the module that defines them.
        try:
            line = inspect.getsourcelines(cls)[1]
        except (OSError, TypeError):  # pragma: no cover - classes without source
            line = 0
        return issubclass(cls, Warning), line

    rows: list[Row] = []

    def walk(node: type[BaseException] | None, depth: int) -> None:
        for child in sorted((c for c in classes if parent(c) is node), key=sort_key):
            rows.append((depth, child, _builtins(child, ours)))
            walk(child, depth + 1)

    walk(None, 0)
    return rows


def _summary(cls: type[BaseException]) -> str:
    doc = inspect.getdoc(cls) or ""
    return doc.split("\n\n", 1)[0].replace("\n", " ").strip()


def exception_tree_rst(module: ModuleType = torchrelay.exceptions) -> list[str]:
    """The reStructuredText of the tree: a nested bullet list, one item a class."""
    lines: list[str] = []
    for depth, cls, builtins in exception_tree(module):
        indent = "  " * depth
        also = f" ({', '.join(f':class:`{b}`' for b in builtins)})" if builtins else ""
        ref = f":exc:`~{module.__name__}.{cls.__name__}`"
        lines += ["", f"{indent}- {ref}{also}: {_summary(cls)}"]
    return [*lines, ""]


class ExceptionTree(GeneratedDirective):
    """Render :func:`exception_tree_rst` in place of the directive."""

    def lines(self) -> list[str]:
        """The nested list."""
        return exception_tree_rst()


# -- The native format's keys ----------------------------------------------------

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


class NativeSchemaKeys(GeneratedDirective):
    """Render :func:`schema_keys_rst` in place of the directive, each table under its heading."""

    def lines(self) -> list[str]:
        """The tables."""
        return schema_keys_rst()


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directives."""
    app.add_directive("exception-tree", ExceptionTree)
    app.add_directive("native-schema-keys", NativeSchemaKeys)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
