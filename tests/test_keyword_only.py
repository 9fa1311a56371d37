"""Optional fields and parameters of the public API are keyword-only.

Swapped positional arguments build wrong but valid data (a region given as a
country, a name given as an id), so every optional field of every public class,
and every optional parameter of every public function and method, must be passed
by name. Ruff's FBT rules keep booleans keyword-only in the whole tree; this test
covers every other optional parameter of what the package exports.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest

import torchrelay

PUBLIC_MODULES = (
    "torchrelay",
    *(f"torchrelay.{m}" for m in torchrelay.__all__ if inspect.ismodule(getattr(torchrelay, m))),
)

#: Optional parameters that stay positional, each with the reason.
POSITIONAL_BY_DESIGN = {
    # A GeoJSON position is [lon, lat, alt]; the constructor mirrors it.
    "Coordinate.from_lonlat": {"alt"},
    # A track point is latitude, longitude, altitude, time: the columns in that order.
    "Path.from_arrays": {"altitudes", "times"},
    "Path.from_coordinates": {"times"},
    # It mirrors datetime(year, month, day, hour, minute, second, microsecond).
    "local_datetime": {"hour", "minute", "second", "microsecond"},
}


def _public_objects() -> Iterator[tuple[str, Any]]:
    seen: set[int] = set()
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if id(obj) in seen or inspect.ismodule(obj):
                continue
            seen.add(id(obj))
            yield name, obj


def _attrs_classes() -> list[tuple[str, type]]:
    return [(n, o) for n, o in _public_objects() if inspect.isclass(o) and attrs.has(o)]


def _callables() -> list[tuple[str, Callable[..., Any]]]:
    found: list[tuple[str, Callable[..., Any]]] = []
    for name, obj in _public_objects():
        if inspect.isfunction(obj):
            found.append((name, obj))
        elif inspect.isclass(obj):
            for member, value in vars(obj).items():
                if member.startswith("_") and member != "__call__":
                    continue
                function = (
                    value.__func__ if isinstance(value, classmethod | staticmethod) else value
                )
                if inspect.isfunction(function):
                    found.append((f"{name}.{member}", function))
    return found


def test_the_walk_finds_the_classes_and_functions() -> None:
    """The checks below are not vacuously green: they see the model and the API."""
    classes = {n for n, _ in _attrs_classes()}
    assert {"Leg", "Place", "Relay", "Torchbearer", "Policy", "Finding", "Location"} <= classes
    functions = {n for n, _ in _callables()}
    assert {"load", "dump", "validate", "Path.from_arrays", "Relay.distance"} <= functions


@pytest.mark.parametrize(("name", "cls"), _attrs_classes(), ids=lambda v: getattr(v, "__name__", v))
def test_optional_fields_are_keyword_only(name: str, cls: type) -> None:
    """Every field with a default is keyword-only, so no optional value is given by position."""
    positional = [f.name for f in attrs.fields(cls) if f.init and not f.kw_only]
    loose = [
        f.name
        for f in attrs.fields(cls)
        if f.init and not f.kw_only and f.default is not attrs.NOTHING
    ]
    assert loose == [], f"{name}({', '.join(positional)}, *, ...): make {loose} keyword-only"


@pytest.mark.parametrize(
    ("name", "function"), _callables(), ids=lambda v: getattr(v, "__qualname__", v)
)
def test_optional_parameters_are_keyword_only(name: str, function: Callable[..., Any]) -> None:
    """Every parameter with a default is keyword-only, except the few listed with a reason."""
    allowed = POSITIONAL_BY_DESIGN.get(name, set())
    loose = {
        p.name
        for p in inspect.signature(function).parameters.values()
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and p.default is not p.empty
    }
    assert loose - allowed == set(), f"{name}: make {sorted(loose - allowed)} keyword-only"


def test_the_exceptions_still_apply() -> None:
    """Each listed exception names a parameter that exists and is still positional."""
    functions = dict(_callables())
    for name, params in POSITIONAL_BY_DESIGN.items():
        signature = inspect.signature(functions[name])
        for param in params:
            assert signature.parameters[param].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD


def test_a_swapped_optional_argument_is_refused() -> None:
    """Giving an optional field by position is a TypeError, not a wrong but valid value."""
    moscow = torchrelay.Coordinate(55.7539, 37.6208)
    with pytest.raises(TypeError, match="positional"):
        torchrelay.Place("Moscow", moscow, "Europe/Moscow")  # type: ignore[misc]
    with pytest.raises(TypeError, match="positional"):
        torchrelay.Coordinate(55.7539, 37.6208, 150.0)  # type: ignore[misc]
