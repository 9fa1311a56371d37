"""Built-in relays, for learning, testing and comparing.

:func:`sochi_2014` is the reference relay: Moscow, 7 Oct 2013, to Sochi, 7 Feb
2014, with its four special projects and a source for every leg and figure.
:func:`demo_relay` is two legs built in code, for quick examples.

:func:`london_2012` is the London 2012 relay from its convoy's live GPS log:
70 days, with timed paths.

.. versionadded:: 0.1.0
"""

from ._demo import demo_relay
from ._london import london_2012
from ._sochi import sochi_2014

__all__ = [
    "demo_relay",
    "london_2012",
    "sochi_2014",
]
