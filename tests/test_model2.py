"""Model 2: tracks with partial times, offsets, segments and columns; extras; status; equality."""

from __future__ import annotations

import datetime as dt
import json
import math

import attrs
import numpy as np
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import torchrelay
from torchrelay import (
    NO_OFFSET,
    Branch,
    Claim,
    Coordinate,
    Extras,
    FlameState,
    Leg,
    LegStatus,
    Path,
    Place,
    Relay,
    RestDay,
    Source,
    Stop,
    TransportMode,
    local_datetime,
    plan_legs,
    same_instant,
)
from torchrelay.adapters import native
from torchrelay.adapters._timetext import format_number, format_point_time, parse_point_time
from torchrelay.exceptions import (
    InvalidTypeError,
    InvalidValueError,
    ParseError,
    TimeOrderError,
)
from torchrelay.testing import relays

MOSCOW = Place("Moscow", Coordinate(55.7539, 37.6208), timezone="Europe/Moscow", region="Moscow")
TVER = Place("Tver", Coordinate(56.8587, 35.9176), timezone="Europe/Moscow", region="Tver Oblast")
VANCOUVER = Place("Vancouver", Coordinate(49.2827, -123.1207), timezone="America/Vancouver")


def _t(hour: int, minute: int = 0, tz: str = "Europe/Moscow") -> pendulum.DateTime:
    return pendulum.datetime(2013, 10, 7, hour, minute, tz=tz)


def _track() -> Path:
    """A watch's track: an untimed point, mixed offsets, three segments, heart rate."""
    plus4 = dt.timezone(dt.timedelta(hours=4))
    times: list[dt.datetime | None] = [
        dt.datetime(2013, 10, 7, 12, 0, tzinfo=plus4),
        None,
        dt.datetime(2013, 10, 7, 8, 10, tzinfo=dt.UTC),
        pendulum.datetime(2013, 10, 7, 12, 15, tz="Europe/Moscow"),
        dt.datetime(2013, 10, 7, 8, 20, tzinfo=dt.timezone(dt.timedelta(0))),
        dt.datetime(2013, 10, 7, 14, 25, tzinfo=dt.timezone(dt.timedelta(hours=6))),
    ]
    return Path.from_arrays(
        [55.75, 55.76, 55.77, 55.78, 55.79, 55.80],
        [37.62, 37.63, 37.64, 37.65, 37.66, 37.67],
        [150.0, math.nan, 152.5, 153.0, 151.0, 149.5],
        times,
        segment_starts=[2, 4],
        columns={
            "gpxtpx:hr": [120, 125, None, 140, 142.5, 150],
            "gpx:sym": ["Flag", None, None, "Pin", None, "Flag"],
        },
        timezone="Europe/Moscow",
    )


def _full_relay() -> Relay:
    run = Leg(
        MOSCOW,
        TVER,
        _t(12),
        _t(14, 30),
        TransportMode.RUNNING,
        FlameState.LIT_TORCH,
        path=_track(),
        id="run",
        extras={"gpx:desc": "Morning run", "gpxtpx:device": {"model": "Forerunner", "fw": [4, 2]}},
    )
    cancelled = Leg(
        TVER,
        MOSCOW,
        _t(16),
        _t(18),
        TransportMode.CAR,
        FlameState.LANTERN,
        id="cancelled",
        status=LegStatus.CANCELLED,
    )
    waypoint = Place("Water stop", Coordinate(55.77, 37.64), extras={"gpx:sym": "Drinking Water"})
    return Relay(
        "A track from a watch",
        None,
        [run, cancelled],
        places=[waypoint],
        extras={"gpx:creator": "Garmin Connect", "my-app:rating": 4.5},
        sources=[Source("https://example.org/track", extras={"gpx:link-text": "Activity"})],
    )


# -- Paths become real tracks -----------------------------------------------------------


def test_a_point_without_a_time_loads_and_says_so() -> None:
    """A track with one untimed point builds; time_at is None there; untimed() names it."""
    path = _track()
    assert path.time_at(1) is None
    assert path.untimed().tolist() == [1]
    assert not path.has_times
    assert math.isnan(path.times[1])  # type: ignore[index]


def test_each_time_keeps_the_offset_it_was_built_with() -> None:
    """time_at(i).utcoffset() gives back each point's offset; no offset differs from +00:00."""
    path = _track()
    offsets = [path.time_at(i).utcoffset() for i in (0, 2, 3, 4, 5)]  # type: ignore[union-attr]
    hours = [o.total_seconds() / 3600 for o in offsets]  # type: ignore[union-attr]
    assert hours == [4, 0, 4, 0, 6]
    assert path.offsets is not None
    assert path.offsets[1] == NO_OFFSET
    assert path.offsets[4] == 0
    numbers = Path.from_arrays([0.0, 0.0], [0.0, 1.0], times=[0.0, 60.0])
    assert numbers.offsets is None


def test_time_text_writes_z_as_z_and_offsets_as_given() -> None:
    """A time given without an offset is written with Z, +00:00 as +00:00, +04:00 as +04:00."""
    assert format_point_time(1381132800.0, int(NO_OFFSET)) == "2013-10-07T08:00:00Z"
    assert format_point_time(1381132800.0, 0) == "2013-10-07T08:00:00+00:00"
    assert format_point_time(1381132800.5, 14400) == "2013-10-07T12:00:00.500000+04:00"
    for text in ("2013-10-07T08:00:00Z", "2013-10-07T08:00:00+00:00", "2013-10-07T12:00:00+04:00"):
        assert format_point_time(*parse_point_time(text)) == text


def test_where_passes_over_points_without_a_time() -> None:
    """Relay.where inside a leg whose track has untimed points interpolates between timed ones."""
    relay = _full_relay()
    found = relay.where(pendulum.datetime(2013, 10, 7, 8, 5, tz="UTC"))
    assert found.leg is not None
    assert found.leg.id == "run"
    assert found.position is not None
    assert 55.75 < found.position.latitude < 55.77


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(2**63), 2**63 - 1))
def test_numbers_are_written_in_their_shortest_round_trip_text(value: float) -> None:
    """format_number gives text that reads back as the same number, -0.0 as 0.0."""
    text = format_number(value)
    assert type(json.loads(text)) is type(value)
    assert json.loads(text) == value
    assert format_number(-0.0) == "0.0"


def test_offsets_need_times_and_stay_in_range() -> None:
    """An offset for an untimed point, or beyond ±26 hours, is refused with its index."""
    with pytest.raises(InvalidValueError, match=r"'offsets\[1\]' is given for a point without"):
        Path.from_arrays([0.0, 0.0], [0.0, 1.0], times=[0.0, None], offsets=[0, 3600])
    with pytest.raises(InvalidValueError, match=r"'offsets\[0\]' must be within ±26 hours"):
        Path.from_arrays([0.0], [0.0], times=[0.0], offsets=[100 * 3600])
    with pytest.raises(InvalidValueError, match="cannot be given with datetimes"):
        Path.from_arrays([0.0], [0.0], times=[_t(12)], offsets=[0])


def test_segments_are_kept_by_slicing_and_bridged_by_length() -> None:
    """Slices keep the breaks they cross; length bridges breaks unless told not to."""
    path = _track()
    assert path.segment_starts == (2, 4)
    assert [len(s) for s in path.segments()] == [2, 2, 2]
    assert path[1:].segment_starts == (1, 3)
    assert path[::2].segment_starts == (1, 2)
    assert path[::-1].segment_starts == (2, 4)
    assert path[2:4].segment_starts == ()
    gaps = path.segment_lengths()[[1, 3]].sum()
    assert path.length().meters == pytest.approx(path.length(bridge=False).meters + gaps)
    with pytest.raises(InvalidValueError, match="'segment_starts' must be increasing"):
        Path.from_arrays([0.0, 0.0, 0.0], [0.0, 1.0, 2.0], segment_starts=[2, 1])
    with pytest.raises(InvalidValueError, match="'segment_starts' must be increasing"):
        Path.from_arrays([0.0, 0.0], [0.0, 1.0], segment_starts=[0])


def test_columns_are_read_only_and_namespaced() -> None:
    """Per-point columns are read-only numbers or texts under namespaced names."""
    path = _track()
    hr = path.columns["gpxtpx:hr"]
    assert hr.dtype == np.float64
    assert math.isnan(hr[2])
    assert path.columns["gpx:sym"].tolist() == ["Flag", None, None, "Pin", None, "Flag"]
    with pytest.raises(ValueError, match="read-only"):
        hr[0] = 1.0
    assert path[1:3].columns["gpxtpx:hr"].tolist()[0] == 125.0
    with pytest.raises(InvalidValueError, match="must be a namespaced key"):
        Path.from_arrays([0.0], [0.0], columns={"hr": [1.0]})
    with pytest.raises(InvalidValueError, match="has 1 values but the path has 2 points"):
        Path.from_arrays([0.0, 0.0], [0.0, 1.0], columns={"gpxtpx:hr": [1.0]})
    with pytest.raises(InvalidTypeError, match=r"'columns\['gpx:x'\]\[1\]' must be a text"):
        Path.from_arrays([0.0, 0.0], [0.0, 1.0], columns={"gpx:x": ["a", 2]})


def test_paths_with_different_columns_or_segments_differ() -> None:
    """Offsets, segments and columns are data: a path that differs in one is not equal."""
    path = _track()
    assert path == _track()
    assert path != attrs.evolve(path, segment_starts=(2,))
    assert path != Path.from_arrays(
        path.latitudes, path.longitudes, path.altitudes, path.times, timezone="Europe/Moscow"
    )


# -- What else the model holds --------------------------------------------------------


def test_extras_are_checked_frozen_and_compared() -> None:
    """Extras hold JSON under namespaced keys; they are copied, frozen and part of equality."""
    given_value = {"fw": [4, 2]}
    extras = Extras({"gpx:device": given_value, "gpx:desc": "x"})
    given_value["fw"].append(9)
    assert extras["gpx:device"] == {"fw": [4, 2]}
    extras["gpx:device"]["fw"].append(1)
    assert extras["gpx:device"] == {"fw": [4, 2]}
    assert extras == Extras({"gpx:desc": "x", "gpx:device": {"fw": [4, 2]}})
    assert hash(extras) == hash(Extras({"gpx:desc": "x", "gpx:device": {"fw": [4, 2]}}))
    assert attrs.evolve(MOSCOW, extras={"osm:id": 1}) != MOSCOW
    for bad, match in [
        ({"desc": 1}, "must be a namespaced key"),
        ({"a:b": math.nan}, "must be a finite number"),
        ({"a:b": (1, 2)}, "JSON has no tuples"),
        ({"a:b": {1: 2}}, "keys must be texts"),
        ({"a:b": "\x00"}, "control character"),
        ({"a:b": 2**70}, "within 64 bits"),
        (
            {"a:b": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]},
            "nests deeper",
        ),
    ]:
        with pytest.raises(InvalidValueError, match=match):
            Extras(bad)


def test_extras_live_on_every_class_that_needs_them() -> None:
    """Relay, Branch, Leg, Place, Source, Sponsor and Torchbearer take extras."""
    for cls in (
        Relay,
        Branch,
        Leg,
        Place,
        Source,
        torchrelay.Sponsor,
        torchrelay.Torchbearer,
    ):
        field = attrs.fields_dict(cls)["extras"]  # type: ignore[arg-type]
        assert field.kw_only


def test_cancelled_legs_are_kept_and_left_out_of_continuity_and_custody() -> None:
    """A cancelled stage is kept and marked; validation does not judge continuity across it."""
    far = Place("Noumea", Coordinate(-22.2758, 166.458), timezone="Pacific/Noumea")
    legs = [
        Leg(MOSCOW, TVER, _t(8), _t(10), TransportMode.RUNNING, FlameState.LIT_TORCH, id="a"),
        Leg(far, far, _t(9), _t(11), TransportMode.RUNNING, FlameState.LIT_TORCH, id="b"),
        Leg(TVER, TVER, _t(11), _t(12), TransportMode.RUNNING, FlameState.LIT_TORCH, id="c"),
    ]
    codes = {"TR101", "TR102", "TR209"}
    held = torchrelay.validate(Relay("r", "g", legs))
    assert codes & {f.code for f in held.findings}
    legs[1] = attrs.evolve(legs[1], status=LegStatus.CANCELLED)
    cancelled = torchrelay.validate(Relay("r", "g", legs))
    assert not codes & {f.code for f in cancelled.findings}
    assert Relay("r", "g", legs).legs[1].status is LegStatus.CANCELLED
    assert legs[0].status is LegStatus.HELD


def test_imports_leave_unknowns_for_validation_to_report() -> None:
    """A relay without games, a leg unscheduled of unknown mode and flame: TR408 says so."""
    leg = Leg(MOSCOW, TVER, None, None, TransportMode.UNKNOWN, FlameState.UNKNOWN, path=_track())
    relay = Relay("track.gpx", None, [leg])
    assert relay.games is None
    found = [f for f in torchrelay.validate(relay).findings if f.code == "TR408"]
    assert len(found) == 1
    assert "times, mode, flame state, the time of 1 path point(s)" in found[0].message
    assert native.loads(native.dumps(relay)) == relay


def test_relay_places_are_kept_in_order() -> None:
    """Places that no leg starts or ends at are kept, in order, and must be places."""
    relay = _full_relay()
    assert [p.name for p in relay.places] == ["Water stop"]
    with pytest.raises(InvalidTypeError, match=r"'places\[0\]' must be a Place"):
        Relay("r", "g", [], places=["Moscow"])


def test_the_whole_track_survives_native_v2_unchanged() -> None:
    """Untimed points, mixed offsets, three segments, columns, a cancelled leg, waypoints and
    extras read back equal, and writing again gives the same bytes."""
    relay = _full_relay()
    text = native.dumps(relay)
    back = native.loads(text)
    assert back == relay
    assert native.dumps(back) == text
    path = back.legs[0].path
    assert path is not None
    assert [path.time_at(i) is None for i in range(6)] == [False, True, False, False, False, False]
    assert path.time_at(5).utcoffset() == dt.timedelta(hours=6)  # type: ignore[union-attr]
    assert back.legs[1].status is LegStatus.CANCELLED
    assert back.extras["my-app:rating"] == 4.5
    doc = json.loads(text)
    assert doc["version"] == 2
    assert doc["legs"][0]["path"]["segment_starts"] == [2, 4]
    assert doc["legs"][0]["path"]["columns"]["gpx:sym"]["type"] == "text"


# -- Equality means the same data --------------------------------------------------------


def test_the_same_instant_in_another_zone_is_other_data() -> None:
    """Legs at one instant, in Moscow time and in UTC, differ; same_instant compares instants."""
    moscow = Leg(MOSCOW, TVER, _t(12), _t(14), TransportMode.RUNNING, FlameState.LIT_TORCH)
    utc = attrs.evolve(moscow, departs=_t(12).in_tz("UTC"))
    assert moscow != utc
    assert hash(moscow) != hash(utc) or moscow != utc
    assert same_instant(moscow.departs, utc.departs)
    fixed = attrs.evolve(moscow, departs=_t(12).in_tz(pendulum.FixedTimezone(4 * 3600)))
    assert fixed != moscow
    assert native.dumps(Relay("r", "g", [fixed])) != native.dumps(Relay("r", "g", [moscow]))


def test_numbers_that_write_differently_are_different_data() -> None:
    """65000 and 65000.0 differ in a claim; -0.0 is stored as 0.0 wherever it can be."""
    src = Source("https://example.org")
    assert Claim("days", 123, None, src) != Claim("days", 123.0, None, src)
    assert Coordinate(-0.0, -0.0) == Coordinate(0.0, 0.0)
    assert str(Coordinate(-0.0, -0.0).latitude) == "0.0"
    path = Path.from_arrays([-0.0], [-0.0], [-0.0], [-0.0])
    assert [str(v) for v in (path.latitudes[0], path.altitudes[0], path.times[0])] == ["0.0"] * 3  # type: ignore[index]


FOLD_FIRST = local_datetime(2009, 11, 1, 1, 30, tz="America/Vancouver", fold=0)  # PDT
FOLD_SECOND = local_datetime(2009, 11, 1, 1, 15, tz="America/Vancouver", fold=1)  # PST


def test_a_leg_inside_a_dst_fold_is_ordered_by_instant() -> None:
    """01:30 PDT to 01:15 PST is 45 minutes; the reverse arrives before it departs."""
    leg = Leg(VANCOUVER, VANCOUVER, FOLD_FIRST, FOLD_SECOND, TransportMode.RUNNING, "lit_torch")
    assert leg.duration().in_minutes() == 45  # type: ignore[union-attr]
    with pytest.raises(TimeOrderError, match="'arrives' must not be before 'departs'"):
        Leg(VANCOUVER, VANCOUVER, FOLD_SECOND, FOLD_FIRST, TransportMode.RUNNING, "lit_torch")
    relay = Relay("r", "g", [leg])
    assert native.loads(native.dumps(relay)) == relay
    text = native.dumps(relay)
    reverse = (
        text.replace("2009-11-01T01:30:00-07:00", "X")
        .replace("2009-11-01T01:15:00-08:00", "2009-11-01T01:30:00-07:00")
        .replace("X", "2009-11-01T01:15:00-08:00")
    )
    with pytest.raises(ParseError, match=r"legs\[0\].*'arrives' must not be before"):
        native.loads(reverse)
    assert relay.starts == FOLD_FIRST
    assert relay.ends == FOLD_SECOND


def test_legs_an_hour_apart_in_a_fold_are_not_equal() -> None:
    """Two legs at the same wall time, an hour apart, compare unequal with different hashes."""
    second = local_datetime(2009, 11, 1, 1, 30, tz="America/Vancouver", fold=1)
    a = Leg(VANCOUVER, VANCOUVER, FOLD_FIRST, FOLD_FIRST, TransportMode.RUNNING, "lit_torch")
    b = Leg(VANCOUVER, VANCOUVER, second, second, TransportMode.RUNNING, "lit_torch")
    assert a != b
    assert hash(a) != hash(b)


def test_planning_across_a_fold_builds_legs_it_accepts() -> None:
    """plan_legs through the Vancouver fold gives ordered legs of the planned length."""
    stop = Stop(VANCOUVER, TransportMode.RUNNING, duration=dt.timedelta(minutes=45))
    (leg,) = plan_legs(VANCOUVER, FOLD_FIRST, [stop])
    assert leg.duration().in_minutes() == 45  # type: ignore[union-attr]
    assert leg.arrives.utcoffset() == dt.timedelta(hours=-8)  # type: ignore[union-attr]


def _variants(relay: Relay) -> list[Relay]:
    """Relays that hold almost the same data: one change each that equality must see."""
    out = []
    if relay.legs and relay.legs[0].departs is not None:
        leg = relay.legs[0]
        out.append(
            attrs.evolve(
                relay,
                legs=(attrs.evolve(leg, departs=leg.departs.in_tz("UTC")), *relay.legs[1:]),  # type: ignore[union-attr]
            )
        )
    out.append(attrs.evolve(relay, extras=relay.extras.merged({"x:y": 1})))
    out.append(attrs.evolve(relay, extras=relay.extras.merged({"x:y": 1.0})))
    if relay.legs:
        leg = relay.legs[-1]
        status = LegStatus.PLANNED if leg.status is not LegStatus.PLANNED else LegStatus.HELD
        out.append(attrs.evolve(relay, legs=(*relay.legs[:-1], attrs.evolve(leg, status=status))))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(relays(), st.data())
def test_equal_exactly_when_the_native_text_is_equal(relay: Relay, data: st.DataObject) -> None:
    """For generated relays and near-copies of them, a == b exactly when dumps(a) == dumps(b)."""
    again = native.loads(native.dumps(relay))
    assert again == relay
    assert hash(again) == hash(relay)
    other = data.draw(st.sampled_from([relay, again, *_variants(relay)]))
    assert (other == relay) == (native.dumps(other) == native.dumps(relay))


# -- Native v2: what the writer and the reader agree on -------------------------------------


def test_a_version_1_document_is_refused_naming_its_version() -> None:
    """There are no version 1 users: such a document is refused, naming both versions."""
    doc = json.loads(native.dumps(_full_relay()))
    doc["version"] = 1
    with pytest.raises(ParseError, match="version: unsupported native format version 1"):
        native.loads(json.dumps(doc))


def test_what_dump_writes_it_reads_back() -> None:
    """A pendulum time with a stdlib zone, and local mean time with seconds, round-trip."""
    parsed = pendulum.DateTime.fromisoformat("2013-10-07T12:00:00+04:00")
    lmt = pendulum.datetime(1900, 1, 1, 12, tz="Europe/Moscow")  # UTC+02:30:17
    for departs in (parsed, lmt):
        leg = Leg(MOSCOW, TVER, departs, departs, TransportMode.RUNNING, "lit_torch")
        relay = Relay("r", "g", [leg])
        text = native.dumps(relay)
        assert "[None]" not in text
        assert native.loads(text) == relay
    assert "1900-01-01T09:29:43Z[Europe/Moscow]" in native.dumps(
        Relay("r", "g", [Leg(MOSCOW, TVER, lmt, lmt, TransportMode.RUNNING, "lit_torch")])
    )


@pytest.mark.parametrize(
    ("time", "match"),
    [
        ("2013-10-07T12:00+04:00", "with seconds and an offset"),
        ("2013-10-07 12:00:00+04:00", "with seconds and an offset"),
        ("2013-10-07T12:00:00+04:00\x00", "with seconds and an offset"),
        ("0001-01-01T00:00:00+04:00[Europe/Moscow]", "out of range"),
        ("9999-12-31T23:59:59-12:00[Etc/GMT+12]", "out of range"),
    ],
)
def test_the_reader_accepts_no_time_the_schema_refuses(time: str, match: str) -> None:
    """Times without seconds, with a space for T, with a NUL, or out of range, are problems."""
    doc = json.loads(native.dumps(_full_relay()))
    doc["legs"][0]["departs"] = time
    with pytest.raises(ParseError, match=rf"legs\[0\]\.departs: .*{match}"):
        native.loads(json.dumps(doc))


def test_constructors_refuse_what_no_format_can_carry() -> None:
    """An id that is a number, a datetime as a rest day, a lone surrogate or a NUL in a name."""
    with pytest.raises(InvalidTypeError, match=r"^'id' must be a non-empty text \(got 5\)$"):
        Leg(MOSCOW, TVER, None, None, "running", "lit_torch", id=5)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match=r"'date' must be a datetime\.date"):
        RestDay(dt.datetime(2013, 10, 8, tzinfo=dt.UTC))
    with pytest.raises(InvalidValueError, match="lone surrogate"):
        Place("\ud800", Coordinate(0.0, 0.0))
    with pytest.raises(InvalidValueError, match="control character"):
        Source("https://example.org", title="a\x00b")
    with pytest.raises(InvalidValueError, match="out of range"):
        Leg(
            MOSCOW,
            TVER,
            dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=4))),
            None,
            "running",
            "lit_torch",
        )


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ('"latitude":55.7539', '"latitude":' + "9" * 400, r"legs\[0\]\.origin"),
        ('"name":"Water stop"', '"name":' + "[" * 900 + "]" * 900, r"places\[0\]\.name"),
        ('"version":2', '"version":true', "version"),
        ('"games":null', '"games":NaN', "games: must be a string \\(got NaN, which is not JSON"),
        ('"my-app:rating":4.5', '"my-app:rating":4.5,"my-app:rating":5', "my-app:rating"),
        ('"my-app:rating":4.5', '"my-app:rating":1e400', "my-app:rating"),
    ],
)
def test_hostile_values_are_problems_where_they_stand(old: str, new: str, where: str) -> None:
    """Huge numbers, deep nesting, NaN and repeated keys become located ParseErrors."""
    text = native.dumps(_full_relay())
    assert old in text
    text = text.replace(old, new, 1)
    with pytest.raises(ParseError, match=where):
        native.loads(text)


def test_the_reader_caps_its_input() -> None:
    """A document larger than max_bytes is refused before it is parsed, /dev/zero included."""
    text = native.dumps(_full_relay())
    with pytest.raises(ParseError, match="larger than 100 bytes; pass a larger max_bytes="):
        native.loads(text, max_bytes=100)
    with open("/dev/zero", "rb") as zero, pytest.raises(ParseError, match="larger than"):
        native.loads(zero, max_bytes=1 << 20)
    assert native.loads(text.encode(), max_bytes=len(text.encode())) == _full_relay()


def test_loads_refuses_what_is_not_a_document() -> None:
    """A dict, None or a number is a type error of ours, not an AttributeError."""
    for value in ({}, None, 1):
        with pytest.raises(InvalidTypeError, match="loads\\(\\) takes text, bytes"):
            native.loads(value)  # type: ignore[arg-type]
