"""Smaller model checks: planned stops, time zones as data, extras, parse errors, redaction."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import attrs
import pendulum
import pytest
from hypothesis import given, settings

from torchrelay import (
    PERSONAL,
    Coordinate,
    FlameState,
    Leg,
    Place,
    Policy,
    Rule,
    Stop,
    TransportMode,
    same_instant,
)
from torchrelay._extras import EMPTY, Extras
from torchrelay._redact import _Pseudonyms, _redacted
from torchrelay._time import zone_label
from torchrelay.datasets import demo_relay
from torchrelay.exceptions import (
    InvalidValueError,
    NaiveDatetimeError,
    ParseError,
    Problem,
)
from torchrelay.validation import Context

ZONE = "Europe/Moscow"
MOSCOW = Place("Moscow", Coordinate(55.7539, 37.6208), timezone=ZONE, region="Moscow", country="RU")


# -- Planned stops -----------------------------------------------------------------------


@pytest.mark.parametrize("field", ["dwell", "duration"])
@pytest.mark.parametrize(("value", "shown"), [(5, "int: 5"), ("1h", "str: '1h'")])
def test_a_stop_takes_its_times_as_timedeltas(field: str, value: object, shown: str) -> None:
    """A dwell or a duration given as a number or a text is refused, showing what it got."""
    with pytest.raises(InvalidValueError) as caught:
        Stop(MOSCOW, TransportMode.CAR, **{field: value})  # type: ignore[arg-type]
    assert str(caught.value) == f"must be a timedelta (got {shown})"
    assert getattr(Stop(MOSCOW, TransportMode.CAR, **{field: dt.timedelta(0)}), field) == (
        dt.timedelta(0)
    )


@pytest.mark.parametrize("speed", ["fast", True, [10]])
def test_a_stop_speed_must_be_a_number(speed: object) -> None:
    """A speed that is a text, a boolean or a list is refused, showing it."""
    with pytest.raises(InvalidValueError) as caught:
        Stop(MOSCOW, TransportMode.CAR, speed_kmh=speed)  # type: ignore[arg-type]
    assert str(caught.value) == f"'speed_kmh' must be a number (got {speed!r})"


# -- Time zones as data ------------------------------------------------------------------


def test_an_offset_with_seconds_is_refused_for_a_leg_time() -> None:
    """A fixed offset of 4:00:30 cannot be written in RFC 3339: refused, saying to give a zone."""
    odd = dt.timezone(dt.timedelta(hours=4, seconds=30))
    with pytest.raises(InvalidValueError) as caught:
        Leg(
            MOSCOW,
            MOSCOW,
            dt.datetime(2013, 10, 7, 10, tzinfo=odd),
            dt.datetime(2013, 10, 7, 12, tzinfo=odd),
            TransportMode.RUNNING,
            FlameState.LIT_TORCH,
            id="a",
        )
    assert str(caught.value) == (
        "'departs' has the offset 4:00:30 with seconds, which RFC 3339 cannot write; "
        "give it an IANA zone instead"
    )


def test_a_naive_time_in_year_1_is_naive_not_out_of_range() -> None:
    """A naive datetime at the very start of the calendar is refused as naive, as any other is."""
    with pytest.raises(NaiveDatetimeError) as caught:
        Leg(
            MOSCOW,
            MOSCOW,
            dt.datetime(1, 1, 1),
            dt.datetime(1, 1, 1, 1),
            TransportMode.RUNNING,
            FlameState.LIT_TORCH,
            id="a",
        )
    assert str(caught.value).startswith(
        "'departs' must be timezone-aware (got naive 0001-01-01T00:00:00)"
    )


def test_a_zoneinfo_time_is_labelled_by_its_zone_name() -> None:
    """A stdlib zoneinfo time is labelled by its key, as a pendulum one by its name."""
    moscow = dt.datetime(2013, 10, 7, 12, tzinfo=zoneinfo.ZoneInfo(ZONE))
    assert zone_label(moscow) == ZONE == zone_label(pendulum.instance(moscow))
    assert zone_label(dt.datetime(2013, 10, 7, tzinfo=dt.timezone(dt.timedelta(hours=4)))) == (
        "+04:00"
    )


def test_no_time_is_the_same_instant_only_as_no_time() -> None:
    """same_instant(None, None) is true; None against a time is false, either way round."""
    now = pendulum.datetime(2013, 10, 7, 12, tz=ZONE)
    assert same_instant(None, None)
    assert not same_instant(None, now)
    assert not same_instant(now, None)


# -- Extras ------------------------------------------------------------------------------


def test_a_nested_key_with_a_control_character_is_named_where_it_is() -> None:
    """A NUL inside a nested key is refused, with the path to the key and where in it."""
    with pytest.raises(InvalidValueError) as caught:
        Extras({"x:a": {"b\x00": 1}})
    assert str(caught.value) == (
        "'extras['x:a']['b\\x00']' key must not contain a control character (U+0000) at index 1"
    )


def test_extras_compare_only_with_extras() -> None:
    """Extras equal extras of the same values; a plain dict is a different kind of value."""
    extras = Extras({"x:a": 1})
    assert extras == Extras({"x:a": 1})
    assert extras.__eq__({"x:a": 1}) is NotImplemented
    assert extras != {"x:a": 1}


def test_no_extras_are_the_empty_extras() -> None:
    """extras=None gives the shared empty Extras, equal to extras={}."""
    place = Place("Moscow", Coordinate(55.7539, 37.6208), timezone=ZONE, extras=None)
    assert place.extras is EMPTY
    assert place == attrs.evolve(place, extras={})


# -- Parse errors ------------------------------------------------------------------------


def test_a_parse_error_without_problems_still_says_something() -> None:
    """ParseError([]) holds one problem saying the input could not be read, after the source."""
    error = ParseError([], "x.relay.json")
    assert error.problems == (Problem("", "the input could not be read"),)
    assert str(error) == "x.relay.json: the input could not be read"
    assert str(ParseError([])) == "the input could not be read"


# -- Redaction ---------------------------------------------------------------------------


@attrs.frozen
class _Note:
    author: str | None = attrs.field(default=None, metadata={PERSONAL: True})
    text: str = "x"
    length: int = attrs.field(init=False, default=0)


def test_redaction_leaves_fields_that_are_not_arguments_alone() -> None:
    """The walk blanks personal fields and skips fields the constructor does not take."""
    note = _Note(author="A. Writer", text="kept")
    redacted = _redacted(note, _Pseudonyms())
    assert (redacted.author, redacted.text, redacted.length) == (None, "kept", 0)
    assert _redacted(_Note(text="kept"), _Pseudonyms()) == _Note(text="kept")


# -- The strategies shipped for users ------------------------------------------------------


@settings(max_examples=10, deadline=None)
@given(...)
def test_generated_rules_find_nothing(rule: Rule) -> None:
    """A rule drawn by from_type(Rule) checks a relay and finds nothing, as documented."""
    assert list(rule.check(Context(demo_relay(), Policy()))) == []
