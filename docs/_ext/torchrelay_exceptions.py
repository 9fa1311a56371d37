"""A Sphinx directive that draws the exception tree from the module, so none is left out.

``.. exception-tree::``
    Every exception and warning class that :mod:`torchrelay.exceptions`
    exports, as a nested list under its torchrelay parent, each with the
    builtin classes it also subclasses and the first line of its docstring.
    The tree is walked from the module at build time: a new class in the
    module's ``__all__`` shows up on the page without anyone editing it.
"""

from __future__ import annotations

import inspect
from types import ModuleType

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

import torchrelay.exceptions

__all__ = ["exception_classes", "exception_tree", "exception_tree_rst", "setup"]

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


class ExceptionTree(SphinxDirective):
    """Render :func:`exception_tree` in place of the directive."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        """Parse the generated list."""
        container = nodes.container()
        source = self.get_source_info()[0] or "<exception-tree>"
        self.state.nested_parse(
            StringList(exception_tree_rst(), source=source), self.content_offset, container
        )
        return list(container.children)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directive."""
    app.add_directive("exception-tree", ExceptionTree)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
