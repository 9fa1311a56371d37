"""The built-in relays, each read once from the native JSON file shipped in the package."""

from __future__ import annotations

import functools
import gzip
from importlib import resources

from .._relay import Relay

__all__ = ["london_2012", "paris_2024", "sochi_2014"]


def _read(name: str) -> Relay:
    """The relay in the package's file *name*, gunzipped if it ends in ``.gz``."""
    from ..adapters import native

    data = resources.files(__package__).joinpath(name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return native.loads(data, source=f"torchrelay.datasets/{name}")


@functools.cache
def london_2012() -> Relay:
    """The London 2012 Olympic torch relay, as the convoy's live-tracking feed logged it.

    Seventy days from Land's End (19 May 2012) to London (27 Jul 2012): one
    leg for every stretch the log shows the relay convoy moving, with its
    timed path of fixes taken every 2 minutes; flights and ferries to the
    islands as legs of their own mode where a source names it; the visit to
    Dublin on 6 Jun; and the published figures (8,000 miles, 8,000
    torchbearers, 1,018 to 1,021 communities) as claims with their sources.
    The log's times carry no zone: they are read as ``Europe/London``, an
    assumption the relay records. No torchbearer is named.

    The positions come from the MIT-licensed log of ``commuterjoy/torch-relay``;
    see :doc:`/london2012` for the cleaning rules, the sources and the licence.

    The relay is immutable, so the same object is returned on every call.

    >>> from torchrelay.datasets import london_2012
    >>> relay = london_2012()
    >>> relay.length_in_days(), relay.legs[0].origin.name
    (70, "Land's End")

    .. versionadded:: 0.1.0
    """
    return _read("london_2012.json.gz")


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
    return _read("paris_2024.json")


@functools.cache
def sochi_2014() -> Relay:
    """The Sochi 2014 Olympic torch relay, with the source of every leg and figure.

    The main line runs from the lighting at Olympia on 29 Sep 2013 through the
    Greek relay and the flight to Moscow, then day by day from Moscow (7 Oct
    2013) through all 83 federal subjects of Russia to the Fisht Stadium in
    Sochi (7 Feb 2014). The four special projects are branches: ``north-pole``,
    ``elbrus``, ``baikal`` and ``space``. Published figures that disagree are
    all kept as claims.

    The route's coordinates come from the hflabs city dataset (CC BY-SA 4.0)
    and Wikipedia (CC BY-SA 3.0); see :doc:`/sochi` for the sources, the
    licence and how the data were modelled.

    The relay is immutable, so the same object is returned on every call.

    >>> from torchrelay.datasets import sochi_2014
    >>> relay = sochi_2014()
    >>> len(relay.regions())
    83
    >>> sorted(b.name for b in relay.branches)
    ['baikal', 'elbrus', 'north-pole', 'space']

    .. versionadded:: 0.1.0
    """
    return _read("sochi_2014.json")
