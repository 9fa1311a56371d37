"""Registers torchrelay's strategies with hypothesis, through its entry point.

Hypothesis calls :func:`_hypothesis_setup_hook` while it is itself being
imported, possibly from inside ``import torchrelay.testing``; so the hook
registers functions that look the strategies up only when a test asks for them.
"""

from __future__ import annotations

import importlib
from typing import Any

_STRATEGIES = {
    "BoundingBox": "bounding_boxes",
    "Branch": "branches",
    "Campaign": "campaigns",
    "Claim": "claims",
    "Coordinate": "coordinates",
    "Distance": "distances",
    "Extras": "extras",
    "Finding": "findings",
    "Leg": "legs",
    "ModeInfo": "mode_infos",
    "Path": "paths",
    "Place": "places",
    "Policy": "policies",
    "Relay": "relays",
    "RelayDay": "relay_days",
    "Relight": "relights",
    "RestDay": "rest_days",
    "Rule": "rules",
    "Source": "sources",
    "Speed": "speeds",
    "Sponsor": "sponsors",
    "Stop": "stops",
    "Torchbearer": "torchbearers",
    "ValidationReport": "validation_reports",
    "Whereabouts": "whereabouts",
}


def _deferred(strategy_name: str) -> Any:
    def resolve(_cls: type) -> Any:
        testing = importlib.import_module("torchrelay.testing")
        return getattr(testing, strategy_name)()

    return resolve


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    import torchrelay

    for class_name, strategy_name in _STRATEGIES.items():
        st.register_type_strategy(getattr(torchrelay, class_name), _deferred(strategy_name))
