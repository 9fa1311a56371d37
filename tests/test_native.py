"""The native JSON format: lossless round trips, its schema, bad input and atomic writes."""

from __future__ import annotations

import io
import json
import os
import pathlib

import attrs
import jsonschema
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings

import torchrelay
from torchrelay import Coordinate, FlameState, Leg, Place, Relay, TransportMode
from torchrelay.adapters import native
from torchrelay.datasets import demo_relay
from torchrelay.exceptions import ParseError, UnknownFormatError
from torchrelay.testing import relays

SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared"
BAD_JSON = SHARED / "badinput" / "json"

MOSCOW = Place(
    "Moscow", Coordinate(55.7539, 37.6208), timezone="Europe/Moscow", region="Moscow", country="RU"
)


def _leg(**changes: object) -> Leg:
    leg = Leg(
        MOSCOW,
        MOSCOW,
        pendulum.datetime(2013, 10, 7, 12, tz="Europe/Moscow"),
        pendulum.datetime(2013, 10, 7, 20, tz="Europe/Moscow"),
        TransportMode.RUNNING,
        FlameState.LIT_TORCH,
        id="day-001",
    )
    return attrs.evolve(leg, **changes)


def _doc(relay: Relay | None = None) -> dict[str, object]:
    result: dict[str, object] = json.loads(native.dumps(relay or demo_relay()))
    return result


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(relays())
def test_round_trip_is_lossless(relay: Relay) -> None:
    """loads(dumps(r)) == r, and writing again gives the same bytes, for every generated relay."""
    text = native.dumps(relay)
    again = native.loads(text)
    assert again == relay
    assert native.dumps(again) == text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(relays())
def test_every_dump_is_valid_against_the_shipped_schema(relay: Relay) -> None:
    """Every document dumps writes validates against the JSON Schema in the package."""
    jsonschema.validate(json.loads(native.dumps(relay)), native.schema())


def test_shipped_schema_is_built_from_the_model() -> None:
    """The schema file in the package is exactly what the model's classes produce, so it cannot drift."""
    assert native.schema() == native.build_schema()
    jsonschema.Draft202012Validator.check_schema(native.schema())


def test_zone_names_are_part_of_the_data() -> None:
    """The same instant in another zone is written differently, and read back in its own zone."""
    utc = _leg(
        departs=pendulum.datetime(2013, 10, 7, 8, tz="UTC"),
        arrives=pendulum.datetime(2013, 10, 7, 16, tz="UTC"),
    )
    relay_moscow = Relay("r", "g", [_leg()])
    relay_utc = Relay("r", "g", [utc])
    assert relay_moscow != relay_utc  # same instants, different data
    assert torchrelay.same_instant(relay_moscow.legs[0].departs, relay_utc.legs[0].departs)
    assert native.dumps(relay_moscow) != native.dumps(relay_utc)
    back = native.loads(native.dumps(relay_moscow)).legs[0]
    assert back.departs is not None
    assert back.departs.timezone_name == "Europe/Moscow"
    assert "2013-10-07T12:00:00+04:00[Europe/Moscow]" in native.dumps(relay_moscow)


def test_ambiguous_local_times_keep_their_instant() -> None:
    """A time in a DST overlap (Vancouver, 1 Nov 2009) reads back as the same instant, not the other one."""
    second = torchrelay.local_datetime(2009, 11, 1, 1, 30, tz="America/Vancouver", fold=1)
    first = torchrelay.local_datetime(2009, 11, 1, 1, 30, tz="America/Vancouver", fold=0)
    leg = _leg(departs=first, arrives=second)
    back = native.loads(native.dumps(Relay("r", "g", [leg]))).legs[0]
    assert back.departs == first
    assert back.arrives == second
    assert back.arrives is not None
    assert back.departs is not None
    assert (back.arrives - back.departs).in_hours() == 1


def test_redact_leaves_out_every_personal_field() -> None:
    """With redact=True no value of any personal field appears in the document; ids and campaigns stay."""
    person = torchrelay.Torchbearer(
        name="Secret Name",
        birth_year=1990,
        age=23,
        hometown="Secret Town",
        story="Secret story",
        campaign="Campaign 2013",
        id="tb-1",
    )
    relay = Relay("r", "g", [_leg(torchbearers=[person])])
    personal = [f.name for f in attrs.fields(torchrelay.Torchbearer) if torchrelay.is_personal(f)]
    assert personal == ["name", "birth_year", "age", "hometown", "story", "extras"]
    plain = native.dumps(relay)
    redacted = native.dumps(relay, redact=True)
    assert set(personal) - {"extras"} <= json.loads(plain)["legs"][0]["torchbearers"][0].keys()
    assert json.loads(redacted)["legs"][0]["torchbearers"][0] == {
        "campaign": "Campaign 2013",
        "id": "tb-1",
    }
    for secret in ("Secret Name", "Secret Town", "Secret story", "1990"):
        assert secret not in redacted
    assert '"tb-1"' in redacted
    assert '"Campaign 2013"' in redacted


def test_unknown_version_is_refused() -> None:
    """A document of a version this library does not know is refused, naming both versions."""
    doc = _doc()
    doc["version"] = 1
    with pytest.raises(
        ParseError, match=r"version: unsupported native format version 1: .*reads version 2"
    ):
        native.loads(json.dumps(doc))
    for version in (True, 2.0, "2", None):
        doc["version"] = version
        with pytest.raises(ParseError, match=r"version: unsupported native format version"):
            native.loads(json.dumps(doc))


def test_not_a_torchrelay_document() -> None:
    """A JSON document without the format marker is refused as not ours."""
    with pytest.raises(ParseError, match="not a torchrelay document"):
        native.loads('{"type": "FeatureCollection", "features": []}')


def test_every_problem_is_collected_with_its_location() -> None:
    """Several problems in one document are all reported, each with where it is."""
    doc = _doc(Relay("r", "g", [_leg(), _leg(id="day-002")]))
    legs = doc["legs"]
    assert isinstance(legs, list)
    legs[0]["arrives"] = "2013-10-07T08:00:00+04:00[Europe/Moscow]"
    legs[1]["mode"] = "teleport"
    legs[1]["origin"]["coordinate"]["latitude"] = 91
    legs[1]["destination"]["timezone"] = "Mars/Olympus"
    legs[1]["colour"] = "red"
    with pytest.raises(ParseError) as info:
        native.loads(json.dumps(doc), source="relay.json")
    where = {str(p.location): p.message for p in info.value.problems}
    assert "before 'departs'" in where["legs[0].arrives"]
    assert "must be one of" in where["legs[1].mode"]
    assert "between -90 and 90" in where["legs[1].origin.coordinate.latitude"]
    assert "Mars/Olympus" in where["legs[1].destination.timezone"]
    assert where["legs[1].colour"] == "unknown key"
    errors = {p.path: p.error for p in info.value.problems}
    assert errors[("legs", 0, "arrives")] == "TimeOrderError"
    assert errors[("legs", 1, "destination", "timezone")] == "UnknownTimezoneError"
    assert str(info.value).startswith("relay.json: 5 problems:")


def test_offset_that_contradicts_its_zone_is_an_error() -> None:
    """A time whose offset is not its zone's offset at that instant is refused, not guessed."""
    doc = _doc(Relay("r", "g", [_leg()]))
    doc["legs"][0]["departs"] = "2013-10-07T12:00:00+03:00[Europe/Moscow]"  # type: ignore[index]
    with pytest.raises(
        ParseError, match=r"legs\[0\]\.departs: the offset .* does not match Europe/Moscow"
    ):
        native.loads(json.dumps(doc))


def test_naive_time_in_a_document_is_an_error() -> None:
    """A time without an offset is refused with its location."""
    doc = _doc(Relay("r", "g", [_leg()]))
    doc["legs"][0]["departs"] = "2013-10-07T12:00:00"  # type: ignore[index]
    with pytest.raises(
        ParseError, match=r"legs\[0\]\.departs: not an RFC 3339 time with seconds and an offset"
    ):
        native.loads(json.dumps(doc))


def test_path_columns_are_checked_with_their_index() -> None:
    """A wrong value in a path column is reported with its index."""
    path = torchrelay.Path.from_arrays([55.0, 55.1], [37.0, 37.1])
    doc = _doc(Relay("r", "g", [_leg(path=path)]))
    doc["legs"][0]["path"]["longitudes"][1] = "37.1"  # type: ignore[index]
    with pytest.raises(ParseError, match=r"legs\[0\]\.path\.longitudes\[1\]: must be a number"):
        native.loads(json.dumps(doc))


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("", "line 1, column 1"),
        ('{"format": "torchrelay", "version": 2, "name": NaN}', r"name: .*NaN, which is not JSON"),
        ('{"format": "torchrelay", "format": "torchrelay"}', "format: duplicate key"),
        ('{"format": "torchrelay"} {}', "Extra data"),
        ("[" * 100_000, "nests 100000 levels deep, too deep to read"),
        (
            '{"format": "torchrelay", "version": 2, "name": "\\ud800", "games": "g", "legs": []}',
            "name.*lone surrogate",
        ),
    ],
)
def test_malformed_text_gives_a_clear_error(text: str, match: str) -> None:
    """Malformed JSON raises ParseError with a location or reason, never RecursionError or a crash."""
    with pytest.raises(ParseError, match=match):
        native.loads(text)


def test_non_finite_numbers_are_refused() -> None:
    """A number too large for a float (1e400 becomes infinity) is refused where it stands."""
    text = native.dumps(Relay("r", "g", [_leg()])).replace(
        '"latitude":55.7539', '"latitude":1e400', 1
    )
    with pytest.raises(ParseError, match=r"legs\[0\]\.origin\.coordinate.*finite"):
        native.loads(text)


def test_encodings() -> None:
    """A UTF-8 BOM is ignored; UTF-16 and invalid UTF-8 are refused with the byte position."""
    text = native.dumps(demo_relay())
    assert native.loads(b"\xef\xbb\xbf" + text.encode()) == demo_relay()
    assert native.loads("\ufeff" + text) == demo_relay()
    with pytest.raises(ParseError, match="UTF-16"):
        native.loads(b"\xff\xfe" + text.encode("utf-16-le"))
    with pytest.raises(ParseError, match=r"byte 5: invalid UTF-8"):
        native.loads(b'{"a":\xe9}')


@pytest.mark.skipif(not BAD_JSON.is_dir(), reason="shared/badinput is not beside the project")
@pytest.mark.parametrize(
    "name", sorted(p.name for p in BAD_JSON.glob("*")) if BAD_JSON.is_dir() else []
)
def test_hostile_json_files_give_parse_errors(name: str) -> None:
    """Every hostile JSON file gives a ParseError (none of them is a torchrelay document)."""
    data = (BAD_JSON / name).read_bytes()
    with pytest.raises(ParseError):
        native.loads(data, source=name)


def test_load_and_dump_through_the_registry(tmp_path: pathlib.Path) -> None:
    """torchrelay.dump and torchrelay.load pick the native format from the file name."""
    target = tmp_path / "demo.relay.json"
    torchrelay.dump(demo_relay(), target)
    assert torchrelay.load(target) == demo_relay()
    assert torchrelay.load(str(target), format="native") == demo_relay()
    buffer = io.BytesIO()
    torchrelay.dump(demo_relay(), buffer, format="native")
    assert torchrelay.load(io.BytesIO(buffer.getvalue()), format="native") == demo_relay()


def test_unknown_formats_are_refused(tmp_path: pathlib.Path) -> None:
    """A file name no format claims, or an unknown format name, raises UnknownFormatError."""
    with pytest.raises(UnknownFormatError, match="cannot tell the format"):
        torchrelay.dump(demo_relay(), tmp_path / "relay.xyz")
    with pytest.raises(
        UnknownFormatError, match=r"unknown format 'shapefile'; known formats: .*native"
    ):
        torchrelay.load(tmp_path / "relay.json", format="shapefile")
    assert not list(tmp_path.iterdir())


def test_parse_errors_name_the_file(tmp_path: pathlib.Path) -> None:
    """A file that cannot be read gives a ParseError that names the file."""
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "torchrelay", "version": 1', encoding="utf-8")
    with pytest.raises(ParseError, match=rf"^{bad}: line 1"):
        torchrelay.load(bad)


def test_failed_dump_leaves_the_existing_file_alone(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If writing fails half way, the old file is untouched and no temporary file is left."""
    target = tmp_path / "relay.json"
    target.write_bytes(b"old contents")

    def broken_fsync(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        torchrelay.dump(demo_relay(), target)
    assert target.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["relay.json"]


def test_dump_keeps_the_mode_of_an_existing_file(tmp_path: pathlib.Path) -> None:
    """Replacing a file atomically keeps its permissions."""
    target = tmp_path / "relay.json"
    target.write_bytes(b"{}")
    target.chmod(0o640)
    torchrelay.dump(demo_relay(), target)
    assert target.stat().st_mode & 0o777 == 0o640
    assert torchrelay.load(target) == demo_relay()
