"""One location type for readers and validation: ``torchrelay.exceptions.Location``."""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import torchrelay
from torchrelay.adapters import native
from torchrelay.datasets import demo_relay
from torchrelay.exceptions import (
    InvalidTypeError,
    InvalidValueError,
    Location,
    ParseError,
    Problem,
)
from torchrelay.validation import Location as ValidationLocation

names = st.from_regex(r"\A[a-z_]{1,8}\Z")
parts = st.lists(st.one_of(names, st.integers(0, 10**6)), max_size=6).map(tuple)


def test_validation_and_parsing_share_the_type() -> None:
    """torchrelay.validation.Location is the class ParseError's problems carry."""
    assert ValidationLocation is Location
    problem = Problem("legs[1].arrives", "m")
    assert type(problem.location) is Location


def test_a_reader_and_validation_point_at_the_same_field_alike() -> None:
    """A bad arrival found by the reader and by validation has the same parts and path."""
    doc = json.loads(native.dumps(demo_relay()))
    doc["legs"][1]["arrives"] = "2013-10-01T00:00:00+04:00[Europe/Moscow]"
    with pytest.raises(ParseError) as caught:
        native.loads(json.dumps(doc))
    (problem,) = caught.value.problems
    assert problem.location.parts == ("legs", 1, "arrives")
    assert problem.path == ("legs", 1, "arrives")
    assert str(problem) == f"legs[1].arrives: {problem.message}"

    relay = demo_relay()
    late = relay.legs[1].arrives.add(days=30)  # type: ignore[union-attr]
    legs = [relay.legs[0], attrs.evolve(relay.legs[1], arrives=late), *relay.legs[2:]]
    findings = torchrelay.validate(attrs.evolve(relay, legs=legs)).findings
    at_leg = [f.location for f in findings if f.location and f.location.parts[:2] == ("legs", 1)]
    assert at_leg, [str(f) for f in findings]
    assert all(type(where) is Location for where in at_leg)
    assert all(Location.parse(where.path).parts == where.parts for where in at_leg)


def test_text_positions_read_back() -> None:
    """Malformed JSON is located by line and column, as fields of the location."""
    with pytest.raises(ParseError) as caught:
        native.loads('{\n  "format": "torchrelay",\n  oops\n}')
    where = caught.value.problems[0].location
    assert (where.line, where.column, where.parts) == (3, 3, ())
    assert str(where) == "line 3, column 3"
    assert str(caught.value).startswith("line 3, column 3: ")


@given(parts)
def test_parts_and_text_round_trip(value: tuple[str | int, ...]) -> None:
    """A location's text reads back to the same parts."""
    where = Location(parts=value)
    assert Location.parse(where.path) == where
    assert Location.parse(str(where)).parts == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("line 12, column 4", Location(line=12, column=4)),
        ("line 7", Location(line=7)),
        ("byte 9", Location(offset=9)),
        ("", Location()),
        ("branches[1].legs[0].path[17]", Location.at("branches", 1, "legs", 0, "path", 17)),
    ],
)
def test_parse(text: str, expected: Location) -> None:
    """Each kind of location text is read into its fields."""
    assert Location.parse(text) == expected
    assert str(expected) == text


def test_to_dict_has_every_key() -> None:
    """The JSON form has the text path, the parts and every field, present or None."""
    where = Location.at("legs", 2, leg=2, field="flame")
    assert where.to_dict() == {
        "path": "legs[2]",
        "parts": ["legs", 2],
        "line": None,
        "column": None,
        "offset": None,
        "branch": None,
        "leg": 2,
        "leg_id": None,
        "field": "flame",
        "point": None,
        "torchbearer": None,
    }


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: Location(parts="legs[1]"), InvalidTypeError, "not the text 'legs\\[1\\]'"),
        (lambda: Location(parts=("legs", 1.5)), InvalidTypeError, "not float"),
        (lambda: Location(parts=("legs", True)), InvalidTypeError, "not bool"),
        (lambda: Location(parts=("legs", -1)), InvalidValueError, "must not be negative"),
        (lambda: Location(parts=5), InvalidTypeError, "tuple of names and indices"),
        (lambda: Location(line=-1), InvalidValueError, "'line' must not be negative"),
        (lambda: Location(leg="1"), InvalidTypeError, "'leg' must be a whole number"),
        (lambda: Location(field=3), InvalidTypeError, "'field' must be a text"),
        (lambda: Location.parse(None), InvalidTypeError, "must be a str"),
    ],
)
def test_bad_locations_are_refused(build: object, error: type[Exception], message: str) -> None:
    """A location is checked in its constructor, with the field named."""
    with pytest.raises(error, match=message):
        build()  # type: ignore[operator]
