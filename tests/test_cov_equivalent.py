"""project() and assert_equivalent() on paths, campaigns and rest days, and the differences they name."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import attrs
import pendulum
import pytest

from torchrelay import (
    AltitudeReference,
    Campaign,
    Coordinate,
    Distance,
    DistanceBasis,
    FlameState,
    Leg,
    Path,
    Place,
    Relay,
    RestDay,
    Source,
    Sponsor,
    Torchbearer,
    TransportMode,
)
from torchrelay.adapters import Feature
from torchrelay.testing import assert_equivalent, project
from torchrelay.testing._equivalent import _differences

ZONE = "Europe/Moscow"
MOSCOW = Place("Moscow", Coordinate(55.7539, 37.6208), timezone=ZONE, region="Moscow", country="RU")
KHIMKI = Place(
    "Khimki", Coordinate(55.8970, 37.4297), timezone=ZONE, region="Moscow Oblast", country="RU"
)
DEPARTS = pendulum.datetime(2013, 10, 7, 12, tz=ZONE)
ARRIVES = pendulum.datetime(2013, 10, 7, 14, tz=ZONE)
SOURCE = Source("https://example.org/relay", title="A source", extras={"x:note": "kept"})
ALL = frozenset(Feature)


def _path(**changes: Any) -> Path:
    columns: dict[str, Any] = {"gpxtpx:hr": [120.0, math.nan, 130.0], "gpx:name": ["a", None, "c"]}
    arguments: dict[str, Any] = {
        "altitudes": [150.0, 160.0, 170.0],
        "times": [DEPARTS, DEPARTS.add(hours=1), ARRIVES],
        "segment_starts": [2],
        "columns": columns,
        "altitude_reference": AltitudeReference.ELLIPSOID,
        "timezone": ZONE,
    }
    arguments.update(changes)
    return Path.from_arrays([55.7539, 55.83, 55.8970], [37.6208, 37.5, 37.4297], **arguments)


def _leg(**changes: Any) -> Leg:
    leg = Leg(
        MOSCOW,
        KHIMKI,
        DEPARTS,
        ARRIVES,
        TransportMode.RUNNING,
        FlameState.LIT_TORCH,
        id="to-khimki",
        path=_path(),
        torchbearers=(Torchbearer(name="A. Runner", id="tb-1", extras={"x:shoe": "42"}),),
    )
    return attrs.evolve(leg, **changes)


def _relay(*legs: Leg, **changes: Any) -> Relay:
    campaign = Campaign(
        "Campaign",
        "Sponsor",
        applications=10,
        votes=20,
        selected=2,
        torchbearers=(Torchbearer(name="B. Chosen", id="tb-2", extras={"x:shoe": "40"}),),
    )
    relay = Relay(
        "r",
        "g",
        legs or (_leg(),),
        sponsors=(Sponsor("Sponsor", olympic_partner_since=1928, relay_partner_since=1992),),
        campaigns=(campaign,),
        rest_days=(RestDay(dt.date(2013, 10, 8), place=KHIMKI, note="rest", sources=(SOURCE,)),),
        timezone=ZONE,
    )
    return attrs.evolve(relay, **changes)


def _message(a: Relay, b: Relay, keeps: frozenset[Feature] = ALL) -> str:
    with pytest.raises(AssertionError) as caught:
        assert_equivalent(a, b, keeps=keeps)
    return str(caught.value)


def test_project_drops_each_path_feature_a_format_lacks() -> None:
    """Without point times, altitudes, segments, columns and zones, a path keeps its positions only."""
    drop = {
        Feature.POINT_TIMES,
        Feature.ALTITUDES,
        Feature.SEGMENTS,
        Feature.COLUMNS,
        Feature.TIMEZONES,
    }
    path = project(_relay(), ALL - drop).legs[0].path
    assert path is not None
    assert path.latitudes.tolist() == [55.7539, 55.83, 55.8970]
    assert (path.times, path.offsets, path.altitudes) == (None, None, None)
    assert path.altitude_reference is AltitudeReference.MEAN_SEA_LEVEL
    assert (path.timezone, path.segment_starts, dict(path.columns)) == (None, (), {})


def test_project_drops_offsets_alone_and_keeps_the_times() -> None:
    """Without OFFSETS a path keeps its times (as instants) and loses only the offsets."""
    before = _relay().legs[0].path
    path = project(_relay(), ALL - {Feature.OFFSETS}).legs[0].path
    assert before is not None
    assert path is not None
    assert before.offsets is not None
    assert path.offsets is None
    assert path.times is not None
    assert path.times.tolist() == before.times.tolist()  # type: ignore[union-attr]
    assert path.timezone == ZONE
    assert path.segment_starts == (2,)


def test_a_path_without_columns_is_left_as_it_is_when_columns_are_dropped() -> None:
    """Dropping COLUMNS from a path that has none changes nothing: the same object comes back."""
    path = _path(columns=None)
    relay = _relay(_leg(path=path))
    assert project(relay, ALL - {Feature.COLUMNS}).legs[0].path is path


def test_project_empties_campaigns_and_rest_days_by_feature() -> None:
    """TORCHBEARERS empties campaigns' people, EXTRAS clears their extras, CLAIMS a rest day's sources."""
    relay = _relay()
    assert project(relay, ALL - {Feature.TORCHBEARERS}).campaigns[0].torchbearers == ()
    person = project(relay, ALL - {Feature.EXTRAS}).campaigns[0].torchbearers[0]
    assert (person.name, dict(person.extras)) == ("B. Chosen", {})
    assert project(relay, ALL - {Feature.CLAIMS}).rest_days[0].sources == ()
    kept = project(relay, ALL - {Feature.FLAME})
    assert kept.campaigns == relay.campaigns
    assert kept.rest_days == relay.rest_days


@pytest.mark.parametrize(
    ("changes", "where", "values"),
    [
        (
            {"altitudes": [150.0, 161.0, 170.0]},
            "legs[0].path.altitudes[1]",
            "160.0 != 161.0",
        ),
        (
            {"columns": {"gpxtpx:hr": [120.0, math.nan, 130.0], "gpx:name": ["a", "b", "c"]}},
            "legs[0].path.columns['gpx:name'][1]",
            "None != 'b'",
        ),
        (
            {"columns": {"gpxtpx:hr": [120.0, math.nan, 131.0], "gpx:name": ["a", None, "c"]}},
            "legs[0].path.columns['gpxtpx:hr'][2]",
            "130.0 != 131.0",
        ),
        (
            {"columns": {"gpxtpx:hr": [120.0, math.nan, 130.0]}},
            "legs[0].path.columns",
            "['gpx:name', 'gpxtpx:hr'] != ['gpxtpx:hr']",
        ),
        ({"segment_starts": [1]}, "legs[0].path.segment_starts", "(2,) != (1,)"),
        (
            {"columns": {"gpxtpx:hr": ["120", None, "130"], "gpx:name": ["a", None, "c"]}},
            "legs[0].path.columns['gpxtpx:hr']",
            "'float64 x 3' != 'object x 3'",
        ),
    ],
)
def test_a_path_difference_is_named_at_its_column_and_point(
    changes: dict[str, Any], where: str, values: str
) -> None:
    """The first differing column, point or field of a path is named, with both values."""
    message = _message(_relay(), _relay(_leg(path=_path(**changes))))
    assert message == f"relays differ at {where}: {values}"


def test_a_missing_column_is_named_with_none_on_its_side() -> None:
    """A path without altitudes against one with them names the altitudes column."""
    message = _message(_relay(), _relay(_leg(path=_path(altitudes=None))))
    assert message.startswith("relays differ at legs[0].path.altitudes: array([150., 160., 170.])")
    assert message.endswith("!= None")


def test_paths_of_different_lengths_are_named_by_their_shapes() -> None:
    """A path of two points against one of three gives both shapes, not a point."""
    short = Path.from_arrays([55.7539, 55.8970], [37.6208, 37.4297])
    long = Path.from_arrays([55.7539, 55.83, 55.8970], [37.6208, 37.5, 37.4297])
    message = _message(_relay(_leg(path=short)), _relay(_leg(path=long)))
    assert message == "relays differ at legs[0].path.latitudes: 'float64 x 2' != 'float64 x 3'"


def test_a_path_against_none_is_named_with_both_values() -> None:
    """A leg with a path against one without names the path, whatever it holds."""
    message = _message(_relay(), _relay(_leg(path=None)))
    assert re.fullmatch(r"relays differ at legs\[0\]\.path: <Path of 3 points .*> != None", message)


def test_a_missing_leg_is_named_as_a_length() -> None:
    """A relay with one more leg differs at the length of its legs."""
    second = _leg(id="back", origin=KHIMKI, destination=MOSCOW, path=None)
    message = _message(_relay(_leg(), second), _relay(_leg()))
    assert message == "relays differ at legs (length): 2 != 1"


def test_a_declared_distance_differs_by_metres_not_by_basis() -> None:
    """Distance.basis takes no part in equality, so it is never named; metres are."""
    declared = Distance(1000.0, basis=DistanceBasis.DECLARED)
    assert_equivalent(
        _relay(_leg(declared_distance=declared)),
        _relay(_leg(declared_distance=Distance(1000.0, basis=DistanceBasis.PATH))),
    )
    message = _message(
        _relay(_leg(declared_distance=declared)),
        _relay(_leg(declared_distance=Distance(1500.0, basis=DistanceBasis.DECLARED))),
    )
    assert message == "relays differ at legs[0].declared_distance.meters: 1000.0 != 1500.0"


def test_a_point_time_difference_is_ignored_only_without_point_times() -> None:
    """A path time one second off fails on all features, and passes without POINT_TIMES."""
    later = [DEPARTS, DEPARTS.add(hours=1, seconds=1), ARRIVES]
    a, b = _relay(), _relay(_leg(path=_path(times=later)))
    assert _message(a, b).startswith("relays differ at legs[0].path.times[1]: ")
    assert_equivalent(a, b, keeps=ALL - {Feature.POINT_TIMES})


def test_the_walk_behind_the_message_finds_every_difference_in_field_order() -> None:
    """Past the first difference the walk goes on: each differing place is listed once, in order.

    assert_equivalent reports only the first; the rest are what a caller of
    the walk (a debugging session) sees.
    """
    later = DEPARTS.add(minutes=5)
    other = _leg(
        departs=later.in_tz("UTC"),
        path=Path.from_arrays([55.7539, 55.8970], [37.6208, 37.4297]),
        torchbearers=(),
        declared_distance=Distance(1500.0, basis=DistanceBasis.DECLARED),
    )
    first = _relay(_leg(declared_distance=Distance(1000.0)))
    found = [where for where, _, _ in _differences("", first, _relay(other, timezone=None))]
    assert found == [
        "legs[0].departs",
        "legs[0].torchbearers (length)",
        "legs[0].path.latitudes",
        "legs[0].path.longitudes",
        "legs[0].path.altitudes",
        "legs[0].path.times",
        "legs[0].path.offsets",
        "legs[0].path.altitude_reference",
        "legs[0].path.timezone",
        "legs[0].path.segment_starts",
        "legs[0].path.columns",
        "legs[0].declared_distance.meters",
        "timezone",
    ]


def test_the_walk_names_only_the_columns_that_differ() -> None:
    """Two paths without altitudes or times that differ in one latitude differ there alone."""
    a = Path.from_arrays([55.7539, 55.8970], [37.6208, 37.4297])
    b = Path.from_arrays([55.7539, 55.9000], [37.6208, 37.4297])
    assert list(_differences("path", a, b)) == [("path.latitudes[1]", 55.897, 55.9)]
