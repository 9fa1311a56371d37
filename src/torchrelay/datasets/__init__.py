"""Built-in relays, for learning, testing and comparing.

Three real relays, each built from public sources with the source of every
leg and figure, and each with its data card in the docs:

- :func:`london_2012`: the London 2012 relay from its convoy's live GPS log,
  70 days with timed paths (:doc:`/london2012`).
- :func:`paris_2024`: the Paris 2024 relay stage by stage, with its overseas
  branches, the ocean relay and the cancelled New Caledonia stage
  (:doc:`/paris2024`).
- :func:`sochi_2014`: the reference relay, Moscow, 7 Oct 2013, to Sochi,
  7 Feb 2014, with its four special projects (:doc:`/sochi`).

:func:`names` lists them by name and :func:`load` returns one by name, for
code (a command line, a test over every dataset) that gets the name as text.
:func:`demo_relay` is two legs built in code, for quick examples.

>>> from torchrelay import datasets
>>> "paris-2024" in datasets.names()
True
>>> datasets.load("paris-2024") is datasets.paris_2024()
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from .._relay import Relay
from ..exceptions import NotFoundError
from ._builtin import london_2012, paris_2024, sochi_2014
from ._demo import demo_relay

# Each built-in relay's name, and the function of this package that returns
# it, looked up by name when asked for: a dataset module adds its import above
# and its line here.
_BUILT_IN = {
    "london-2012": "london_2012",
    "paris-2024": "paris_2024",
    "sochi-2014": "sochi_2014",
}


def names() -> tuple[str, ...]:
    """The names of the built-in relays, sorted, such as ``"paris-2024"``.

    .. versionadded:: 0.1.0
    """
    return tuple(sorted(_BUILT_IN))


def load(name: str) -> Relay:
    """The built-in relay called *name*, one of :func:`names`.

    ``load("paris-2024")`` is ``paris_2024()``: the same object, read once.
    Unlike :func:`torchrelay.load`, which reads a file, this reads only the
    data shipped in the package.

    Raises:
        NotFoundError: If no built-in relay has that name (a :class:`KeyError`);
            the message lists the names there are.

    .. versionadded:: 0.1.0
    """
    if name not in _BUILT_IN:
        known = ", ".join(repr(n) for n in names())
        msg = f"no built-in relay is called {name!r} (there are: {known})"
        raise NotFoundError(msg)
    function = globals().get(_BUILT_IN[name])
    if function is None:
        msg = f"the built-in relay {name!r} is not in this version of torchrelay"
        raise NotFoundError(msg)
    relay: Relay = function()
    return relay


__all__ = ["demo_relay", "load", "london_2012", "names", "paris_2024", "sochi_2014"]
