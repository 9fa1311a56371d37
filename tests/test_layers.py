"""The package's layers run one way: no module imports one above it, and no imports go round.

Every import statement of every module counts, wherever it is: at the top,
inside a function, or under ``if TYPE_CHECKING:``. The one exception is a
package face's ``__getattr__`` handing out its own submodules on first use
(PEP 562), which is how ``import torchrelay`` stays fast. The order is
drawn in ``docs/architecture.rst`` and ``CONTRIBUTING.md``; a new module
must be given a layer here, or the test fails.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = "torchrelay"
SOURCE = Path(__file__).resolve().parent.parent / "src" / PACKAGE

# The layers, lowest first. A module may import modules of its own layer or
# below; a name ending in ".*" stands for a subpackage and all its modules.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("_errors",),
    ("exceptions",),
    ("_convert",),
    ("_units", "_extras", "_time", "_modes", "_columns"),
    ("_claims", "_people"),
    ("_geodesy", "_arcs"),  # geodesy on columns; arcs of longitude
    ("_geometry",),  # GeoJSON geometry from columns, behind __geo_interface__
    ("_geo",),
    ("_bounds", "_measure", "_along"),
    ("_path",),
    ("_legdistance",),
    ("_legs",),
    ("_legtable", "_planning"),
    ("_calendar",),
    ("_whereabouts",),
    ("_branch",),
    ("_relay",),
    ("_redact",),
    ("validation.*",),
    ("adapters.*",),
    ("datasets.*",),
    ("plot.*",),  # pictures: read the model, write through the adapters' files
    ("testing._equivalent", "testing._values", "testing._reports"),
    ("testing",),  # the strategies; not its hypothesis hook (below)
    ("",),  # the package face, torchrelay/__init__.py
    ("cli.*", "__main__", "testing._register"),  # entry points: the command, hypothesis' hook
)


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (``torchrelay._legs``), from the files."""
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        parts = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def layer_of(module: str) -> int:
    """The layer of a dotted module name; fails for a module no layer holds."""
    name = module.removeprefix(PACKAGE).removeprefix(".")
    best: tuple[int, int] | None = None  # (length of the match, layer)
    for rank, members in enumerate(LAYERS):
        for member in members:
            if member.endswith(".*"):
                stem = member[:-2]
                hit = name == stem or name.startswith(stem + ".")
                length = len(stem)
            else:
                hit, length = name == member, len(member) + 1
            if hit and (best is None or length > best[0]):
                best = (length, rank)
    if best is None:
        pytest.fail(f"{module} has no layer: give it one in LAYERS (tests/test_layers.py)")
    return best[1]


def _targets(module: str, node: ast.Import | ast.ImportFrom, *, is_package: bool) -> Iterator[str]:
    """The package's modules an import statement loads."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name == PACKAGE or alias.name.startswith(PACKAGE + "."):
                yield alias.name
        return
    if node.level:
        parts = module.split(".")
        base_parts = parts if is_package else parts[:-1]
        base_parts = base_parts[: len(base_parts) - (node.level - 1)]
        base = ".".join(base_parts + ([node.module] if node.module else []))
    else:
        base = node.module or ""
    if not (base == PACKAGE or base.startswith(PACKAGE + ".")):
        return
    submodules = [f"{base}.{alias.name}" for alias in node.names]
    named = [m for m in submodules if m in MODULES]
    if len(named) < len(submodules) or not named:
        yield base  # names from the module itself
    yield from named


def imports(module: str, source: str, *, is_package: bool) -> Iterator[tuple[str, int, bool]]:
    """Each (target module, line, exempt) that *source*'s import statements load.

    Exempt: inside a package face's ``__getattr__``, a submodule of that package.
    """
    tree = ast.parse(source)

    def walk(node: ast.AST, *, in_getattr: bool) -> Iterator[tuple[str, int, bool]]:
        for child in ast.iter_child_nodes(node):
            inside = in_getattr or (
                isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
                and child.name == "__getattr__"
            )
            if isinstance(child, ast.Import | ast.ImportFrom):
                for target in _targets(module, child, is_package=is_package):
                    own = target.startswith(module + ".")
                    yield target, child.lineno, bool(is_package and in_getattr and own)
            yield from walk(child, in_getattr=inside)

    yield from walk(tree, in_getattr=False)


def _importlib_calls(source: str) -> list[int]:
    """Lines of ``importlib.import_module("torchrelay...")`` calls with a literal name."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and str(node.args[0].value).startswith(PACKAGE)
        ):
            lines.append(node.lineno)
    return lines


def graph() -> dict[str, list[tuple[str, int]]]:
    """Every module's imports of the package's modules, exempt ones left out, with their lines."""
    edges: dict[str, list[tuple[str, int]]] = {}
    for module, path in MODULES.items():
        source = path.read_text(encoding="utf-8")
        found = imports(module, source, is_package=path.name == "__init__.py")
        edges[module] = [(t, line) for t, line, exempt in found if not exempt and t != module]
    return edges


def find_cycle(edges: dict[str, list[tuple[str, int]]]) -> list[str] | None:
    """A cycle of imports as the modules along it, or ``None`` where there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target, _ in edges.get(node, []):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def back_edges(edges: dict[str, list[tuple[str, int]]]) -> list[str]:
    """Each import of a module in a higher layer, as ``module:line -> target``."""
    return [
        f"{module}:{line} -> {target}"
        for module, targets in edges.items()
        for target, line in targets
        if layer_of(target) > layer_of(module)
    ]


def test_the_walk_sees_the_modules_and_every_kind_of_import() -> None:
    """Not vacuously green: the walk finds the modules, and top-level, typing and inner imports."""
    edges = graph()
    assert len(edges) >= 40
    assert {"torchrelay._legs", "torchrelay.validation._rule", "torchrelay.adapters.native"} <= set(
        edges
    )
    seen = {(m, t) for m, targets in edges.items() for t, _ in targets}
    assert ("torchrelay._legs", "torchrelay._path") in seen  # at the top
    assert ("torchrelay.cli._commands", "torchrelay.adapters") in seen  # inside a function
    assert ("torchrelay", "torchrelay.validation") in seen  # under TYPE_CHECKING
    for module in edges:
        layer_of(module)  # every module has a layer


def test_the_walk_counts_typing_and_function_imports_and_exempts_only_lazy_faces() -> None:
    """A TYPE_CHECKING import and a function-level import are edges; a face's __getattr__ is not."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from ._relay import Relay\n"
        "def f():\n    from ._legs import Leg\n"
        "def __getattr__(name):\n    from . import adapters\n    from ._path import Path\n"
    )
    as_module = list(imports("torchrelay._geo", source, is_package=False))
    assert [(t, e) for t, _, e in as_module] == [
        ("torchrelay._relay", False),
        ("torchrelay._legs", False),
        ("torchrelay.adapters", False),
        ("torchrelay._path", False),
    ]
    as_face = {t: e for t, _, e in imports("torchrelay", source, is_package=True)}
    assert as_face["torchrelay.adapters"] is True  # its own submodule, handed out lazily
    assert as_face["torchrelay._relay"] is False


def test_the_checks_find_a_cycle_and_a_back_edge() -> None:
    """The cycle and layer checks fail on a made-up graph that breaks them."""
    edges = {
        "torchrelay._path": [("torchrelay._legs", 3)],
        "torchrelay._legs": [("torchrelay._path", 5)],
    }
    assert find_cycle(edges) == ["torchrelay._legs", "torchrelay._path", "torchrelay._legs"]
    assert back_edges(edges) == ["torchrelay._path:3 -> torchrelay._legs"]


def test_imports_form_no_cycle() -> None:
    """No chain of imports, type-only and function-level ones included, comes back to its start."""
    cycle = find_cycle(graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_no_module_imports_a_layer_above_it() -> None:
    """Each import goes to the module's own layer or below, in the documented order."""
    assert back_edges(graph()) == []


def test_no_module_imports_the_package_by_name_at_run_time() -> None:
    """``importlib.import_module`` of our own modules hides an edge from the walk: only the hook may."""
    allowed = {"torchrelay", "torchrelay.testing._register"}
    hidden = [
        f"{module}:{line}"
        for module, path in MODULES.items()
        if module not in allowed
        for line in _importlib_calls(path.read_text(encoding="utf-8"))
    ]
    assert hidden == []
