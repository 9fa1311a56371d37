"""assert_equivalent and the relays() knobs: round-trip tests that compare on what a format keeps."""

from __future__ import annotations

import re

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from torchrelay import Coordinate, Extras, FlameState, Leg, LegStatus, Place, Relay, TransportMode
from torchrelay.adapters import Feature, get_format, native
from torchrelay.adapters._losses import losses
from torchrelay.testing import assert_equivalent, project, relays

MOSCOW = Place("Moscow", Coordinate(55.7539, 37.6208), timezone="Europe/Moscow")
TVER = Place("Tver", Coordinate(56.8587, 35.9176), timezone="Europe/Moscow")


def _relay(**leg_changes: object) -> Relay:
    leg = Leg(
        MOSCOW,
        TVER,
        pendulum.datetime(2013, 10, 7, 12, tz="Europe/Moscow"),
        pendulum.datetime(2013, 10, 7, 16, tz="Europe/Moscow"),
        TransportMode.RUNNING,
        FlameState.LIT_TORCH,
        id="a",
    )
    return Relay("r", "g", [attrs.evolve(leg, **leg_changes)])


def test_equal_relays_are_equivalent_on_everything() -> None:
    """A relay is equivalent to an equal copy with every feature kept."""
    assert_equivalent(_relay(), _relay())


def test_the_first_difference_is_named_with_both_values() -> None:
    """A zone change fails on all features, naming legs[0].departs and both times."""
    moved = _relay(departs=pendulum.datetime(2013, 10, 7, 8, tz="UTC"))
    with pytest.raises(AssertionError) as caught:
        assert_equivalent(_relay(), moved)
    message = str(caught.value)
    assert message.startswith("relays differ at legs[0].departs: ")
    assert "2013-10-07T12:00:00+04:00" in message
    assert "2013-10-07T08:00:00+00:00" in message


def test_features_not_kept_are_not_compared() -> None:
    """Without TIMEZONES the same instant in UTC is equivalent; a different instant is not."""
    keeps = frozenset(Feature) - {Feature.TIMEZONES}
    assert_equivalent(
        _relay(), _relay(departs=pendulum.datetime(2013, 10, 7, 8, tz="UTC")), keeps=keeps
    )
    with pytest.raises(AssertionError, match=r"legs\[0\]\.departs"):
        assert_equivalent(
            _relay(), _relay(departs=pendulum.datetime(2013, 10, 7, 9, tz="UTC")), keeps=keeps
        )


@pytest.mark.parametrize(
    ("feature", "changes", "where"),
    [
        (Feature.LEG_STATUS, {"status": LegStatus.CANCELLED}, "legs[0].status"),
        (Feature.EXTRAS, {"extras": Extras({"gpx:desc": "x"})}, "legs[0].extras"),
        (Feature.FLAME, {"mode": TransportMode.CAR}, "legs[0].mode"),
    ],
)
def test_each_feature_is_compared_only_when_kept(
    feature: Feature, changes: dict[str, object], where: str
) -> None:
    """A difference in one feature fails where it is kept and passes where it is not."""
    with pytest.raises(AssertionError, match="^relays differ at " + re.escape(where)):
        assert_equivalent(_relay(), _relay(**changes))
    assert_equivalent(_relay(), _relay(**changes), keeps=frozenset(Feature) - {feature})


def test_project_drops_what_a_format_lacks() -> None:
    """Projecting onto no features leaves legs with unknown mode and flame, in UTC, held."""
    relay = _relay(status=LegStatus.PLANNED, extras={"gpx:desc": "x"})
    bare = project(relay, ())
    leg = bare.legs[0]
    assert (leg.mode, leg.flame, leg.status) == (
        TransportMode.UNKNOWN,
        FlameState.UNKNOWN,
        LegStatus.HELD,
    )
    assert leg.departs is not None
    assert leg.departs.timezone_name == "UTC"
    assert not leg.extras
    assert leg.origin.timezone is None


_KNOBS = {
    "with_branches": Feature.BRANCHES,
    "with_claims": Feature.CLAIMS,
    "with_places": Feature.PLACES,
    "with_extras": Feature.EXTRAS,
    "with_segments": Feature.SEGMENTS,
    "with_columns": Feature.COLUMNS,
    "with_offsets": Feature.OFFSETS,
    "with_zones": Feature.TIMEZONES,
}


@pytest.mark.parametrize(("knob", "feature"), list(_KNOBS.items()))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_each_knob_leaves_its_feature_out(knob: str, feature: Feature, data: st.DataObject) -> None:
    """relays(with_x=False) makes relays in which the loss counter finds no x to drop."""
    relay = data.draw(relays(**{knob: False}))
    assert losses(relay, frozenset(Feature) - {feature}) == ()


def test_partial_times_knob_gives_fully_timed_paths() -> None:
    """relays(with_partial_times=False) never draws a path with an untimed point among timed ones."""

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(relays(with_partial_times=False))
    def check(relay: Relay) -> None:
        for _, leg in relay.all_legs():
            if leg.path is not None and leg.path.times is not None:
                assert leg.path.has_times

    check()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(relays())
def test_native_round_trips_are_equivalent_on_all_it_keeps(relay: Relay) -> None:
    """The native format keeps every feature, and its round trip is equivalent on all of them."""
    fmt = get_format("native")
    assert fmt.keeps == frozenset(Feature)
    assert_equivalent(relay, fmt.loads(fmt.dumps(relay)), keeps=fmt.keeps)
    assert native.FORMAT is fmt
