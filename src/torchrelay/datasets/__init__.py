"""Built-in relays, for learning, testing and comparing.

.. versionadded:: 0.1.0
"""

from ._demo import demo_relay

__all__ = ["demo_relay"]
