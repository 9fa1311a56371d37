"""The JSON engine and the time text every format shares: hostile values, bad dates, bad types."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest

from torchrelay.adapters import native
from torchrelay.adapters._engine import Codec, Invalid, Reader
from torchrelay.adapters._timetext import (
    TimeTextError,
    format_point_time,
    parse_instant,
    parse_point_time,
)
from torchrelay.datasets import demo_relay
from torchrelay.exceptions import ParseError, TimeOrderError

NO_OFFSET = -(2**31)


def _doc() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(native.dumps(demo_relay()))
    return result


def _problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(ParseError) as caught:
        native.loads(text)
    return [(str(p.location), p.message) for p in caught.value.problems]


def test_hostile_values_inside_extras_are_each_reported_where_they_stand() -> None:
    """NaN, Infinity and a repeated key nested in extras are three problems, each at its place."""
    text = json.dumps(_doc())[:-1] + (
        ', "extras": {"x:a": NaN, "x:b": {"k": 1, "k": 2}, "x:c": [1, Infinity]}}'
    )
    assert sorted(_problems(text)) == [
        ("extras.x:a", "must be a JSON value (got NaN, which is not JSON)"),
        ("extras.x:b.k", "duplicate key in one object"),
        ("extras.x:c[1]", "must be a JSON value (got Infinity, which is not JSON)"),
    ]


def test_clean_extras_read_back_as_given() -> None:
    """The same extras without the hostile values are read, nested values and all."""
    doc = _doc()
    doc["extras"] = {"x:a": 1.5, "x:b": {"k": 2}, "x:c": [1, None, "t"]}
    relay = native.loads(json.dumps(doc))
    assert dict(relay.extras) == {"x:a": 1.5, "x:b": {"k": 2}, "x:c": [1, None, "t"]}


@pytest.mark.parametrize("date", ["2013-02-30", "2013-13-01", "2013-2-3", "07.10.2013"])
def test_a_date_must_be_on_the_calendar_and_in_iso_form(date: str) -> None:
    """A rest day on 30 February, in month 13 or in another form is refused at its date."""
    doc = _doc()
    doc["rest_days"] = [{"date": date}]
    assert _problems(json.dumps(doc)) == [
        ("rest_days[0].date", "must be a date such as '2013-10-07' (got a string)")
    ]


@pytest.mark.parametrize("tp", [bytes, list[int], dict[str, int]])
def test_a_type_without_a_json_form_is_a_type_error(tp: Any) -> None:
    """The codec refuses to describe a type it has no JSON form for, naming it."""
    with pytest.raises(TypeError) as caught:
        Codec().kind(tp)
    assert str(caught.value) == f"no JSON form for {tp!r}"


def test_only_a_number_or_text_union_has_a_json_form() -> None:
    """int | str is not a union the codec can read back unambiguously; float | str is."""
    with pytest.raises(TypeError) as caught:
        Codec().kind(int | str)
    assert str(caught.value) == "no JSON form for a union of [<class 'int'>, <class 'str'>]"
    kind = Codec().kind(float | str | None)
    reader = Reader()
    assert [kind.read(v, (), reader) for v in (1.5, "text", None)] == [1.5, "text", None]


@attrs.frozen
class _Span:
    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            msg = "the span runs backwards"
            raise TimeOrderError(msg)


def test_a_constructor_error_naming_no_field_is_reported_at_the_object() -> None:
    """Where each field is fine alone, the whole object's error stands at the object, with its class."""
    kind = Codec().kind(_Span)
    reader = Reader()
    assert kind.read({"start": 1, "end": 2}, ("span",), reader) == _Span(1, 2)
    with pytest.raises(Invalid):
        kind.read({"start": 2, "end": 1}, ("span",), reader)
    assert [(str(p.location), p.message, p.error) for p in reader.problems] == [
        ("span", "the span runs backwards", "TimeOrderError")
    ]


def test_a_utc_time_without_a_zone_reads_as_utc() -> None:
    """'Z' alone is UTC: a leg departing at 08:00Z departs at that instant, in UTC."""
    doc = _doc()
    doc["legs"][1]["departs"] = "2013-10-06T20:00:00Z"
    leg = native.loads(json.dumps(doc)).legs[1]
    assert leg.departs is not None
    assert (leg.departs.isoformat(), leg.departs.timezone_name) == (
        "2013-10-06T20:00:00+00:00",
        "UTC",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2013-10-07T12:00:00+24:00", "the offset +24:00 is not a valid UTC offset"),
        ("2013-10-07T12:00:00-04:60", "the offset -04:60 is not a valid UTC offset"),
        (
            "2013-02-30T12:00:00+04:00",
            "not a date and time on the calendar (got '2013-02-30T12:00:00+04:00')",
        ),
        (
            "2013-10-07T24:00:00+04:00[Europe/Moscow]",
            "not a date and time on the calendar (got '2013-10-07T24:00:00+04:00[Europe/Moscow]')",
        ),
    ],
)
def test_instant_text_off_the_clock_or_calendar_is_refused(text: str, message: str) -> None:
    """An offset past 23:59, 30 February or hour 24 is a TimeTextError, and a located problem."""
    with pytest.raises(TimeTextError) as caught:
        parse_instant(text)
    assert str(caught.value) == message
    doc = _doc()
    doc["legs"][1]["departs"] = text
    assert _problems(json.dumps(doc)) == [("legs[1].departs", message)]


@pytest.mark.parametrize(
    ("text", "stamp", "offset"),
    [
        ("2013-10-07T12:00:00+04:00", 1_381_132_800.0, 14_400),
        ("2013-10-07T08:00:00Z", 1_381_132_800.0, NO_OFFSET),
        ("2013-10-07T08:00:00.25Z", 1_381_132_800.25, NO_OFFSET),
        ("2013-10-07T05:30:00-02:30", 1_381_132_800.0, -9_000),
    ],
)
def test_point_times_read_and_write_with_the_offset_they_were_given(
    text: str, stamp: float, offset: int
) -> None:
    """A point's time reads as POSIX seconds and its offset (none for Z), and writes back the same."""
    assert parse_point_time(text) == (stamp, offset)
    written = format_point_time(stamp, offset)
    assert parse_point_time(written) == (stamp, offset)
    assert written.endswith("Z" if offset == NO_OFFSET else text[-6:])


def test_a_point_time_with_a_zone_is_refused() -> None:
    """A path point's time carries an offset; RFC 9557's bracketed zone is refused for it."""
    text = "2013-10-07T12:00:00+04:00[Europe/Moscow]"
    with pytest.raises(TimeTextError) as caught:
        parse_point_time(text)
    assert str(caught.value) == f"a point's time has an offset, not a zone (got {text!r})"


def test_an_unknown_zone_in_brackets_is_a_located_problem() -> None:
    """A time whose bracketed zone is no IANA zone is refused at that time, naming the zone."""
    doc = _doc()
    doc["legs"][1]["departs"] = "2013-10-07T00:00:00+04:00[Mars/Olympus]"
    assert _problems(json.dumps(doc)) == [
        (
            "legs[1].departs",
            "unknown time zone 'Mars/Olympus': use an IANA name such as 'Europe/Moscow'",
        )
    ]
