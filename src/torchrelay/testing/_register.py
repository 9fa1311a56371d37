"""Registers torchrelay's strategies with hypothesis, through its entry point.

Hypothesis calls :func:`_hypothesis_setup_hook` when it loads, so that
``st.from_type(T)`` works for every class torchrelay exports.
"""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from .. import (
        Branch,
        Campaign,
        Claim,
        Coordinate,
        Distance,
        Leg,
        Path,
        Place,
        Relay,
        Relight,
        RestDay,
        Source,
        Sponsor,
        Torchbearer,
    )
    from . import (
        branches,
        campaigns,
        claims,
        coordinates,
        distances,
        legs,
        paths,
        places,
        relays,
        relights,
        rest_days,
        sources,
        sponsors,
        torchbearers,
    )

    registry = {
        Branch: branches(),
        Campaign: campaigns(),
        Claim: claims(),
        Coordinate: coordinates(),
        Distance: distances(),
        Leg: legs(),
        Path: paths(),
        Place: places(),
        Relay: relays(),
        Relight: relights(),
        RestDay: rest_days(),
        Source: sources(),
        Sponsor: sponsors(),
        Torchbearer: torchbearers(),
    }
    for cls, strategy in registry.items():
        st.register_type_strategy(cls, strategy)
