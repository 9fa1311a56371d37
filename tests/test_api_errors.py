"""Every error the API raises for misuse is ours, names what was wrong, and subclasses a builtin."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pendulum
import pytest

import torchrelay
from torchrelay import (
    MODE_TABLE,
    Coordinate,
    FlameState,
    Leg,
    Path,
    Place,
    Relay,
    Speed,
    Torchbearer,
    TransportMode,
    local_datetime,
)
from torchrelay.adapters import native
from torchrelay.datasets import demo_relay
from torchrelay.exceptions import (
    InvalidTypeError,
    InvalidValueError,
    NotFoundError,
    ParseError,
    TorchRelayError,
    UnknownTimezoneError,
)
from torchrelay.validation import Origin, Policy, Severity

MOSCOW = Place("Moscow", Coordinate(55.7539, 37.6208), timezone="Europe/Moscow")


def _leg(**changes: object) -> Leg:
    fields: dict[str, object] = {
        "origin": MOSCOW,
        "destination": MOSCOW,
        "departs": pendulum.datetime(2013, 10, 7, 12, tz="Europe/Moscow"),
        "arrives": pendulum.datetime(2013, 10, 7, 14, tz="Europe/Moscow"),
        "mode": TransportMode.RUNNING,
        "flame": FlameState.LIT_TORCH,
    }
    fields.update(changes)
    return Leg(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "kind", "match"),
    [
        (lambda: Severity("x"), InvalidValueError, r"'x' is not a Severity: use one of 'error'"),
        (lambda: Origin("x"), InvalidValueError, r"'x' is not an Origin: use one of 'charter'"),
        (lambda: Speed.from_kmh("10"), InvalidTypeError, r"'kmh' must be a number \(got str"),
        (lambda: Speed.from_knots(None), InvalidTypeError, r"'knots' must be a number"),
        (
            lambda: local_datetime(2009, 2, 30, tz="UTC"),
            InvalidValueError,
            r"not a date and time on the calendar: day is out of range",
        ),
        (
            lambda: Relay("r", "g", _leg()),
            InvalidTypeError,
            r"^'legs' must be a sequence, such as a list \(got Leg: a Leg\); put a single",
        ),
        (
            lambda: _leg(torchbearers="Simon"),
            InvalidTypeError,
            r"^'torchbearers' must be a sequence, such as a list \(got str: 'Simon'\)",
        ),
        (lambda: _leg(id=""), InvalidValueError, r"^'id' must be a non-empty text"),
        (
            lambda: Relay("r", "g", [], day_one="2009-10-30"),
            InvalidTypeError,
            r"^'day_one' must be a datetime\.date",
        ),
        (
            lambda: Place("x", Coordinate(0, 0), timezone="localtime"),
            UnknownTimezoneError,
            "'localtime'",
        ),
        (
            lambda: Place("x", Coordinate(0, 0), timezone="Factory"),
            UnknownTimezoneError,
            "'Factory'",
        ),
        (
            lambda: Place("x", Coordinate(0, 0), timezone="posix/UTC"),
            UnknownTimezoneError,
            "posix/UTC",
        ),
        (lambda: Place("x", Coordinate(0, 0), timezone=3), InvalidTypeError, "must be a text"),
        (
            lambda: Path(np.array([0.0]), np.array([0.0]), None, None),
            InvalidValueError,
            r"build a Path with Path\.from_arrays\(\)",
        ),
    ],
)
def test_misuse_raises_our_error_with_a_message(call: object, kind: type, match: str) -> None:
    """Each misuse that used to escape as a plain builtin is one of ours, and says what was wrong."""
    with pytest.raises(kind, match=match) as caught:
        call()  # type: ignore[operator]
    assert isinstance(caught.value, TorchRelayError)


def test_severities_order_every_way() -> None:
    """ERROR >= WARNING >= INFO, with all four comparisons."""
    assert Severity.ERROR >= Severity.WARNING >= Severity.INFO
    assert Severity.INFO <= Severity.WARNING <= Severity.ERROR
    assert Severity.WARNING >= Severity.WARNING
    assert not Severity.INFO >= Severity.ERROR
    assert sorted([Severity.ERROR, Severity.INFO, Severity.WARNING]) == [
        Severity.INFO,
        Severity.WARNING,
        Severity.ERROR,
    ]


def test_a_missing_leg_or_branch_is_a_lookup_error_of_ours() -> None:
    """Relay.leg and Relay.branch raise NotFoundError, a KeyError and LookupError, naming what."""
    relay = demo_relay()
    with pytest.raises(NotFoundError, match="has the id 'day-99'") as caught:
        relay.leg("day-99")
    assert isinstance(caught.value, KeyError)
    assert isinstance(caught.value, LookupError)
    assert str(caught.value).startswith("no leg of relay")
    with pytest.raises(LookupError, match="no branch named 'south-pole'"):
        relay.branch("south-pole")


def test_frozen_means_frozen() -> None:
    """Path columns cannot be made writable again; module tables and policy tolerances are read-only."""
    path = Path.from_arrays([0.0, 1.0], [0.0, 1.0], [1.0, 2.0], [0.0, 1.0], offsets=[0, 0])
    for column in (path.latitudes, path.longitudes, path.altitudes, path.times, path.offsets):
        assert column is not None
        with pytest.raises(ValueError, match="WRITEABLE"):
            column.flags.writeable = True
    with pytest.raises(TypeError):
        MODE_TABLE[TransportMode.RUNNING] = MODE_TABLE[TransportMode.WALKING]  # type: ignore[index]
    policy = Policy()
    with pytest.raises(TypeError):
        policy.continuity_tolerance_km[next(iter(policy.continuity_tolerance_km))] = 0.0  # type: ignore[index]


def test_testing_without_hypothesis_names_the_extra() -> None:
    """Importing torchrelay.testing where hypothesis is missing raises MissingDependencyError."""
    code = textwrap.dedent(
        """
        import sys

        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "hypothesis" or name.startswith("hypothesis."):
                    raise ImportError("no hypothesis here")
                return None

        sys.meta_path.insert(0, Block())
        try:
            import torchrelay.testing
        except Exception as error:
            print(type(error).__name__, isinstance(error, ImportError), error)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.stdout.strip() == (
        "MissingDependencyError True torchrelay.testing needs hypothesis: "
        "pip install 'torchrelay[test]' (from a checkout: pip install -e '.[test]')"
    )


def test_one_pass_reports_relay_level_problems_at_their_fields() -> None:
    """A bad leg and a bad relay zone are both reported, each at its field, with the error class."""
    doc = json.loads(native.dumps(demo_relay()))
    doc["legs"][1]["arrives"] = "2013-10-01T00:00:00+04:00[Europe/Moscow]"
    doc["timezone"] = "Mars/Olympus"
    with pytest.raises(ParseError) as caught:
        native.loads(json.dumps(doc))
    problems = {p.path: p for p in caught.value.problems}
    assert set(problems) == {("legs", 1, "arrives"), ("timezone",)}
    assert problems[("legs", 1, "arrives")].error == "TimeOrderError"
    assert problems[("timezone",)].error == "UnknownTimezoneError"
    assert problems[("timezone",)].location.path == "timezone"


def test_duplicate_leg_ids_are_reported_at_the_second_id() -> None:
    """Two legs with one id: the problem stands at the second one's id."""
    doc = json.loads(native.dumps(demo_relay()))
    doc["legs"][1]["id"] = doc["legs"][0]["id"]
    with pytest.raises(ParseError, match=r"legs\[1\]\.id: leg id .* is used twice") as caught:
        native.loads(json.dumps(doc))
    assert caught.value.problems[0].path == ("legs", 1, "id")


def test_every_exception_class_subclasses_a_builtin() -> None:
    """Each class in the tree is also a builtin exception, for code that catches those."""
    builtins = (ValueError, TypeError, LookupError, OSError, ImportError)
    for name in torchrelay.exceptions.__all__:
        cls = getattr(torchrelay.exceptions, name)
        if (
            isinstance(cls, type)
            and issubclass(cls, TorchRelayError)
            and cls is not TorchRelayError
        ):
            assert issubclass(cls, builtins), name


def test_a_torchbearer_id_must_be_text() -> None:
    """A number as an id is refused, naming the field."""
    with pytest.raises(InvalidTypeError, match=r"^'id' must be a non-empty text \(got 7\)$"):
        Torchbearer(id=7)  # type: ignore[arg-type]
