"""Rule cases that generated relays reach only by chance: altitude limits, space legs, nested carries."""

from __future__ import annotations

import pendulum

from torchrelay import (
    AltitudeReference,
    Branch,
    Coordinate,
    FlameSource,
    FlameState,
    Leg,
    Place,
    Relay,
    Torchbearer,
    TransportMode,
    validate,
)

ZONE = "Europe/Moscow"
M, F = TransportMode, FlameState


def _place(
    name: str,
    lat: float,
    alt: float | None = None,
    ref: AltitudeReference = AltitudeReference.MEAN_SEA_LEVEL,
) -> Place:
    return Place(name, Coordinate(lat, 37.62, altitude=alt, altitude_reference=ref), timezone=ZONE)


A, B, FAR = _place("A", 55.75), _place("B", 55.77), _place("Far", 57.00)


def _leg(
    n: int,
    origin: Place,
    destination: Place,
    start: float,
    end: float,
    mode: TransportMode = M.RUNNING,
    flame: FlameState = F.LIT_TORCH,
    *,
    people: tuple[Torchbearer, ...] | None = None,
) -> Leg:
    t0 = pendulum.datetime(2013, 10, 7, 10, tz=ZONE)
    return Leg(
        origin,
        destination,
        t0.add(seconds=round(start * 3600)),
        t0.add(seconds=round(end * 3600)),
        mode,
        flame,
        id=f"leg-{n}",
        lit_from=FlameSource.SUN if n == 0 else FlameSource.PREVIOUS,
        torchbearers=people
        if people is not None
        else (Torchbearer(birth_year=1980, id=f"tb-{n}"),),
    )


def _messages(code: str, *legs: Leg, **kw: object) -> list[str]:
    relay = Relay("r", "g", legs, timezone=ZONE, **kw)  # type: ignore[arg-type]
    return [f.message for f in validate(relay, select=code).findings]


FIRST = _leg(0, A, B, 0, 1)


def test_a_dive_deeper_than_a_diver_can_go_is_reported() -> None:
    """TR304: 400 m below the water surface is too deep for a dive; 13 m is not."""
    surface = AltitudeReference.WATER_SURFACE
    deep = _leg(1, B, _place("Deep", 55.77, -400.0, surface), 1, 2, M.DIVING, F.FLARE)
    assert _messages("TR304", FIRST, deep) == [
        "leg 1 'leg-1' (B → Deep): its destination is at -400 m (water surface), "
        "deeper than a diver can go by diving"
    ]
    shallow = _leg(1, B, _place("Shallow", 55.77, -13.0, surface), 1, 2, M.DIVING, F.FLARE)
    assert _messages("TR304", FIRST, shallow) == []


def test_a_dive_measured_from_sea_level_has_no_depth_limit() -> None:
    """TR304: without the water surface as reference, a dive's depth cannot be judged."""
    low = _leg(1, B, _place("Low", 55.77, -1000.0), 1, 2, M.DIVING, F.FLARE)
    assert _messages("TR304", FIRST, low) == []


def test_a_flight_above_the_air_limit_is_reported() -> None:
    """TR304: a plane's destination 60 km up is too high for air; 10 km is not."""
    high = _leg(1, B, _place("High", 55.77, 60_000.0), 1, 2, M.PLANE, F.LANTERN)
    assert _messages("TR304", FIRST, high) == [
        "leg 1 'leg-1' (B → High): its destination is at 60,000 m (mean sea level), "
        "too high for a leg on air by plane"
    ]
    cruise = _leg(1, B, _place("Cruise", 55.77, 10_000.0), 1, 2, M.PLANE, F.LANTERN)
    assert _messages("TR304", FIRST, cruise) == []


def test_a_branch_leaving_from_a_space_leg_is_not_held_to_a_distance() -> None:
    """TR104: a branch's start is far from the leg it leaves from; only a space leg excuses it."""
    for mode, flame, expected in [(M.SPACECRAFT, F.UNLIT, 0), (M.CAR, F.LANTERN, 1)]:
        source = _leg(1, B, B, 1, 2, mode, flame)
        branch = Branch("away", [_leg(9, FAR, FAR, 1.5, 1.8, M.CAR, F.UNLIT)], leaves_from="leg-1")
        found = _messages("TR104", FIRST, source, branches=(branch,))
        assert len(found) == expected, (mode, found)
        if expected:
            assert found[0] == (
                "branch 'away' leaves from leg 1 'leg-1' (B), but its first leg starts "
                "137.0 km from either end of it (tolerance 5 km)"
            )


def test_a_long_carry_overlaps_every_leg_inside_it() -> None:
    """TR502: one person on a leg from 0 h to 3 h cannot carry legs at 1 h and at 2.5 h too.

    The long leg stays the one held after the short one inside it ends.
    """
    person = (Torchbearer(birth_year=1980, id="same"),)
    legs = (
        _leg(0, A, B, 0, 3, people=person),
        _leg(1, B, A, 1, 2, people=person),
        _leg(2, A, B, 2.5, 3.5, people=person),
    )
    found = _messages("TR502", *legs)
    assert len(found) == 2
    assert "carries leg 1 'leg-1'" in found[0]
    assert "carries leg 2 'leg-2'" in found[1]
    assert all("while still on leg 0 'leg-0'" in message for message in found)
