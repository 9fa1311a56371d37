"""The Sochi 2014 relay, read from the native JSON file shipped in the package."""

from __future__ import annotations

import functools
from importlib import resources

from .._relay import Relay

_FILE = "sochi_2014.json"


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
    from ..adapters import native

    data = resources.files(__package__).joinpath(_FILE).read_bytes()
    return native.loads(data, source=f"torchrelay.datasets/{_FILE}")
