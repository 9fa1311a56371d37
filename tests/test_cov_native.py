"""The native format's path columns, its document checks and its file functions, problem by problem."""

from __future__ import annotations

import json
import pathlib
from typing import Any

import attrs
import pytest

from torchrelay import Path, Relay
from torchrelay.adapters import native
from torchrelay.datasets import demo_relay
from torchrelay.exceptions import InvalidTypeError, ParseError

REMOVE = object()


def _relay_with_path() -> Relay:
    relay = demo_relay()
    path = Path.from_arrays(
        [55.75, 55.76],
        [37.62, 37.63],
        times=[1_381_132_800.0, 1_381_132_860.0],
        offsets=[14_400, None],
        columns={"gpxtpx:hr": [120.0, 121.0]},
    )
    return attrs.evolve(relay, legs=(relay.legs[0], attrs.evolve(relay.legs[1], path=path)))


def _problems(**changes: Any) -> list[tuple[str, str]]:
    """Each problem's location and message once *changes* are made to the path's document."""
    doc = json.loads(native.dumps(_relay_with_path()))
    path = doc["legs"][1]["path"]
    for key, value in changes.items():
        if value is REMOVE:
            del path[key]
        else:
            path[key] = value
    with pytest.raises(ParseError) as caught:
        native.loads(json.dumps(doc))
    return [(str(p.location), p.message) for p in caught.value.problems]


def test_the_path_document_reads_back() -> None:
    """The relay the cases below break is itself valid and round-trips."""
    relay = _relay_with_path()
    assert native.loads(native.dumps(relay)) == relay


HERE = "legs[1].path"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"latitudes": "55.75"}, [(f"{HERE}.latitudes", "must be an array (got a string)")]),
        ({"latitudes": REMOVE}, [(f"{HERE}.latitudes", "is required")]),
        (
            {"times": [True, None]},
            [(f"{HERE}.times[0]", "must be a number or null (got a boolean)")],
        ),
        ({"columns": []}, [(f"{HERE}.columns", "must be an object (got an array)")]),
        (
            {"columns": {"gpxtpx:hr": 120}},
            [(f"{HERE}.columns.gpxtpx:hr", "must be an object (got a number)")],
        ),
        (
            {"columns": {"gpxtpx:hr": {"type": "number"}}},
            [
                (
                    f"{HERE}.columns.gpxtpx:hr",
                    'must be {"type": "number" or "text", "values": [...]}',
                )
            ],
        ),
        (
            {"columns": {"gpxtpx:hr": {"type": "integer", "values": [1, 2]}}},
            [
                (
                    f"{HERE}.columns.gpxtpx:hr",
                    'must be {"type": "number" or "text", "values": [...]}',
                )
            ],
        ),
        (
            {"columns": {"gpx:name": {"type": "text", "values": [1, None]}}},
            [(f"{HERE}.columns.gpx:name.values", "must be an array of strings or null")],
        ),
        (
            {"columns": {"gpxtpx:hr": {"type": "number", "values": ["120", None]}}},
            [(f"{HERE}.columns.gpxtpx:hr.values[0]", "must be a number or null (got a string)")],
        ),
        (
            {"segment_starts": [1.5]},
            [(f"{HERE}.segment_starts", "must be an array of whole numbers")],
        ),
        (
            {"altitude_reference": "sea"},
            [
                (
                    f"{HERE}.altitude_reference",
                    "must be one of 'mean_sea_level', 'ellipsoid', 'water_surface', 'ground' "
                    "(got 'sea')",
                )
            ],
        ),
        ({"timezone": 4}, [(f"{HERE}.timezone", "must be a string (got a number)")]),
        ({"offsets": [1.5, None]}, [(f"{HERE}.offsets", "must be whole seconds or null")]),
    ],
)
def test_each_bad_path_field_is_one_located_problem(
    changes: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    """A path field of the wrong shape gives one problem, at that field, saying what it must be."""
    assert _problems(**changes) == expected


def test_every_bad_path_field_is_reported_in_one_pass() -> None:
    """Three bad fields of one path give three problems, not the first alone."""
    problems = _problems(timezone=4, segment_starts="2", columns={"gpxtpx:hr": {"type": "x"}})
    assert [where for where, _ in problems] == [
        f"{HERE}.segment_starts",
        f"{HERE}.columns.gpxtpx:hr",
        f"{HERE}.timezone",
    ]


def test_dumps_takes_a_relay_only() -> None:
    """dumps() of anything but a Relay is an InvalidTypeError naming what it got."""
    with pytest.raises(InvalidTypeError) as caught:
        native.dumps(json.loads(native.dumps(demo_relay())))
    assert str(caught.value) == "dumps() takes a Relay (got dict)"


@pytest.mark.parametrize("kind", [bytearray, memoryview])
def test_loads_reads_any_bytes_like_document(kind: type) -> None:
    """A document as a bytearray or a memoryview reads as the same relay as bytes."""
    data = native.dumps(demo_relay()).encode("utf-8")
    assert native.loads(kind(data)) == demo_relay()


@pytest.mark.parametrize("text", ["[1]", '"relay"', "null", "3"])
def test_a_document_must_be_an_object(text: str) -> None:
    """JSON that is not an object is one problem, for the whole document, naming the input."""
    with pytest.raises(ParseError) as caught:
        native.loads(text, source="x.relay.json")
    assert str(caught.value) == "x.relay.json: the document must be a JSON object"
    assert caught.value.source == "x.relay.json"


def test_a_schema_reference_must_be_a_string() -> None:
    """A "$schema" that is not a string is refused, at "$schema"."""
    doc = json.loads(native.dumps(demo_relay()))
    with pytest.raises(ParseError) as caught:
        native.loads(json.dumps({**doc, "$schema": 5}))
    assert [(str(p.location), p.message) for p in caught.value.problems] == [
        ("$schema", "must be a string")
    ]
    assert native.loads(json.dumps({**doc, "$schema": "https://example.org/s"})) == demo_relay()


def test_native_load_and_dump_use_the_native_format_whatever_the_name(
    tmp_path: pathlib.Path,
) -> None:
    """native.dump writes native JSON to any file name, losing nothing; native.load reads it."""
    target = tmp_path / "relay.txt"
    assert native.dump(_relay_with_path(), target, indent=2) == ()
    text = target.read_text("utf-8")
    assert text.startswith('{\n  "format": "torchrelay",\n  "version": 2,')
    assert native.load(target) == _relay_with_path()
    assert native.load(str(target)) == _relay_with_path()


def test_native_load_passes_its_options_on(tmp_path: pathlib.Path) -> None:
    """native.load(max_bytes=) limits the read as loads does, naming the file."""
    target = tmp_path / "relay.txt"
    native.dump(demo_relay(), target)
    with pytest.raises(ParseError) as caught:
        native.load(target, max_bytes=100)
    assert str(caught.value) == (
        f"{target}: the document is larger than 100 bytes; pass a larger max_bytes= to read it"
    )
