"""Built-in relays, for learning, testing and comparing.

:func:`sochi_2014` is the reference relay: Moscow, 7 Oct 2013, to Sochi, 7 Feb
2014, with its four special projects and a source for every leg and figure.
:func:`demo_relay` is two legs built in code, for quick examples.

.. versionadded:: 0.1.0
"""

from ._demo import demo_relay
from ._sochi import sochi_2014

__all__ = ["demo_relay", "sochi_2014"]
