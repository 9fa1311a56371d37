"""The London 2012 relay, read from the compressed native JSON file shipped in the package."""

from __future__ import annotations

import functools
import gzip
from importlib import resources

from .._relay import Relay

_FILE = "london_2012.json.gz"


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
    from ..adapters import native

    data = gzip.decompress(resources.files(__package__).joinpath(_FILE).read_bytes())
    return native.loads(data, source=f"torchrelay.datasets/{_FILE}")
