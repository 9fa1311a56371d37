"""The Paris 2024 relay, read from the native JSON file shipped in the package."""

from __future__ import annotations

import functools
from importlib import resources

from .._relay import Relay

_FILE = "paris_2024.json"


@functools.cache
def paris_2024() -> Relay:
    """The Paris 2024 Olympic torch relay, stage by stage, with the source of every leg and figure.

    The main line runs from the lighting at Olympia on 16 Apr 2024 through the
    Greek relay and the Belem's crossing to Marseille (8 May), then through
    the 68 numbered stages to the cauldron in the Tuileries in Paris on
    26 Jul 2024, with the flame in a lantern on the trimaran Maxi Banque
    Populaire XI from Brest to Guadeloupe and Martinique. The stages in French
    Guiana, New Caledonia (cancelled, and kept as such), Réunion and French
    Polynesia, whose flames were lit from lantern copies while the trimaran was
    at sea, are branches. Overseas stages fall on their local dates, in their
    own zones. Published figures that disagree are all kept as claims.

    The coordinates come from GeoNames (CC BY 4.0) and the public pages named
    in the data; see :doc:`/paris2024` for the sources, the licence and how the
    data were modelled.

    The relay is immutable, so the same object is returned on every call.

    >>> from torchrelay.datasets import paris_2024
    >>> relay = paris_2024()
    >>> relay.leg("stage-29").status
    <LegStatus.CANCELLED: 'cancelled'>
    >>> sorted(b.name for b in relay.branches)
    ['guyane', 'la-reunion', 'nouvelle-caledonie', 'polynesie']

    .. versionadded:: 0.1.0
    """
    from ..adapters import native

    data = resources.files(__package__).joinpath(_FILE).read_bytes()
    return native.loads(data, source=f"torchrelay.datasets/{_FILE}")
