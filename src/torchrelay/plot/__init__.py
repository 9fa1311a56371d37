"""Pictures of a relay: a route map, a timeline and an altitude profile.

Each function takes a :class:`~torchrelay.Relay` and returns a matplotlib
:class:`~matplotlib.figure.Figure`, for notebooks and scripts; :func:`save`
writes one as PNG, SVG or PDF with no dates or random ids, so the same relay
always gives the same bytes. Nothing is drawn on a screen and nothing is
fetched: the land outlines are Natural Earth's, shipped with torchrelay.

Needs matplotlib, which the ``plot`` extra installs::

    pip install 'torchrelay[plot]'

>>> from torchrelay.datasets import sochi_2014
>>> from torchrelay.plot import route_map, save
>>> figure = route_map(sochi_2014())
>>> save(figure, "sochi-2014-map.svg")  # doctest: +SKIP

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from ..exceptions import MissingDependencyError

try:
    import matplotlib as _matplotlib
except ImportError as _error:
    _msg = (
        "torchrelay.plot needs matplotlib: pip install 'torchrelay[plot]' "
        "(from a checkout: pip install -e '.[plot]')"
    )
    raise MissingDependencyError(_msg) from _error

from ._map import route_map
from ._output import FORMATS, save
from ._profile import altitude_profile
from ._timeline import timeline

del _matplotlib

__all__ = ["FORMATS", "altitude_profile", "route_map", "save", "timeline"]
