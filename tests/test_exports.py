"""What torchrelay makes public, and that it says so consistently.

After httpx's ``tests/test_exported_members.py``.
"""

from __future__ import annotations

import builtins
import importlib
import importlib.metadata
import importlib.resources
import inspect
import json
import pkgutil
import re
import subprocess
import sys
import textwrap
from types import ModuleType

import pytest

import torchrelay
import torchrelay._errors
import torchrelay.adapters
import torchrelay.adapters.native
import torchrelay.exceptions
import torchrelay.plot
import torchrelay.testing

# Every module of the package, found by walking it, so that a new private module
# cannot be missed. __main__ is a script, not a module of names.
_ALL_MODULES = tuple(
    info.name.removeprefix("torchrelay.")
    for info in pkgutil.walk_packages(torchrelay.__path__, "torchrelay.")
    if not info.name.endswith(".__main__")
)
PRIVATE_MODULES = tuple(name for name in _ALL_MODULES if name.startswith("_"))
# Private modules inside the public subpackages: their subpackage is their public face.
NESTED_PRIVATE_MODULES = tuple(
    name for name in _ALL_MODULES if "." in name and "._" in f".{name}" and name[0] != "_"
)
PUBLIC_SUBMODULES = ("adapters", "datasets", "exceptions", "plot", "testing", "validation")
# Submodules that need an extra: public, but not in __all__, so that a star
# import works on a plain install (see test_star_import_needs_no_extra).
NEEDS_EXTRA = {"plot", "testing"}

# Names that a private module lists in its own __all__ (so that sibling modules
# may import them) but that the package does not export. Each is a decision to
# revisit, not an oversight to hide: see the report that introduced this list.
NOT_EXPORTED = {
    # The error classes' face is torchrelay.exceptions (checked below), not the package.
    "_errors": set(torchrelay._errors.__all__) - set(torchrelay.__all__),
    "_claims": {"claims_about"},  # Relay.claims_about is the public way in
    "_geo": {"geodesic_meters"},  # Coordinate.distance_to is the public way in
    "_people": {"PSEUDONYM"},  # a mark read by redact(), which is the public way in
    "_legs": {"tuple_of"},  # an attrs validator shared by _legs and _relay
    # used by the constructors and the readers: one home for instants, not API
    "_time": {"to_instant", "instant_key", "offset_text", "utc", "zone_label", "zone_name"},
    # the checks and converters behind Extras and Path; the classes are the way in
    "_extras": {"MAX_EXTRAS_DEPTH", "JSONValue", "check_json", "to_extras"},
    "_bounds": {"boxes_hull", "columns_box"},  # Leg.bounds, Path.bounds, Relay.bounds
    # the one arc of longitude behind every box and the map's window; BoundingBox is the way in
    "_arcs": {"arc_hull", "interval_hull", "points_arc", "wrap"},
    "_branch": {"branch_feature"},  # Branch.__geo_interface__ and Relay's
    # the calendar's working parts; Relay.days, day_number, compare_days are the way in
    "_calendar": {
        "Calendar",
        "calendar_of",
        "compare_days",
        "days_inclusive",
        "end_of",
        "last_date",
        "length_in_days",
        "local_date",
        "relay_days",
    },
    # geodesy on columns for the model, validation and the writers (densify), not API
    "_geodesy": {
        "FLATTENING",
        "FloatArray",
        "azimuths",
        "bearings",
        "densify",
        "distance",
        "distances",
        "line_length",
        "locate",
        "point_at_distance",
        "point_at_fraction",
        "point_on_segment",
        "segment_lengths",
    },
    # the one leg-distance rule on columns; Leg.distance and Relay.distance are the way in
    "_legdistance": {
        "BASES",
        "CodeArray",
        "DECLARED",
        "NO_DISTANCE",
        "ON_PATH",
        "STRAIGHT",
        "distance_of",
        "ground_distance",
        "leg_distance",
    },
    # the relay's column view; Ends and Points are public in torchrelay.validation
    "_legtable": {"Ends", "LegTable", "Lines", "Points", "table_of"},
    "_measure": {"vertical_rise"},  # Leg.displacement and displacement() are the way in
    "_along": {"check_fraction", "line_point", "point_at_time"},  # Path, Leg, Relay.where
    # unit constants and duration helpers; Distance and Speed are the way in
    "_units": {
        "KMH_PER_MPS",
        "METERS_PER_KM",
        "METERS_PER_MILE",
        "METERS_PER_NAUTICAL_MILE",
        "MPS_PER_KNOT",
        "MPS_PER_MPH",
        "SECONDS_PER_HOUR",
        "as_duration",
        "meters_of",
        "seconds_between",
    },
    "_whereabouts": {"where"},  # Relay.where is the way in
    # GeoJSON geometry from columns, behind __geo_interface__ and the GeoJSON format
    "_geometry": {
        "ELLIPSOID",
        "TOLERANCE_M",
        "collection",
        "feature",
        "heights",
        "leg_feature",
        "line",
        "merge_boxes",
        "place_feature",
        "point",
        "position",
    },
    # the model's shared converters and validators: building blocks, not API
    "_convert": {
        "NAMESPACED_PATTERN",
        "Choice",
        "bad_character",
        "check_text",
        "finite_number",
        "non_negative",
        "date_only",
        "namespaced_items",
        "namespaced_key",
        "nonempty_text",
        "of_type",
        "optional_date",
        "optional_id",
        "optional_text",
        "to_tuple",
        "tuple_of",
    },
    "_columns": {
        "FloatArray",
        "OffsetArray",
        "checked_lonlat",
        "columns_equal",
        "first_bad",
        "float_column",
        "offsets_column",
        "read_only",
        "segment_starts_of",
        "times_and_offsets",
    },
}

# Functions a private module defines for its siblings without listing them in its
# __all__. Found when PRIVATE_MODULES became a walk of the package; each module
# should list them (and NOT_EXPORTED excuse them) when it is next edited.
NOT_LISTED = {
    "_time": {"optional_timezone"},
}

_CONSTANT = re.compile(r"[A-Z0-9_]+\Z")


def _ruff_order(name: str) -> tuple[int, str]:
    """The order ruff's RUF022 keeps ``__all__`` in (isort style).

    SCREAMING_CASE constants first, then CamelCase classes, then everything
    else, each group in code-point order. ``pyproject.toml`` selects RUF, so
    this is the order ``ruff check`` enforces; a plain ``sorted()`` would put
    ``AltitudeReference`` before ``MODE_TABLE`` and fail ruff.
    """
    if len(name) > 1 and _CONSTANT.match(name) and not name.startswith("_"):
        group = 0
    elif name[:1].isupper():
        group = 1
    else:
        group = 2
    return (group, name)


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"torchrelay.{name}")


PUBLIC_MODULES = [
    torchrelay,
    torchrelay.adapters,
    torchrelay.adapters.native,
    torchrelay.exceptions,
    torchrelay.plot,
    torchrelay.testing,
]


@pytest.mark.parametrize("module", PUBLIC_MODULES, ids=lambda m: m.__name__)
def test_all_is_sorted(module: ModuleType) -> None:
    """Every public module's __all__ is in the order ruff enforces, so it diffs cleanly."""
    assert list(module.__all__) == sorted(module.__all__, key=_ruff_order)


@pytest.mark.parametrize("module", PUBLIC_MODULES, ids=lambda m: m.__name__)
def test_all_has_no_duplicates(module: ModuleType) -> None:
    """No name is listed twice in a public module's __all__."""
    assert len(set(module.__all__)) == len(module.__all__)


@pytest.mark.parametrize("module", PUBLIC_MODULES, ids=lambda m: m.__name__)
def test_every_listed_name_exists(module: ModuleType) -> None:
    """Every name in a public module's __all__ can be imported from it."""
    missing = [name for name in module.__all__ if not hasattr(module, name)]
    assert missing == []


@pytest.mark.parametrize("name", PRIVATE_MODULES)
def test_private_modules_list_only_their_own_names(name: str) -> None:
    """A private module's __all__ names only things that exist in it."""
    module = _module(name)
    assert [n for n in module.__all__ if not hasattr(module, n)] == []


@pytest.mark.parametrize("name", PRIVATE_MODULES)
def test_every_public_name_of_a_private_module_is_exported(name: str) -> None:
    """What a private module lists in __all__ is exported from torchrelay, as the same object.

    The only exceptions are the helpers in NOT_EXPORTED.
    """
    module = _module(name)
    expected = set(module.__all__) - NOT_EXPORTED.get(name, set())
    assert expected - set(torchrelay.__all__) == set()
    for member in expected:
        assert getattr(torchrelay, member) is getattr(module, member)


@pytest.mark.parametrize("name", PRIVATE_MODULES)
def test_every_public_class_and_function_is_listed(name: str) -> None:
    """Every public class or function defined in a private module is in its __all__.

    So that the export check above cannot be dodged by forgetting __all__.
    """
    module = _module(name)
    defined = {
        member
        for member, value in vars(module).items()
        if not member.startswith("_")
        and (inspect.isclass(value) or inspect.isfunction(value))
        and value.__module__ == module.__name__
    }
    assert defined - set(module.__all__) - NOT_LISTED.get(name, set()) == set()


def test_private_modules_are_found() -> None:
    """The walk finds the private modules, so the checks above are not vacuously green."""
    assert {"_geo", "_relay", "_people", "_extras", "_convert"} <= set(PRIVATE_MODULES)
    assert {"adapters._format", "validation._rules.flame"} <= set(NESTED_PRIVATE_MODULES)
    assert all(hasattr(_module(name), "__all__") for name in PRIVATE_MODULES)


@pytest.mark.parametrize("name", NESTED_PRIVATE_MODULES)
def test_nested_private_modules_import_and_list_only_their_own_names(name: str) -> None:
    """Each private module inside a subpackage imports, and its __all__ (if any) names what it has."""
    module = _module(name)
    assert [n for n in getattr(module, "__all__", ()) if not hasattr(module, n)] == []


def test_every_public_attribute_of_the_package_is_listed() -> None:
    """Every public attribute of torchrelay, submodules included, is in __all__ (httpx's check).

    Public submodules are loaded first, so that attributes set by importing them count too.
    ``cli`` is the home of the ``torchrelay`` command, reached through its entry point;
    importing it sets the attribute, which is not an API.
    """
    for name in PUBLIC_SUBMODULES:
        importlib.import_module(f"torchrelay.{name}")
    public = {name for name in dir(torchrelay) if not name.startswith("_")}
    assert public - set(torchrelay.__all__) - {"cli"} == NEEDS_EXTRA


def test_all_lists_the_public_submodules() -> None:
    """__all__ names each public submodule but those needing an extra, and each is a module."""
    assert set(PUBLIC_SUBMODULES) - NEEDS_EXTRA <= set(torchrelay.__all__)
    assert not NEEDS_EXTRA & set(torchrelay.__all__)
    for name in PUBLIC_SUBMODULES:
        assert isinstance(getattr(torchrelay, name), ModuleType)
        assert name in dir(torchrelay)


def test_star_import_needs_no_extra() -> None:
    """``from torchrelay import *`` works without matplotlib and hypothesis (the tutorial's first line)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "for name in ('matplotlib', 'hypothesis'):\n"
        "    sys.modules[name] = None  # as if not installed\n"
        "from torchrelay import *\n"
        "print(Place.__name__, validate.__name__, sorted(set(dir()) & {'plot', 'testing'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["Place", "validate", "[]"]


def test_every_public_module_under_the_package_is_a_public_submodule() -> None:
    """Each module or package without a leading underscore is one of the listed public submodules.

    ``cli`` is the command's home, reached through the entry point, not an API.
    """
    found = {info.name for info in pkgutil.iter_modules(torchrelay.__path__)}
    public = {name for name in found if not name.startswith("_")}
    assert public - {"cli"} == set(PUBLIC_SUBMODULES)


_FRESH_IMPORT = textwrap.dedent(
    """
    import json, sys
    import torchrelay
    loaded = sorted(sys.modules)
    touched = [torchrelay.adapters.native.__name__, torchrelay.validation.__name__,
               torchrelay.datasets.__name__, torchrelay.testing.__name__,
               torchrelay.exceptions.__name__, torchrelay.load.__name__,
               torchrelay.validate.__name__, torchrelay.Severity.__name__]
    print(json.dumps({"loaded": loaded, "touched": touched}))
    """
)


def test_import_loads_no_format_rule_or_geopy() -> None:
    """``import torchrelay`` loads no format, no validation rule and no geopy; all load on use.

    Run in a fresh interpreter, since this test session has imported everything.
    """
    done = subprocess.run(
        [sys.executable, "-c", _FRESH_IMPORT], capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout)
    loaded = set(result["loaded"])
    assert not {m for m in loaded if m == "geopy" or m.startswith("geopy.")}
    assert not {m for m in loaded if m.startswith(("torchrelay.adapters", "torchrelay.validation"))}
    assert not {m for m in loaded if m.startswith(("torchrelay.datasets", "torchrelay.testing"))}
    assert "hypothesis" not in loaded
    assert not {
        m for m in loaded if m == "matplotlib" or m.startswith(("matplotlib.", "torchrelay.plot"))
    }
    assert result["touched"] == [
        "torchrelay.adapters.native",
        "torchrelay.validation",
        "torchrelay.datasets",
        "torchrelay.testing",
        "torchrelay.exceptions",
        "load",
        "validate",
        "Severity",
    ]


def test_lazy_names_are_the_submodules_own() -> None:
    """A name loaded on first use is the very object its submodule defines."""
    assert torchrelay.load is torchrelay.adapters.load
    assert torchrelay.dump is torchrelay.adapters.dump
    for name in ("Finding", "Policy", "Rule", "Severity", "ValidationReport", "validate"):
        assert getattr(torchrelay, name) is getattr(torchrelay.validation, name)


def test_unknown_attribute_is_an_attribute_error() -> None:
    """Asking the package for a name it does not have raises AttributeError, naming it."""
    with pytest.raises(AttributeError, match="no_such_thing"):
        torchrelay.no_such_thing  # noqa: B018


def test_geopy_loads_on_first_geodesic() -> None:
    """geopy is imported by the first geopy-backed call, not before."""
    code = (
        "import sys, torchrelay as t; a = 'geopy' in sys.modules; "
        "t.Coordinate(0, 0).distance_to(t.Coordinate(0, 1)); print(a, 'geopy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_not_exported_list_is_current() -> None:
    """Every helper excused from export is still listed by its module, so the list cannot rot."""
    for name, members in NOT_EXPORTED.items():
        assert members <= set(_module(name).__all__), name
        assert members.isdisjoint(torchrelay.__all__), name
    for name, members in NOT_LISTED.items():
        module = _module(name)
        assert all(inspect.isfunction(getattr(module, m, None)) for m in members), name
        assert members.isdisjoint(module.__all__), name


def _defined_in_exceptions() -> list[type[BaseException]]:
    module = torchrelay.exceptions
    return [
        value
        for value in vars(module).values()
        if inspect.isclass(value)
        and issubclass(value, BaseException)
        and value.__module__ == module.__name__
    ]


def _exception_classes() -> list[type[BaseException]]:
    """The errors; the warnings (also Exception subclasses) are checked apart."""
    return [c for c in _defined_in_exceptions() if not issubclass(c, Warning)]


def _warning_classes() -> list[type[BaseException]]:
    return [c for c in _defined_in_exceptions() if issubclass(c, Warning)]


def test_exceptions_are_all_listed() -> None:
    """Every exception and warning class defined in torchrelay.exceptions is in its __all__."""
    classes = _defined_in_exceptions()
    assert len(classes) >= 10
    assert {c.__name__ for c in classes} <= set(torchrelay.exceptions.__all__)


@pytest.mark.parametrize("cls", _warning_classes(), ids=lambda c: c.__name__)
def test_every_warning_is_a_user_warning_and_no_error(cls: type[BaseException]) -> None:
    """torchrelay's warnings are UserWarnings, so filters select them, and never TorchRelayErrors.

    Catching TorchRelayError must not catch a warning turned into an error.
    """
    assert issubclass(cls, UserWarning)
    assert not issubclass(cls, torchrelay.TorchRelayError)


def test_the_tree_drawing_names_every_class() -> None:
    """The tree at the top of torchrelay.exceptions draws every class it defines."""
    doc = torchrelay.exceptions.__doc__ or ""
    missing = [c.__name__ for c in _defined_in_exceptions() if f" {c.__name__}" not in doc]
    assert missing == []


@pytest.mark.parametrize("cls", _exception_classes(), ids=lambda c: c.__name__)
def test_every_exception_is_a_torchrelay_error(cls: type[BaseException]) -> None:
    """Catching TorchRelayError catches every error torchrelay defines."""
    assert issubclass(cls, torchrelay.TorchRelayError)


@pytest.mark.parametrize(
    "cls",
    [c for c in _exception_classes() if c is not torchrelay.TorchRelayError],
    ids=lambda c: c.__name__,
)
def test_every_exception_is_also_a_builtin_one(cls: type[BaseException]) -> None:
    """Each error also subclasses a specific builtin, so ``except ValueError`` keeps working."""
    generic = {BaseException, Exception, object}
    specific = [
        base
        for base in cls.__mro__
        if base not in generic and getattr(builtins, base.__name__, None) is base
    ]
    assert specific, f"{cls.__name__} subclasses no specific builtin exception"
    assert any(
        issubclass(cls, b) for b in (ValueError, TypeError, LookupError, ImportError, OSError)
    )


def test_base_error_is_exported_from_the_package() -> None:
    """The base error is reachable as torchrelay.TorchRelayError too."""
    assert torchrelay.TorchRelayError is torchrelay.exceptions.TorchRelayError


def test_version_matches_the_installed_metadata() -> None:
    """torchrelay.__version__ is the version pip installed, not a second copy of it."""
    assert torchrelay.__version__ == importlib.metadata.version("torchrelay")


def test_py_typed_ships() -> None:
    """The package carries the PEP 561 marker, so type checkers read its annotations."""
    assert importlib.resources.files("torchrelay").joinpath("py.typed").is_file()


def test_the_error_classes_are_the_faces_own() -> None:
    """Every class of torchrelay._errors is in torchrelay.exceptions, as the same object, there."""
    from torchrelay import _errors

    for name in _errors.__all__:
        cls = getattr(_errors, name)
        assert getattr(torchrelay.exceptions, name) is cls
        assert name in torchrelay.exceptions.__all__
        assert cls.__module__ == "torchrelay.exceptions"
